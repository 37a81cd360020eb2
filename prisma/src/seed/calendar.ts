// Dates of the demo. Every @db.Date value is a UTC midnight, so it lands on the same calendar day
// whatever the time zone of the server or the database.

/** The demo's "today": nothing in it happens later, so it never shows the future. */
export const AS_OF = day("2026-10-31");

/** The first day after the 2025 reform: districts gone, merged communes replaced. */
export const REFORM_DAY = day("2025-07-01");
/** Last day a pre-reform district or merged commune existed. */
export const LAST_DAY_BEFORE_REFORM = day("2025-06-30");

/** First and last year of the generated figures (the seed reports reach back to 2016). */
export const FIRST_GENERATED_YEAR = 2021;
export const LAST_GENERATED_YEAR = 2026;

const DAY_MS = 86_400_000;

/** "2023-01-19" → that day at 00:00 UTC. */
export function day(iso: string): Date {
  const date = new Date(`${iso}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${iso}`);
  return date;
}

export function ymd(year: number, month: number, dayOfMonth: number): Date {
  return new Date(Date.UTC(year, month - 1, dayOfMonth));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

export function lastDayOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 0));
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

export function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** Whether `date` falls inside [from, until], either bound open when missing. */
export function within(
  date: Date,
  from: Date | null | undefined,
  until: Date | null | undefined,
): boolean {
  return (!from || date >= from) && (!until || date <= until);
}

/**
 * When a record dated `date` was typed in: a few days later in the morning (Vietnam, UTC+7),
 * never after the demo's today. Keeps "latest reports" lists plausible and the data repeatable.
 */
export function enteredAt(date: Date, lagDays: number): Date {
  const entered = new Date(date.getTime() + lagDays * DAY_MS + 2 * 3_600_000);
  const endOfToday = new Date(AS_OF.getTime() + 10 * 3_600_000);
  return entered > endOfToday ? endOfToday : entered;
}
