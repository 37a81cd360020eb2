// A saved view's drill filters on the slides (sector, status, award level, form, recipient,
// ground, programme): each slide is narrowed by those the API can apply to its figures, and
// says which it cannot. Only the breakdowns read `metrics`, which takes filters; the KPI cards,
// the trend, the comparison and the map come from queries without filters. A breakdown shows its
// own dimension whole with the chosen value marked (cross-filtering, as on Khen thưởng).
import { type DrillParam, drillValue } from "../../lib/drill";
import type { MetricsFilter } from "../../widgets/BreakdownWidget";

export type SlideFilterParam = DrillParam | "programme";

export interface SlideFilter {
  param: SlideFilterParam;
  value: string;
  /** Whether this slide's figures are narrowed by it (or, for its own dimension, marked). */
  applied: boolean;
}

export interface SlideFilters {
  filters: SlideFilter[];
  /** The MetricsFilter of the slide's breakdown (its own dimension left out). */
  metrics: MetricsFilter | undefined;
  /** The value of the slide's own dimension, marked on its chart. */
  selected: string | undefined;
}

const ORDER: SlideFilterParam[] = [
  "sector",
  "status",
  "programme",
  "awardLevel",
  "awardForm",
  "recipient",
  "ground",
];

const AWARD_FILTERS: SlideFilterParam[] = ["awardLevel", "awardForm", "recipient", "ground"];

/** Which filters narrow each slide's figures (the model status narrows no aggregate). */
const APPLIES: Record<string, readonly SlideFilterParam[]> = {
  sectors: ["sector", "programme"],
  awards: AWARD_FILTERS,
  recipients: AWARD_FILTERS,
};

/** The slide's own dimension: shown whole, its chosen bar marked. */
const OWN: Record<string, SlideFilterParam> = {
  sectors: "sector",
  awards: "awardLevel",
  recipients: "recipient",
};

/** The MetricsFilter field of each filter. */
const FIELD: Record<SlideFilterParam, keyof MetricsFilter | null> = {
  sector: "sectors",
  status: null,
  programme: "programmes",
  awardLevel: "awardLevels",
  awardForm: "awardForms",
  recipient: "recipientKinds",
  ground: "awardGrounds",
};

function filterValue(params: URLSearchParams, param: SlideFilterParam): string | undefined {
  if (param === "programme") return params.get("programme")?.trim() || undefined;
  return drillValue(params, param);
}

export function slideFilters(params: URLSearchParams, slide: string): SlideFilters {
  const applies = APPLIES[slide] ?? [];
  const own = OWN[slide];
  const filters: SlideFilter[] = [];
  const metrics: Record<string, string[]> = {};
  for (const param of ORDER) {
    const value = filterValue(params, param);
    if (!value) continue;
    const applied = applies.includes(param);
    filters.push({ param, value, applied });
    const field = FIELD[param];
    if (applied && param !== own && field) metrics[field] = [value];
  }
  return {
    filters,
    // Values come from the URL, checked against the label tables (drillValue): the API's enums.
    metrics: Object.keys(metrics).length > 0 ? (metrics as MetricsFilter) : undefined,
    selected: own ? filterValue(params, own) : undefined,
  };
}
