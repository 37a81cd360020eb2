// The slides a presentation can show, in their order, with their titles; the playlist in the URL
// (?slides=kpi,trend) picks some of them.
import type { MessageKey } from "../../lib/i18n";

export const SLIDES = [
  "kpi",
  "trend",
  "sectors",
  "awards",
  "recipients",
  "compare",
  "map",
] as const;
export type SlideId = (typeof SLIDES)[number];

export const slideTitles: Record<SlideId, MessageKey> = {
  kpi: "overview.figures",
  trend: "overview.trend",
  sectors: "overview.modelsBySector",
  awards: "overview.awardsByLevel",
  recipients: "overview.awardsByRecipient",
  compare: "comparison.title",
  map: "map.title",
};

/** The playlist from the URL (?slides=kpi,trend), unknown names dropped; all slides by default. */
export function parsePlaylist(text: string | null): SlideId[] {
  const chosen = (text ?? "")
    .split(",")
    .filter((s): s is SlideId => (SLIDES as readonly string[]).includes(s));
  return chosen.length > 0 ? chosen : [...SLIDES];
}
