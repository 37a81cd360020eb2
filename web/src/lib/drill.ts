// Drill filters: what a click on a bar, a slice or a trend point narrows. They live in the URL
// (pushed, not replaced) so a link shares the narrowed view and the browser's Back undoes a drill.
// A value the table does not know (an edited or old link) is ignored rather than sent to the API.
import type { MessageKey } from "./i18n";
import {
  awardForms,
  awardGrounds,
  awardLevels,
  modelStatuses,
  recipientKinds,
  sectors,
} from "./labels";

type Labels = Record<string, { vi: string; en: string }>;

/** Each URL parameter a drill may set, with the name its chip shows and its values' labels. */
export const DRILL_FILTERS = {
  sector: { title: "models.sector", labels: sectors as Labels },
  status: { title: "models.status", labels: modelStatuses as Labels },
  awardLevel: { title: "field.level", labels: awardLevels as Labels },
  awardForm: { title: "field.form", labels: awardForms as Labels },
  recipient: { title: "field.recipientKind", labels: recipientKinds as Labels },
  ground: { title: "drill.ground", labels: awardGrounds as Labels },
} satisfies Record<string, { title: MessageKey; labels: Labels }>;

export type DrillParam = keyof typeof DRILL_FILTERS;

/** The parameter's value if it is one the table knows, else undefined. */
export function drillValue<Key extends string = string>(
  params: URLSearchParams,
  param: DrillParam,
): Key | undefined {
  const value = params.get(param);
  return value && value in DRILL_FILTERS[param].labels ? (value as Key) : undefined;
}

/**
 * The URL parameter kept while a trend point narrows the period to its month: the period the
 * reader came from, which removing the month's chip restores.
 */
export const PERIOD_BEFORE_DRILL = "pp";

/** "2025-03-01" (a trend bucket's start) → "2025-03", the month's period in the URL. */
export function monthOf(start: string): string | null {
  const match = /^(\d{4}-\d{2})/.exec(start);
  return match ? (match[1] ?? null) : null;
}
