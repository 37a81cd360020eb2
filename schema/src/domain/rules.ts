// The zod rules of the write inputs, shared by the GraphQL inputs, the import's rows and the
// dashboard's forms (`@d05/schema/domain`). A rule carries no words: its issue is worded by
// messages.ts in the caller's language. Pure TypeScript and zod, safe in the browser.
import { z } from "zod";
import { says, textOf } from "./messages";

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's calendar day in Vietnam (UTC+7, no daylight saving), as a UTC-midnight Date. */
export function vietnamToday(now: Date = new Date()): Date {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** The current year in Vietnam. */
export function vietnamYear(now: Date = new Date()): number {
  return vietnamToday(now).getUTCFullYear();
}

/** The campaign's records start with the 1990s at the earliest; older dates are typing mistakes. */
export const EARLIEST_YEAR = 1990;
const EARLIEST_DAY = new Date(Date.UTC(EARLIEST_YEAR, 0, 1));

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A day that has happened: from 1990-01-01 to today in Vietnam. Evaluated at each validation. */
export const pastDate = z
  .date()
  .refine(
    (d) => d.getTime() >= EARLIEST_DAY.getTime(),
    says("dayTooEarly", { day: isoDay(EARLIEST_DAY) }),
  )
  .refine((d) => d.getTime() <= vietnamToday().getTime(), says("dayInFuture"));

/** A campaign year: 1990 to the current year. */
export const campaignYear = z
  .number()
  .int()
  .refine((y) => y >= EARLIEST_YEAR, says("yearTooEarly", { year: EARLIEST_YEAR }))
  .refine((y) => y <= vietnamYear(), says("yearInFuture"));

/** A whole, non-negative count with a plausible upper bound. */
export function count(max: number, min = 0) {
  return z.number().int().min(min).max(max);
}

/** Plausible bounds of the figures one record may carry. */
export const LIMITS = {
  attendance: 1_000_000,
  sessions: 10_000,
  participants: 1_000_000,
  landM2: 100_000_000,
  workdays: 10_000_000,
  recipientCount: 10_000,
  moneyVnd: 10n ** 15n,
} as const;

/** An exact amount of đồng: integer (the Vnd scalar guarantees that), 0 ≤ x ≤ 10^15. */
export const vnd = z.bigint().min(0n).max(LIMITS.moneyVnd);

/**
 * A character a reader can see: not white space, not a zero-width or format character (U+200B–
 * U+200F, U+2060, U+FEFF, the soft hyphen U+00AD, bidi controls), not a filler (U+3164) or another
 * default-ignorable code point. A title made only of those looks empty in every list and export.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}]/u;

/** True when `value` holds at least one character a reader can see. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/** For checks outside zod (the import's cells): the message in Vietnamese. */
export const INVISIBLE_MESSAGE = textOf("invisible").vi;

/**
 * A required string, trimmed: blank (nothing, or only spaces) is one problem, `emptyMessage`; a
 * string of only invisible characters (which JavaScript's trim may also remove, e.g. U+FEFF) is
 * another, INVISIBLE_MESSAGE. Either stops the checks that follow, so each answer names one problem.
 */
export function requiredTrimmed() {
  return z
    .string()
    .superRefine((raw, ctx) => {
      if (raw.trim() !== "") return;
      const blank = /^[\t\n\r ]*$/.test(raw);
      ctx.addIssue({
        code: "custom",
        ...says(blank ? "empty" : "invisible"),
        continue: false,
      });
    })
    .trim();
}

/** A required text: trimmed, 1..max characters, at least one of them visible. */
export function text(max = 500) {
  return requiredTrimmed().max(max).refine(hasVisibleText, says("invisible"));
}

/**
 * An optional text: trimmed, at most `max` characters; blank becomes null; one made only of
 * invisible characters is refused (it is not blank to the eye of a database, nor visible to a reader).
 */
export function optionalText(max = 500) {
  return blankOrVisible(max).transform((s) => (s ? s : null));
}

/**
 * A correction's optional text: as optionalText, but left out (undefined) means "stays as it
 * is", while null or blank clears it.
 */
export function clearableText(max = 500) {
  return blankOrVisible(max).transform((s) => (s === undefined ? undefined : s || null));
}

/** Trimmed, at most `max` characters, blank or with a visible one; null and undefined pass. */
function blankOrVisible(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => s === "" || hasVisibleText(s), says("invisible"))
    .nullish();
}

/**
 * Characters no stored text may hold: NUL (PostgreSQL refuses it in text), a lone UTF-16 surrogate
 * (not Unicode; stored as U+FFFD) and U+FFFD itself (what bytes that were not UTF-8 decode to).
 */
const UNSTORABLE = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = String.fromCharCode(0);

/** For checks outside zod (the import's cells, parseInput's first pass): in Vietnamese. */
export const UNSTORABLE_MESSAGE = textOf("unstorable").vi;

/** True when `value` can be stored and read back as the same Unicode text. */
export function isStorableText(value: string): boolean {
  return !value.includes(NUL) && !UNSTORABLE.test(value);
}

/** Search text for a filter: without NUL, which PostgreSQL cannot compare. */
export function searchable(value: string): string {
  return value.replaceAll(NUL, "");
}

/**
 * Client key making a write idempotent. Checked where it is declared (some inputs are validated
 * field by field, not through parseInput): a NUL would reach PostgreSQL's lookup of earlier keys.
 */
export const idempotencyKey = z
  .string()
  .min(1)
  .max(100)
  .refine(isStorableText, says("unstorable"))
  .nullish();
