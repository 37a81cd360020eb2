import type { PrismaClient } from "@d05/prisma";
import { unitSubtreeWhere } from "../scope";

export interface ActivityTotals {
  sessions: number;
  attendance: number;
  records: number;
}

type Db = Pick<PrismaClient, "$queryRaw" | "activity">;

const DAY_MS = 86_400_000;

function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/**
 * Sessions and attendance of a subtree between two days (inclusive; open ends allowed).
 *
 * Whole months come from ActivityRollup (rows of the subtree's root only: cost independent of
 * how many records the subtree holds). Only the days of a partial first or last month are summed
 * over the raw records — none when the range is open or month-aligned, as a live view's is.
 */
export async function activityTotals(
  db: Db,
  rootId: number,
  from: Date | null | undefined,
  to: Date | null | undefined,
): Promise<ActivityTotals> {
  if (from && to && from > to) return { sessions: 0, attendance: 0, records: 0 };
  // Whole months covered: [firstMonth, lastMonth] by month start; null = unbounded.
  const firstMonth = from ? (from.getUTCDate() === 1 ? from : addMonths(from, 1)) : null;
  const lastMonth = to
    ? new Date(to.getTime() + DAY_MS).getUTCDate() === 1
      ? monthStart(to)
      : addMonths(to, -1)
    : null;
  const partial: [Date, Date][] = [];
  if (firstMonth && lastMonth && firstMonth > lastMonth) {
    // No whole month inside (both ends in one or two partial months): all raw.
    partial.push([from as Date, to as Date]);
  } else {
    if (from && firstMonth && firstMonth.getTime() !== from.getTime()) {
      partial.push([from, new Date(firstMonth.getTime() - DAY_MS)]);
    }
    if (to && lastMonth && addMonths(lastMonth, 1).getTime() - DAY_MS !== to.getTime()) {
      partial.push([addMonths(lastMonth, 1), to]);
    }
  }
  const whole =
    firstMonth && lastMonth && firstMonth > lastMonth
      ? Promise.resolve([])
      : db.$queryRaw<{ records: bigint; sessions: bigint; attendance: bigint }[]>`
          SELECT COALESCE(SUM("records"), 0)::bigint AS records,
                 COALESCE(SUM("sessions"), 0)::bigint AS sessions,
                 COALESCE(SUM("attendance"), 0)::bigint AS attendance
            FROM "ActivityRollup"
           WHERE "unitId" = ${rootId}
             AND (${firstMonth}::date IS NULL OR "month" >= ${firstMonth}::date)
             AND (${lastMonth}::date IS NULL OR "month" <= ${lastMonth}::date)`;
  const edges = partial.map(([gte, lte]) =>
    db.activity.aggregate({
      where: { unit: unitSubtreeWhere(rootId), occurredOn: { gte, lte } },
      _sum: { sessions: true, attendance: true },
      _count: { _all: true },
    }),
  );
  const [rolled, raw] = await Promise.all([whole, Promise.all(edges)]);
  const totals: ActivityTotals = { sessions: 0, attendance: 0, records: 0 };
  for (const row of rolled) {
    totals.records += Number(row.records);
    totals.sessions += Number(row.sessions);
    totals.attendance += Number(row.attendance);
  }
  for (const part of raw) {
    totals.records += part._count._all;
    totals.sessions += part._sum.sessions ?? 0;
    totals.attendance += part._sum.attendance ?? 0;
  }
  return totals;
}
