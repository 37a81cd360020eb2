// metrics / overview / comparison / trend on top of the engine. Pure shaping, except the engine
// queries and one read of the units at the compared level.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import {
  type Cell,
  computeRaw,
  type EngineQuery,
  finalValue,
  type RawRow,
  reportingUnits,
} from "./engine";
import {
  DIMENSION_ENUMS,
  type Dimension,
  isTimeDimension,
  KPI_MEASURES,
  MEASURE_DEFINITIONS,
  type Measure,
} from "./measures";
import {
  bucketLabel,
  buckets,
  type Granularity,
  type Period,
  previousPeriod,
  samePeriodLastYear,
} from "./periods";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export const NO_THEME_KEY = "NONE";

export interface MetricsKey {
  dimension: Dimension;
  key: string;
  label: string;
}
export interface MetricsRow {
  keys: MetricsKey[];
  values: (number | null)[];
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
  const label = DIMENSION_ENUMS[dimension]?.values[raw]?.vi;
  return { dimension, key: raw, label: label ?? raw };
}

/** Units and themes sort by name; everything else (enum values, bucket keys) by key. */
function sortText(k: MetricsKey): string {
  return k.dimension === "UNIT" || k.dimension === "THEME" ? k.label : k.key;
}

const collator = new Intl.Collator("vi");

export async function runMetrics(
  db: Db,
  q: EngineQuery,
  rootMembers: number,
  orderBy: MetricsOrder | null,
  limit: number,
): Promise<{ rows: MetricsRow[]; totalRows: number }> {
  const raw = await computeRaw(db, q);
  const rows: MetricsRow[] = [...raw.values()].map((r) => ({
    keys: r.keys.map((k, i) => publicKey(q.dimensions[i] as Dimension, k, r.labels[i] ?? null)),
    values: q.measures.map((m) => finalValue(m, r.cells.get(m), rowMembers(r, rootMembers))),
  }));
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
  return { rows: rows.slice(0, limit), totalRows: rows.length };
}

function rowMembers(r: RawRow, rootMembers: number): number | null {
  return r.members ?? rootMembers;
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

export async function runOverview(db: Db, root: Unit, period: Period) {
  const previous = previousPeriod(period);
  const base = {
    rootId: root.id,
    measures: KPI_MEASURES,
    dimensions: [],
    unitLevel: null,
    filters: {},
  };
  const [now, before] = await Promise.all([
    computeRaw(db, { ...base, period }),
    computeRaw(db, { ...base, period: previous }),
  ]);
  const only = (m: Map<string, RawRow>) => m.get("")?.cells ?? new Map<Measure, Cell>();
  const figures: Figure[] = KPI_MEASURES.map((measure) => {
    const value = finalValue(measure, only(now).get(measure), root.partyMembers);
    const previousValue = finalValue(measure, only(before).get(measure), root.partyMembers);
    return { measure, value, previousValue, change: relativeChange(value, previousValue) };
  });
  return { unit: root, period, previousPeriod: previous, figures };
}

// ───────────────────────────── trend ─────────────────────────────

export async function runTrend(
  db: Db,
  root: Unit,
  measure: Measure,
  granularity: Granularity,
  period: Period,
) {
  const raw = await computeRaw(db, {
    rootId: root.id,
    measures: [measure],
    dimensions: [granularity],
    unitLevel: null,
    period,
    filters: {},
  });
  const points = buckets(period, granularity).map((b) => ({
    start: b.start,
    key: b.key,
    label: bucketLabel(b.key),
    value: finalValue(measure, raw.get(b.key)?.cells.get(measure), root.partyMembers),
  }));
  return { unit: root, measure, granularity, period, points };
}

// ───────────────────────────── comparison ─────────────────────────────

export interface ComparisonRow {
  unit: Unit;
  value: number | null;
  perHundredMembers: number | null;
  previousValue: number | null;
  change: number | null;
  rank: number;
  quartile: number;
  reported: boolean;
  /** Units whose figures count toward this one: itself and merged predecessors. */
  includes: Unit[];
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
  period: Period,
  perCapita: boolean,
  baseline: "PREVIOUS_PERIOD" | "SAME_PERIOD_LAST_YEAR" = "PREVIOUS_PERIOD",
) {
  const previous =
    baseline === "SAME_PERIOD_LAST_YEAR" ? samePeriodLastYear(period) : previousPeriod(period);
  const units = await db.unit.findMany({
    where: {
      kind: childLevel,
      ancestors: { some: { ancestorId: root.id, descendantKind: childLevel } },
    },
  });
  const targets = successorTargets(units, period.to);
  const q = (p: Period): EngineQuery => ({
    rootId: root.id,
    measures: [measure],
    dimensions: ["UNIT"],
    unitLevel: childLevel,
    period: p,
    filters: {},
  });
  const [now, before, reporting] = await Promise.all([
    computeRaw(db, q(period)),
    computeRaw(db, q(previous)),
    reportingUnits(db, root.id, childLevel, period),
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
    const cell = sumCells(now, ids);
    const value = finalValue(measure, cell, unit.partyMembers);
    const previousValue = finalValue(measure, sumCells(before, ids), unit.partyMembers);
    const perHundredMembers = def.isRate
      ? null
      : def.perHundredMembers
        ? value
        : unit.partyMembers > 0 && value !== null
          ? (100 * value) / unit.partyMembers
          : null;
    return {
      unit,
      value,
      perHundredMembers,
      previousValue,
      change: relativeChange(value, previousValue),
      reported: ids.some((id) => reporting.has(id)),
      includes,
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
  return { unit: root, childLevel, measure, perCapita, period, previousPeriod: previous, rows };
}
