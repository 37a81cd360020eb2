import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  parseDate,
  parseInteger,
} from "./format";

describe("format", () => {
  it("groups thousands with dots in Vietnamese", () => {
    expect(formatNumber(16940)).toBe("16.940");
    expect(formatNumber(195)).toBe("195");
    expect(formatNumber(1234.56, "vi", 1)).toBe("1.234,6");
  });

  it("groups thousands with commas in English", () => {
    expect(formatNumber(16940, "en")).toBe("16,940");
  });

  it("shows a dash for missing numbers", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatMoney(undefined)).toBe("—");
    expect(formatChange(null)).toBe("—");
    expect(formatChange(Number.POSITIVE_INFINITY)).toBe("—");
  });

  it("writes money in đồng the Vietnamese way", () => {
    expect(formatMoney(1_333_980_000)).toBe("1.333.980.000\u00a0đ");
    expect(formatMoneyShort(1_333_980_000)).toBe("1,33\u00a0tỷ\u00a0đ");
    expect(formatMoneyShort(282_000_000, "en")).toBe("282\u00a0m\u00a0đ");
    expect(formatMoneyShort(950_000)).toBe("950.000\u00a0đ");
  });

  it("keeps an amount's unit with its number: no breakable space inside it", () => {
    // "236,47 triệu" on one line and "đ" on the next is what a narrow card did.
    for (const lang of ["vi", "en"] as const) {
      for (const amount of [236_470_000, 5_205_470_000, 950_000, -12_500_000]) {
        for (const text of [formatMoneyShort(amount, lang), formatMoney(amount, lang)]) {
          expect(text, text).not.toMatch(/[ \t\n\u2000-\u200b]/);
          expect(text, text).toMatch(/\u00a0đ$/);
        }
      }
    }
    expect(formatMoneyShort(236_470_000)).toBe("236,47\u00a0triệu\u00a0đ");
  });

  it("writes percentages and signed changes", () => {
    expect(formatPercent(0.123)).toBe("12,3%");
    expect(formatChange(0.125)).toBe("+12,5%");
    expect(formatChange(-0.04)).toBe("−4%");
    expect(formatChange(0)).toBe("0%");
  });

  it("writes calendar days as dd/MM/yyyy without shifting them", () => {
    expect(formatDate("2024-01-19")).toBe("19/01/2024");
    expect(formatDate(new Date(Date.UTC(2024, 0, 19)))).toBe("19/01/2024");
    expect(formatDate("2024-01-19T23:30:00.000Z")).toBe("19/01/2024");
    expect(formatDate("not a date")).toBe("—");
  });

  it("writes instants in local time", () => {
    expect(formatDateTime(new Date(2024, 0, 19, 8, 5))).toBe("19/01/2024 08:05");
  });

  it("parses dd/MM/yyyy back to ISO days and rejects impossible ones", () => {
    expect(parseDate("19/01/2024")).toBe("2024-01-19");
    expect(parseDate("1/2/2024")).toBe("2024-02-01");
    expect(parseDate("31/02/2024")).toBeNull();
    expect(parseDate("2024-01-19")).toBeNull();
  });

  it("reads whole numbers typed the Vietnamese way", () => {
    expect(parseInteger("1.250")).toBe(1250);
    expect(parseInteger("1.333.980.000")).toBe(1333980000);
    expect(parseInteger(" 1250 ")).toBe(1250);
    expect(parseInteger("16 940")).toBe(16940);
    expect(parseInteger("0")).toBe(0);
    expect(parseInteger("-5")).toBe(-5);
  });

  it("refuses what is not a whole number instead of guessing", () => {
    expect(parseInteger("1,5")).toBeNull();
    expect(parseInteger("12.50")).toBeNull();
    expect(parseInteger("1.25")).toBeNull();
    expect(parseInteger("abc")).toBeNull();
    expect(parseInteger("")).toBeNull();
    expect(parseInteger("1..250")).toBeNull();
  });

  it("reads English grouping only when the interface is English", () => {
    expect(parseInteger("1,250", "en")).toBe(1250);
    expect(parseInteger("1,250", "vi")).toBeNull();
    expect(parseInteger("1.250", "en")).toBeNull();
  });
});
