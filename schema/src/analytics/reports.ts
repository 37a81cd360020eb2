// metrics / overview / comparison / trend on top of the engine. Pure shaping, except the engine
// queries and one read of the units at the compared level.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { type Text, textOf } from "../domain/messages";
import {
  type Cell,
  computeRaw,
  type EngineQuery,
  type Filters,
  finalValue,
  membersOfUnitsOn,
  type RawRow,
  reportedKeys,
} from "./engine";
import {
  DIMENSION_ENUMS,
  type Dimension,
  isTimeDimension,
  KPI_MEASURES,
  MEASURE_DEFINITIONS,
  type Measure,
} from "./measures";
import { emptyGroups } from "./metrics-empty";
import {
  type Baseline,
  bucketKey,
  bucketLabel,
  buckets,
  type ComparedPeriods,
  comparePeriods,
  type Granularity,
  isoDay,
  type Period,
  shiftDay,
} from "./periods";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;
/** metrics lists every group: also the themes and models (see metrics-empty.ts). */
type MetricsDb = Pick<PrismaClient, "$queryRaw" | "unit" | "theme" | "model">;

export const NO_THEME_KEY = "NONE";

export interface MetricsKey {
  dimension: Dimension;
  key: string;
  label: string;
}
export interface MetricsRow {
  keys: MetricsKey[];
  values: (number | null)[];
  /** Party members the row's per-100 figures divide by (its unit's, or the root's). */
  members: number | null;
  /** Per rate measure, its numerator and denominator (registered and eligible); else null. */
  parts: (Cell | null)[];
  /** False for an empty group (a unit or bucket without any record: values null), see emptyGroups. */
  reported: boolean;
}

export interface MetricsOrder {
  measure?: Measure | null;
  dimension?: Dimension | null;
  direction: "ASC" | "DESC";
}

function publicKey(dimension: Dimension, raw: string, sqlLabel: string | null): MetricsKey {
  if (dimension === "UNIT") {
    return { dimension, key: encodeGlobalID("Unit", raw), label: sqlLabel ?? raw };
  }
  if (dimension === "THEME") {
    return raw === "0"
      ? { dimension, key: NO_THEME_KEY, label: "Không theo chuyên đề" }
      : { dimension, key: encodeGlobalID("Theme", raw), label: sqlLabel ?? raw };
  }
  if (isTimeDimension(dimension)) return { dimension, key: raw, label: bucketLabel(raw) };
  if (dimension === "MODEL") {
    return { dimension, key: encodeGlobalID("Model", raw), label: sqlLabel ?? raw };
  }
  const label = DIMENSION_ENUMS[dimension]?.values[raw]?.vi;
  return { dimension, key: raw, label: label ?? raw };
}

/** Units and themes sort by name; everything else (enum values, bucket keys) by key. */
function sortText(k: MetricsKey): string {
  return k.dimension === "UNIT" || k.dimension === "THEME" || k.dimension === "MODEL"
    ? k.label
    : k.key;
}

const collator = new Intl.Collator("vi");

export async function runMetrics(
  db: MetricsDb,
  q: EngineQuery,
  rootMembers: number | null,
  orderBy: MetricsOrder | null,
  limit: number,
): Promise<{ rows: MetricsRow[]; totalRows: number; emptyGroupsOmitted: boolean }> {
  const raw = await computeRaw(db, q);
  const empty = await emptyGroups(db, q, raw);
  // With UNIT rows, each row divides by its own unit's members (null: none recorded then).
  const byUnit = q.dimensions.includes("UNIT");
  const toRow = (r: RawRow, reported: boolean): MetricsRow => {
    const members = byUnit ? r.members : rootMembers;
    return {
      keys: r.keys.map((k, i) => publicKey(q.dimensions[i] as Dimension, k, r.labels[i] ?? null)),
      values: q.measures.map((m) => (reported ? finalValue(m, r.cells.get(m), members) : null)),
      members,
      parts: q.measures.map((m) =>
        !MEASURE_DEFINITIONS[m].isRate
          ? null
          : reported
            ? (r.cells.get(m) ?? { num: 0, den: 0 })
            : null,
      ),
      reported,
    };
  };
  const rows = [
    ...[...raw.values()].map((r) => toRow(r, empty?.reported.has(r.keys.join("\u0001")) ?? true)),
    // A group the raw answer lacks may still have reported: records whose figures sum to 0
    // (contributions all in cash: in kind 0). It reads 0, not chưa báo cáo.
    ...(empty?.missing ?? []).map((r) =>
      toRow(r, empty?.reported.has(r.keys.join("\u0001")) ?? false),
    ),
  ];
  const byKeys = (a: MetricsRow, b: MetricsRow) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = collator.compare(
        sortText(a.keys[i] as MetricsKey),
        sortText(b.keys[i] as MetricsKey),
      );
      if (c !== 0) return c;
    }
    return 0;
  };
  const sign = orderBy?.direction === "ASC" ? 1 : -1;
  if (orderBy?.measure) {
    const i = q.measures.indexOf(orderBy.measure);
    rows.sort((a, b) => {
      const va = a.values[i] ?? null;
      const vb = b.values[i] ?? null;
      if (va === null || vb === null) return va === vb ? byKeys(a, b) : va === null ? 1 : -1;
      return va === vb ? byKeys(a, b) : sign * (va - vb);
    });
  } else if (orderBy?.dimension) {
    const i = q.dimensions.indexOf(orderBy.dimension);
    rows.sort((a, b) => {
      const c = collator.compare(
        sortText(a.keys[i] as MetricsKey),
        sortText(b.keys[i] as MetricsKey),
      );
      return c !== 0 ? sign * c : byKeys(a, b);
    });
  } else {
    rows.sort(byKeys);
  }
  return {
    rows: rows.slice(0, limit),
    totalRows: rows.length,
    emptyGroupsOmitted: empty?.omitted ?? false,
  };
}

// ───────────────────────────── denominators ─────────────────────────────

/**
 * What per-100-members figures divide by: the party members on the last day counted (the end of
 * the period, or today for an unfinished one), from the membership history, never today's
 * figure for a past period. For a unit with merged predecessors, the members of those of them
 * that existed that day (each from its own history).
 */
export interface Denominator {
  on: Date;
  /** Null when none of the units has a membership entry on or before `on`. */
  partyMembers: number | null;
  /** Why there is no per-100 figure (no entry for the day, or 0 members); null when there is. */
  note: Text | null;
}

export function denominator(
  units: Pick<Unit, "id" | "name">[],
  on: Date,
  members: Map<string, number | null>,
): Denominator {
  const known = units
    .map((u) => members.get(`${u.id}@${isoDay(on)}`))
    .filter((m): m is number => m !== null && m !== undefined);
  const partyMembers = known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
  const names = { units: units.map((u) => u.name).join(", "), day: isoDay(on) };
  const note =
    partyMembers === null
      ? textOf("noMembers", names)
      : partyMembers === 0
        ? textOf("zeroMembers", names)
        : null;
  return { on, partyMembers, note };
}

// ───────────────────────────── overview ─────────────────────────────

export interface Figure {
  measure: Measure;
  value: number | null;
  previousValue: number | null;
  change: number | null;
}

/** Relative change, (value - previous) / previous; null when either is null or previous is 0. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

/** What every period-bound answer says about its periods (see comparePeriods). */
export interface PeriodFacts {
  /** The days counted (the requested period, cut at asOf when unfinished). */
  period: Period;
  requestedPeriod: Period;
  /** The days compared with: the same span of the compared period when unfinished. */
  previousPeriod: Period;
  asOf: Date;
  periodEnded: boolean;
  comparedSameSpan: boolean;
}

export function facts(c: ComparedPeriods): PeriodFacts {
  return {
    period: c.period,
    requestedPeriod: c.requested,
    previousPeriod: c.previous,
    asOf: c.asOf,
    periodEnded: c.ended,
    comparedSameSpan: c.sameSpan,
  };
}

/** KPIs of the root's subtree, compared with the previous period (same span when unfinished). */
export async function runOverview(db: Db, root: Unit, requested: Period, asOf: Date) {
  const periods = comparePeriods(requested, asOf, "PREVIOUS_PERIOD");
  const base = {
    rootId: root.id,
    measures: KPI_MEASURES,
    dimensions: [],
    unitLevel: null,
    filters: {},
  };
  const [now, before, history] = await Promise.all([
    computeRaw(db, { ...base, period: periods.period }),
    computeRaw(db, { ...base, period: periods.previous }),
    membersOfUnitsOn(db, [root.id], [periods.period.to, periods.previous.to]),
  ]);
  const members = denominator([root], periods.period.to, history);
  const previousMembers = denominator([root], periods.previous.to, history);
  const only = (m: Map<string, RawRow>) => m.get("")?.cells ?? new Map<Measure, Cell>();
  const figures: Figure[] = KPI_MEASURES.map((measure) => {
    const value = finalValue(measure, only(now).get(measure), members.partyMembers);
    const previousValue = finalValue(
      measure,
      only(before).get(measure),
      previousMembers.partyMembers,
    );
    return { measure, value, previousValue, change: relativeChange(value, previousValue) };
  });
  return { unit: root, ...facts(periods), members, previousMembers, figures };
}

// ───────────────────────────── trend ─────────────────────────────

export interface TrendPoint {
  start: Date;
  /** Last day counted in the bucket: its end, or asOf for the unfinished bucket. */
  to: Date;
  key: string;
  label: string;
  /** Null when nothing of the measure's kind was reported in the bucket (not 0). */
  value: number | null;
  reported: boolean;
  /** False for the bucket holding asOf (still running) and for buckets after it. */
  complete: boolean;
  /** Members per-100 figures of the bucket divide by (on `to`); null for a bucket not started. */
  members: Denominator | null;
  /** The same bucket one year earlier, up to the same day when this one is still running. */
  previous: { key: string; label: string; to: Date; value: number | null } | null;
}

/**
 * A measure bucket by bucket. Buckets after asOf and buckets without a record of the measure's
 * kind are not reported (value null), not 0. Levels (models active, registration rate) are read
 * on each bucket's last day counted, so every started bucket has one.
 */
export async function runTrend(
  db: Db,
  root: Unit,
  measure: Measure,
  granularity: Granularity,
  requested: Period,
  asOf: Date,
) {
  const periods = comparePeriods(requested, asOf);
  // Each bucket beside the same bucket a year earlier (cùng kỳ năm trước), same span when running.
  const lastYear = comparePeriods(requested, asOf, "SAME_PERIOD_LAST_YEAR");
  const q: EngineQuery = {
    rootId: root.id,
    measures: [measure],
    dimensions: [granularity],
    unitLevel: null,
    period: periods.period,
    filters: {},
  };
  const qBefore: EngineQuery = { ...q, period: lastYear.previous };
  const def = MEASURE_DEFINITIONS[measure];
  const level = def.source === "modelStock" || def.source === "registration";
  const shaped = buckets(requested, granularity).map((b, i, all) => {
    const next = all[i + 1]?.start;
    const end = next ? new Date(next.getTime() - 86_400_000) : requested.to;
    const started = b.start <= asOf;
    const to = end > asOf && started ? asOf : end;
    return { b, end, started, to, previousTo: shiftDay(to, 12) };
  });
  const days = shaped.filter((p) => p.started).flatMap((p) => [p.to, p.previousTo]);
  const [raw, reported, rawBefore, reportedBefore, history] = await Promise.all([
    computeRaw(db, q),
    level ? Promise.resolve(null) : reportedKeys(db, q, measure),
    computeRaw(db, qBefore),
    level ? Promise.resolve(null) : reportedKeys(db, qBefore, measure),
    membersOfUnitsOn(db, [root.id], days),
  ]);
  const points: TrendPoint[] = shaped.map(({ b, end, started, to, previousTo }) => {
    const isReported = started && (reported === null || reported.has(b.key));
    const members = started ? denominator([root], to, history) : null;
    const previousKey = bucketKey(shiftDay(b.start, 12), granularity);
    const previousMembers = denominator([root], previousTo, history);
    const previousReported =
      started && (reportedBefore === null || reportedBefore.has(previousKey));
    return {
      start: b.start,
      to,
      key: b.key,
      label: bucketLabel(b.key),
      value: isReported
        ? finalValue(measure, raw.get(b.key)?.cells.get(measure), members?.partyMembers ?? null)
        : null,
      reported: isReported,
      complete: end < asOf || isoDay(end) === isoDay(asOf),
      members,
      previous: started
        ? {
            key: previousKey,
            label: bucketLabel(previousKey),
            to: previousTo,
            value: previousReported
              ? finalValue(
                  measure,
                  rawBefore.get(previousKey)?.cells.get(measure),
                  previousMembers.partyMembers,
                )
              : null,
          }
        : null,
    };
  });
  return { unit: root, measure, granularity, ...facts(periods), points };
}

// ───────────────────────────── comparison ─────────────────────────────

export interface ComparisonRow {
  unit: Unit;
  value: number | null;
  perHundredMembers: number | null;
  previousValue: number | null;
  previousPerHundredMembers: number | null;
  change: number | null;
  rank: number;
  quartile: number;
  reported: boolean;
  /** Units whose figures count toward this one: itself and merged predecessors. */
  includes: Unit[];
  /** What perHundredMembers divides by: members of the period's last day counted. */
  members: Denominator;
  /** What previousPerHundredMembers divides by: members of the compared period's last day. */
  previousMembers: Denominator;
}

function activeOn(u: Unit, d: Date): boolean {
  return (
    (u.activeFrom === null || u.activeFrom <= d) && (u.activeUntil === null || u.activeUntil >= d)
  );
}

/**
 * Which listed unit each unit at the level counts toward: itself when it exists on the last day
 * of the period, else the first unit along its successor chain that does (and lies under the
 * root). Units with no such successor count toward nothing.
 */
export function successorTargets(units: Unit[], end: Date): Map<number, number> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const target = new Map<number, number>();
  for (const u of units) {
    let cur: Unit | undefined = u;
    const seen = new Set<number>();
    while (cur && !activeOn(cur, end) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = cur.successorId === null ? undefined : byId.get(cur.successorId);
    }
    if (!cur || !activeOn(cur, end)) continue;
    // A predecessor lying under its successor is already inside the successor's subtree figures.
    if (cur.id !== u.id && u.path.includes(`/${cur.id}/`)) continue;
    target.set(u.id, cur.id);
  }
  return target;
}

export async function runComparison(
  db: Db,
  root: Unit,
  childLevel: UnitKind,
  measure: Measure,
  requested: Period,
  perCapita: boolean,
  baseline: Baseline,
  asOf: Date,
  filters: Filters = {},
) {
  const periods = comparePeriods(requested, asOf, baseline);
  const { period, previous } = periods;
  const units = await db.unit.findMany({
    where: {
      kind: childLevel,
      ancestors: { some: { ancestorId: root.id, descendantKind: childLevel, distance: { gt: 0 } } },
    },
  });
  const targets = successorTargets(units, period.to);
  const q = (p: Period): EngineQuery => ({
    rootId: root.id,
    measures: [measure],
    dimensions: ["UNIT"],
    unitLevel: childLevel,
    period: p,
    filters,
  });
  const [now, before, history, reporting] = await Promise.all([
    computeRaw(db, q(period)),
    computeRaw(db, q(previous)),
    membersOfUnitsOn(
      db,
      units.map((u) => u.id),
      [period.to, previous.to],
    ),
    // The registration rate's records are the registrations themselves: a unit reported when
    // one of its chi bộ registered for the year (the rate's numerator), read below.
    MEASURE_DEFINITIONS[measure].source === "registration"
      ? Promise.resolve(null)
      : reportedKeys(
          db,
          { rootId: root.id, unitLevel: childLevel, period, dimensions: ["UNIT"], filters },
          measure,
        ),
  ]);
  const def = MEASURE_DEFINITIONS[measure];
  const sumCells = (raw: Map<string, RawRow>, ids: number[]): Cell | undefined => {
    let cell: Cell | undefined;
    for (const id of ids) {
      const c = raw.get(String(id))?.cells.get(measure);
      if (!c) continue;
      cell = {
        num: (cell?.num ?? 0) + c.num,
        den: c.den === null ? null : (cell?.den ?? 0) + c.den,
      };
    }
    return cell;
  };
  const listed = units.filter((u) => targets.get(u.id) === u.id);
  const rows = listed.map((unit) => {
    const includes = units.filter((u) => targets.get(u.id) === unit.id);
    const ids = includes.map((u) => u.id);
    // The members of the day: of the listed unit and of the predecessors existing that day (a
    // merged commune's members count toward its successor only until it was merged).
    const membersOn = (day: Date) => {
      const existing = includes.filter((u) => activeOn(u, day));
      return denominator(existing.length > 0 ? existing : [unit], day, history);
    };
    const members = membersOn(period.to);
    const previousMembers = membersOn(previous.to);
    const cell = sumCells(now, ids);
    const value = finalValue(measure, cell, members.partyMembers);
    const previousValue = finalValue(measure, sumCells(before, ids), previousMembers.partyMembers);
    const perHundred = (v: number | null, d: Denominator) =>
      def.isRate
        ? null
        : def.perHundredMembers
          ? v
          : d.partyMembers && v !== null
            ? (100 * v) / d.partyMembers
            : null;
    const perHundredMembers = perHundred(value, members);
    const previousPerHundredMembers = perHundred(previousValue, previousMembers);
    // The change of the figure ranked: per 100 members when asked (the same ratio while both
    // periods divide by the same membership, but stated so it stays right when they do not).
    const ranked = perCapita && !def.isRate;
    return {
      unit,
      value,
      perHundredMembers,
      previousValue,
      previousPerHundredMembers,
      change: ranked
        ? relativeChange(perHundredMembers, previousPerHundredMembers)
        : relativeChange(value, previousValue),
      reported: reporting ? ids.some((id) => reporting.has(String(id))) : (cell?.num ?? 0) > 0,
      includes,
      members,
      previousMembers,
      rank: 0,
      quartile: 4,
    } satisfies ComparisonRow;
  });
  const score = (r: ComparisonRow) => (perCapita && !def.isRate ? r.perHundredMembers : r.value);
  rows.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    if (sa === null || sb === null) {
      if (sa !== sb) return sa === null ? 1 : -1;
    } else if (sa !== sb) return sb - sa;
    return collator.compare(a.unit.name, b.unit.name) || a.unit.id - b.unit.id;
  });
  const ranked = rows.filter((r) => score(r) !== null).length;
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && score(prev) === score(r) ? prev.rank : i + 1;
    r.quartile =
      score(r) === null || ranked === 0
        ? 4
        : Math.min(4, Math.floor(((r.rank - 1) * 4) / ranked) + 1);
  });
  return { unit: root, childLevel, measure, perCapita, ...facts(periods), rows };
}
