import { formatMoney, formatMoneyShort, formatNumber, formatPercent, type Lang } from "./format";
import { type Measure, measures } from "./labels";

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

/** What people gave to the models, as reports give them: the total, then land (m² and its
 * value), cash and in kind apart. */
export const CONTRIBUTION_MEASURES: readonly Measure[] = [
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "CONTRIBUTION_LAND_M2",
  "CONTRIBUTION_LAND_VALUE_VND",
  "CONTRIBUTION_CASH_VND",
  "CONTRIBUTION_IN_KIND_VND",
  "CONTRIBUTION_WORKDAYS",
];
