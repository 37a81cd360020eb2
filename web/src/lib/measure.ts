import { formatMoney, formatMoneyShort, formatNumber, formatPercent, type Lang } from "./format";
import { MEASURES, type Measure, measures } from "./labels";

/** A measure's value written the way its kind needs (money in đồng, rates with a decimal...). */
export function formatMeasure(
  measure: Measure,
  value: number | null | undefined,
  lang: Lang,
  options: { short?: boolean } = {},
): string {
  switch (measures[measure]?.format) {
    case "money":
      return options.short ? formatMoneyShort(value, lang) : formatMoney(value, lang);
    case "area":
      return value === null || value === undefined ? "—" : `${formatNumber(value, lang)} m²`;
    case "per100":
      return formatNumber(value, lang, 1);
    case "ratio":
      return formatPercent(value, lang);
    default:
      return formatNumber(value, lang);
  }
}

export function measureLabel(measure: Measure, lang: Lang): string {
  return measures[measure]?.[lang] ?? measure;
}

/** What people gave to the models, with how many took part, in the order of the schema's
 * table (the total, then land in m² and its value, cash and in kind apart, as reports give them). */
export const CONTRIBUTION_MEASURES: readonly Measure[] = MEASURES.filter(
  (m) => m === "MODEL_PARTICIPANTS" || m.startsWith("CONTRIBUTION_"),
);
