import { z } from "zod";

/**
 * Shared zod pieces for the write inputs. Each states the rule in its message so the InputError a
 * client receives explains itself (Vietnamese first, English second).
 */

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
  .refine((d) => d.getTime() >= EARLIEST_DAY.getTime(), {
    message: `Ngày quá xa: must be on or after ${isoDay(EARLIEST_DAY)}.`,
  })
  .refine((d) => d.getTime() <= vietnamToday().getTime(), {
    message: "Ngày trong tương lai: must not be after today (Vietnam time).",
  });

/** A campaign year: 1990 to the current year. */
export const campaignYear = z
  .number()
  .int()
  .min(EARLIEST_YEAR, `Năm không hợp lệ: must be ${EARLIEST_YEAR} or later.`)
  .refine((y) => y <= vietnamYear(), {
    message: "Năm trong tương lai: must not be after the current year.",
  });

/** A whole, non-negative count with a plausible upper bound. */
export function count(max: number, min = 0) {
  return z
    .number()
    .int("Phải là số nguyên: must be a whole number.")
    .min(min, `Không được nhỏ hơn ${min}: must be at least ${min}.`)
    .max(max, `Quá lớn: must be at most ${max.toLocaleString("en")}.`);
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
export const vnd = z
  .bigint()
  .min(0n, "Không được âm: must not be negative.")
  .max(LIMITS.moneyVnd, "Quá lớn: must be at most 10^15 đồng.");

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

export const INVISIBLE_MESSAGE =
  "Phải có ký tự nhìn thấy được: must contain a visible character, not only spaces or zero-width characters (U+200B, U+FEFF, soft hyphen…).";

/**
 * A required string, trimmed: blank (nothing, or only spaces) is one problem, `emptyMessage`; a
 * string of only invisible characters (which JavaScript's trim may also remove, e.g. U+FEFF) is
 * another, INVISIBLE_MESSAGE. Either stops the checks that follow, so each answer names one problem.
 */
export function requiredTrimmed(emptyMessage: string) {
  return z
    .string()
    .superRefine((raw, ctx) => {
      if (raw.trim() !== "") return;
      const blank = /^[\t\n\r ]*$/.test(raw);
      ctx.addIssue({
        code: "custom",
        message: blank ? emptyMessage : INVISIBLE_MESSAGE,
        continue: false,
      });
    })
    .trim();
}

/** A required text: trimmed, 1..max characters, at least one of them visible. */
export function text(max = 500) {
  return requiredTrimmed("Không được để trống: must not be empty.")
    .max(max, `Quá dài: at most ${max} characters.`)
    .refine(hasVisibleText, INVISIBLE_MESSAGE);
}

/**
 * An optional text: trimmed, at most `max` characters; blank becomes null; one made only of
 * invisible characters is refused (it is not blank to the eye of a database, nor visible to a reader).
 */
export function optionalText(max = 500) {
  return z
    .string()
    .trim()
    .max(max, `Quá dài: at most ${max} characters.`)
    .refine((s) => s === "" || hasVisibleText(s), INVISIBLE_MESSAGE)
    .nullish()
    .transform((s) => (s ? s : null));
}

/**
 * Characters no stored text may hold: NUL (PostgreSQL refuses it in text), a lone UTF-16 surrogate
 * (not Unicode; stored as U+FFFD) and U+FFFD itself (what bytes that were not UTF-8 decode to).
 */
const UNSTORABLE = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = String.fromCharCode(0);

export const UNSTORABLE_MESSAGE =
  "Ký tự không hợp lệ: must not contain NUL (U+0000), lone surrogates or invalid UTF-8 (U+FFFD).";

/** True when `value` can be stored and read back as the same Unicode text. */
export function isStorableText(value: string): boolean {
  return !value.includes(NUL) && !UNSTORABLE.test(value);
}

/** Search text for a filter: without NUL, which PostgreSQL cannot compare. */
export function searchable(value: string): string {
  return value.replaceAll(NUL, "");
}

/** Client key making a write idempotent. */
export const idempotencyKey = z
  .string()
  .min(1, "Không được để trống: must not be empty.")
  .max(100, "Quá dài: at most 100 characters.")
  .nullish();
