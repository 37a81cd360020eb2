// How a report writes its figures: the Vietnamese way (1.333.980.000; 12,5), counts under ten with
// a leading zero as administrative texts do ("07 tập thể"), and key figures in words as well
// ("14 (mười bốn) mô hình"). Words come from read-vietnamese-number (typed, MIT, maintained).
import { doReadNumber, ReadingConfig } from "read-vietnamese-number";

const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** 1333980000 → "1.333.980.000"; 12.46 → "12,5". */
export function viNumber(n: number): string {
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

/** A count as administrative texts write it: 7 → "07", 22 → "22". */
export function viCount(n: number): string {
  return n > 0 && n < 10 && Number.isInteger(n) ? `0${n}` : viNumber(n);
}

const words = new ReadingConfig();
words.unit = [];

/** 14 → "mười bốn"; 1333980000 → "một tỉ ba trăm ba mươi ba triệu chín trăm tám mươi nghìn". */
export function inWords(n: number): string {
  return doReadNumber(String(Math.round(n)), words);
}

/** 14, "mô hình" → "14 (mười bốn) mô hình". */
export function countInWords(n: number, noun: string): string {
  return `${viCount(n)} (${inWords(n)}) ${noun}`;
}

/** 1333980000 → "1.333.980.000 đồng (Một tỉ … nghìn đồng)". */
export function moneyInWords(vnd: number): string {
  const text = inWords(vnd);
  return `${viNumber(vnd)} đồng (${text.charAt(0).toUpperCase()}${text.slice(1)} đồng)`;
}

/** A percentage: 45.06 → "45,1%". */
export function viPercent(n: number): string {
  return `${decimal.format(n)}%`;
}

/**
 * The change against "cùng kỳ" as a report says it: "tăng 12,5%", "giảm 24%", "bằng cùng kỳ",
 * or, without a figure a year earlier, "cùng kỳ chưa có số liệu".
 */
export function changeText(value: number | null, previous: number | null): string {
  if (value === null) return "";
  if (previous === null || previous === 0) return "cùng kỳ chưa có số liệu";
  const change = ((value - previous) / previous) * 100;
  if (Math.abs(change) < 0.05) return "bằng cùng kỳ";
  return `${change > 0 ? "tăng" : "giảm"} ${viPercent(Math.abs(change))}`;
}

/** dd/mm/yyyy of a UTC date. */
export function viDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}
