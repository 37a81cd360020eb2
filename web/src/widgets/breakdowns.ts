// The breakdowns the pages and the slides show (models by sector, awards by level, form, ground
// and recipient): which measure by which dimension, labelled and coloured the same everywhere.
// A page spreads one into a BreakdownWidget and adds its title, period and drill.
import { awardLevelColors, palette, recipientColors, sectorColors } from "../charts/config";
import type { MessageKey } from "../lib/i18n";
import {
  type AwardForm,
  type AwardGround,
  awardForms,
  awardGrounds,
  awardLevels,
  recipientKinds,
  sectors,
} from "../lib/labels";
import type { BreakdownProps } from "./BreakdownWidget";

type Breakdown = Pick<BreakdownProps, "measure" | "dimension" | "labels" | "colors" | "kind"> & {
  /** Its usual title (the overview's and the slides'); a page may name it otherwise. */
  title: MessageKey;
};

const formColors = {
  ORDER: palette.red,
  CERTIFICATE_OF_MERIT: palette.gold,
  COMMENDATION: palette.blue,
  EMULATION_TITLE: palette.teal,
  EXEMPLARY: palette.purple,
} as const satisfies Record<AwardForm, string>;

const groundColors = {
  YEAR_THEME: palette.red,
  MODEL_PROGRAMME: palette.teal,
  EMULATION_TARGETS: palette.blue,
  OTHER: palette.purple,
} as const satisfies Record<AwardGround, string>;

export const breakdowns = {
  modelsBySector: {
    title: "overview.modelsBySector",
    measure: "MODELS_ACTIVE",
    dimension: "SECTOR",
    labels: sectors,
    colors: sectorColors,
  },
  awardsByLevel: {
    title: "overview.awardsByLevel",
    measure: "AWARDS",
    dimension: "AWARD_LEVEL",
    labels: awardLevels,
    colors: awardLevelColors,
  },
  awardsByForm: {
    title: "awards.byForm",
    measure: "AWARDS",
    dimension: "AWARD_FORM",
    labels: awardForms,
    colors: formColors,
  },
  awardsByGround: {
    title: "awards.byGround",
    measure: "AWARDS",
    dimension: "AWARD_GROUND",
    labels: awardGrounds,
    colors: groundColors,
  },
  awardsByRecipient: {
    title: "overview.awardsByRecipient",
    measure: "AWARDS",
    dimension: "RECIPIENT_KIND",
    labels: recipientKinds,
    colors: recipientColors,
    kind: "share",
  },
} as const satisfies Record<string, Breakdown>;
