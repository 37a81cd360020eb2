// Reporting periods: a year, a quarter, a month, the last 12 months or custom days. Encoded
// compactly in the URL (?p=2026, ?p=2026-Q3, ?p=2026-07, ?p=12m, ?p=2026-01-01..2026-06-30) so a
// shared link reopens the same figures. This year or quarter is "to date": the server counts it up
// to today and compares it with the same span of the previous one (cùng kỳ).
import { formatDate, type Lang } from "./format";
import { translate } from "./i18n";

export type PeriodChoice =
  | { kind: "year"; year: number }
  | { kind: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: "month"; year: number; month: number }
  /** The 12 months ending with this month (the browser's), up to today. */
  | { kind: "last12" }
  | { kind: "custom"; from: string; to: string };

/** What the API takes: `input Period { from: Date!, to: Date! }`. */
export interface PeriodInput {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function periodRange(choice: PeriodChoice, today: Date = new Date()): PeriodInput {
  switch (choice.kind) {
    case "month":
      return {
        from: `${choice.year}-${pad(choice.month)}-01`,
        to: `${choice.year}-${pad(choice.month)}-${pad(lastDayOfMonth(choice.year, choice.month))}`,
      };
    case "last12": {
      const end = new Date(today.getFullYear(), today.getMonth(), 1);
      const start = new Date(today.getFullYear(), today.getMonth() - 11, 1);
      const endMonth = end.getMonth() + 1;
      return {
        from: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-01`,
        to: `${end.getFullYear()}-${pad(endMonth)}-${pad(lastDayOfMonth(end.getFullYear(), endMonth))}`,
      };
    }
    case "year":
      return { from: `${choice.year}-01-01`, to: `${choice.year}-12-31` };
    case "quarter": {
      const firstMonth = (choice.quarter - 1) * 3 + 1;
      const lastMonth = firstMonth + 2;
      return {
        from: `${choice.year}-${pad(firstMonth)}-01`,
        to: `${choice.year}-${pad(lastMonth)}-${pad(lastDayOfMonth(choice.year, lastMonth))}`,
      };
    }
    case "custom":
      return { from: choice.from, to: choice.to };
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function encodePeriod(choice: PeriodChoice): string {
  switch (choice.kind) {
    case "year":
      return String(choice.year);
    case "quarter":
      return `${choice.year}-Q${choice.quarter}`;
    case "month":
      return `${choice.year}-${pad(choice.month)}`;
    case "last12":
      return "12m";
    case "custom":
      return `${choice.from}..${choice.to}`;
  }
}

/** Parses the URL form; anything unreadable gives null (the caller falls back to a default). */
export function decodePeriod(text: string | null | undefined): PeriodChoice | null {
  if (!text) return null;
  const year = /^(\d{4})$/.exec(text);
  if (year) return { kind: "year", year: Number(year[1]) };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter) {
    return {
      kind: "quarter",
      year: Number(quarter[1]),
      quarter: Number(quarter[2]) as 1 | 2 | 3 | 4,
    };
  }
  if (text === "12m") return { kind: "last12" };
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return { kind: "month", year: Number(month[1]), month: Number(month[2]) };
  }
  const [from, to] = text.split("..");
  if (from && to && ISO_DAY.test(from) && ISO_DAY.test(to) && from <= to) {
    return { kind: "custom", from, to };
  }
  return null;
}

export function defaultPeriod(today: Date = new Date()): PeriodChoice {
  return { kind: "year", year: today.getFullYear() };
}

export function periodLabel(choice: PeriodChoice, lang: Lang): string {
  switch (choice.kind) {
    case "year":
      return translate(lang, "period.yearOf", { year: String(choice.year) });
    case "quarter":
      return translate(lang, "period.quarterOf", {
        quarter: String(choice.quarter),
        year: String(choice.year),
      });
    case "month":
      return translate(lang, "period.monthOf", {
        month: String(choice.month),
        year: String(choice.year),
      });
    case "last12":
      return translate(lang, "period.last12");
    case "custom":
      return `${formatDate(choice.from)} – ${formatDate(choice.to)}`;
  }
}

/** Years offered by the picker: the campaign's recent years up to this one. */
export function selectableYears(today: Date = new Date(), count = 8): number[] {
  const last = today.getFullYear();
  return Array.from({ length: count }, (_, i) => last - i);
}

/** What an answer says about its periods (the API's PeriodAnswer). */
export interface PeriodFacts {
  asOf: string;
  comparedSameSpan: boolean;
  previousPeriod: { from: string; to: string };
}

/**
 * "Đến ngày 02/12/2026, so với cùng kỳ (01/01/2025 – 02/12/2025)" for an unfinished period, "so
 * với kỳ trước (…)" for an ended one; `t` gives the words in the user's language.
 */
export function comparedNote(
  facts: PeriodFacts,
  t: (
    key: "kpi.asOf" | "kpi.comparedWith" | "kpi.comparedWithPrevious",
    values: { date?: string; range?: string },
  ) => string,
): string {
  const range = `(${formatDate(facts.previousPeriod.from)} – ${formatDate(facts.previousPeriod.to)})`;
  const compared = t(facts.comparedSameSpan ? "kpi.comparedWith" : "kpi.comparedWithPrevious", {
    range,
  });
  const asOf = facts.comparedSameSpan ? `${t("kpi.asOf", { date: formatDate(facts.asOf) })}, ` : "";
  return `${asOf}${compared}`;
}
