// Vietnamese-first formatting: 16.940; 1.333.980.000 đ; 19/01/2024. English switches separators
// only where a reader would stumble (the currency stays đồng either way).
import { type MessageKey, translate } from "./i18n";

export type Lang = "vi" | "en";

const locales: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };

const integerFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${maximumFractionDigits}`;
  let format = integerFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang], { maximumFractionDigits });
    integerFormats.set(key, format);
  }
  return format;
}

/** 16940 → "16.940" (vi) / "16,940" (en); null/undefined → "—". */
export function formatNumber(
  value: number | null | undefined,
  lang: Lang = "vi",
  maximumFractionDigits = 0,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return numberFormat(lang, maximumFractionDigits).format(value);
}

/**
 * The space inside an amount: no-break (U+00A0), so a narrow card never leaves "đ" or "triệu đ"
 * alone on the next line ("236,47 triệu" / "đ"); the amount wraps as one word.
 */
export const MONEY_SPACE = "\u00a0";

/** 1333980000 → "1.333.980.000 đ" (no-break space before "đ"). */
export function formatMoney(value: number | null | undefined, lang: Lang = "vi"): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${formatNumber(Math.round(value), lang)}${MONEY_SPACE}đ`;
}

/**
 * Large amounts for cards and slides: 1333980000 → "1,33 tỷ đ" / "1.33 bn đ", with no-break
 * spaces between the number, its scale and "đ".
 */
export function formatMoneyShort(value: number | null | undefined, lang: Lang = "vi"): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const steps: [number, MessageKey][] = [
    [1e9, "money.billions"],
    [1e6, "money.millions"],
  ];
  for (const [size, unit] of steps) {
    if (Math.abs(value) >= size) {
      const scale = translate(lang, unit).replaceAll(" ", MONEY_SPACE);
      return [formatNumber(value / size, lang, 2), scale, "đ"].join(MONEY_SPACE);
    }
  }
  return formatMoney(value, lang);
}

/** 0.1234 → "12,3%" (vi) / "12.3%" (en). */
export function formatPercent(
  ratio: number | null | undefined,
  lang: Lang = "vi",
  maximumFractionDigits = 1,
): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "—";
  return `${formatNumber(ratio * 100, lang, maximumFractionDigits)}%`;
}

/** Signed change as a percentage: 0.125 → "+12,5%", -0.04 → "−4%", 0 → "0%". */
export function formatChange(ratio: number | null | undefined, lang: Lang = "vi"): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio) || !Number.isFinite(ratio)) {
    return "—";
  }
  const text = formatPercent(Math.abs(ratio), lang);
  if (ratio > 0) return `+${text}`;
  if (ratio < 0) return `−${text}`;
  return text;
}

/** "2024-01-19" (or a Date / ISO instant) → "19/01/2024", read as a calendar day, never shifted. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const iso = typeof value === "string" ? value : value.toISOString();
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return "—";
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** An instant in local time: "19/01/2024 08:05". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** "19/01/2024" → "2024-01-19"; null when it is not a real day. */
export function parseDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/**
 * A whole number as typed: "1.250", "1 250" or "1250" → 1250 in Vietnamese ("." groups
 * thousands, as the forms display it); "1,250" in English. null when it is not a whole number
 * ("1,5", "12.50", "abc"): the caller says so next to the field instead of sending 1.25.
 */
export function parseInteger(text: string, lang: Lang = "vi"): number | null {
  const group = lang === "vi" ? "." : ",";
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+$`);
  if (!/^-?\d+$/.test(compact) && !grouped.test(compact)) return null;
  const value = Number(compact.split(group).join(""));
  return Number.isSafeInteger(value) ? value : null;
}
