// The comparison (so sánh): the units of one level under a root ranked by a measure, a merged
// unit's figures counted toward its successor. Reads the units at the level besides the engine.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import {
  type Cell,
  computeRawOver,
  type EngineQuery,
  type Filters,
  finalValue,
  type RawRow,
  reportedKeys,
  reportedWithFigures,
} from "../engine";
import { MEASURE_DEFINITIONS, type Measure } from "../measures";
import { type Baseline, comparePeriods, isoDay, type Period } from "../periods";
import { type ReferenceFacts, referenceFactsOn } from "../reference-facts";
import { type Denominator, denominator } from "./denominator";
import { facts, relativeChange } from "./period-facts";

type Db = Pick<PrismaClient, "$queryRaw">;

const collator = new Intl.Collator("vi");

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

// Per-row helpers live at module level, not as closures made for each of a comparison's rows:
// the server runs through tsx, whose esbuild keeps function names by wrapping every named closure
// at its creation (0.2–0.4 ms of CPU per 168-row comparison in the profile).

/**
 * The members of a day: of the listed unit and of its predecessors existing that day (a merged
 * commune's members count toward its successor only until it was merged).
 */
function membersOfDay(
  unit: Unit,
  includes: Unit[],
  day: Date,
  dayKey: string,
  history: Map<string, number | null>,
): Denominator {
  const existing = includes.filter((u) => activeOn(u, day));
  return denominator(existing.length > 0 ? existing : [unit], day, history, dayKey);
}

/** A figure per 100 party members (the figure itself for per-100 measures; none for rates). */
function perHundred(measure: Measure, v: number | null, d: Denominator): number | null {
  const def = MEASURE_DEFINITIONS[measure];
  if (def.isRate) return null;
  if (def.perHundredMembers) return v;
  return d.partyMembers && v !== null ? (100 * v) / d.partyMembers : null;
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
  // The units: the request's reference facts (kept while unchanged), or read here.
  reference: Pick<ReferenceFacts, "unitsAtLevel"> = referenceFactsOn(db),
) {
  const periods = comparePeriods(requested, asOf, baseline);
  const { period, previous } = periods;
  // The figures of the units at the level, keyed by unit: the units themselves, their names and
  // their members on both days are read beside them (unitsWithMembersOn), not per figure row.
  const q: EngineQuery = {
    rootId: root.id,
    measures: [measure],
    dimensions: ["UNIT"],
    unitLevel: childLevel,
    period,
    filters,
    unitsListed: true,
    // A measure reported by its own records has them counted with its figures: one query less.
    countRecords: reportedWithFigures(measure),
  };
  const recordsWithFigures = q.countRecords === true;
  const [{ units, members: history }, [now = new Map(), before = new Map()], reporting] =
    await Promise.all([
      reference.unitsAtLevel(root.id, childLevel, [period.to, previous.to]),
      computeRawOver(db, q, [period, previous]),
      // The registration rate's records are the registrations themselves: a unit reported when
      // one of its chi bộ registered for the year (the rate's numerator), read below.
      MEASURE_DEFINITIONS[measure].source === "registration" || recordsWithFigures
        ? Promise.resolve(null)
        : reportedKeys(
            db,
            { rootId: root.id, unitLevel: childLevel, period, dimensions: ["UNIT"], filters },
            measure,
          ),
    ]);
  const targets = successorTargets(units, period.to);
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
  // Each listed unit with the units counted toward it (itself and merged predecessors).
  const counted = new Map<number, Unit[]>();
  for (const u of units) {
    const to = targets.get(u.id);
    if (to === undefined) continue;
    const group = counted.get(to);
    if (group) group.push(u);
    else counted.set(to, [u]);
  }
  const lastDay = isoDay(period.to);
  const previousLastDay = isoDay(previous.to);
  const rows = listed.map((unit) => {
    const includes = counted.get(unit.id) ?? [unit];
    const ids = includes.map((u) => u.id);
    const members = membersOfDay(unit, includes, period.to, lastDay, history);
    const previousMembers = membersOfDay(unit, includes, previous.to, previousLastDay, history);
    const cell = sumCells(now, ids);
    const value = finalValue(measure, cell, members.partyMembers);
    const previousValue = finalValue(measure, sumCells(before, ids), previousMembers.partyMembers);
    const perHundredMembers = perHundred(measure, value, members);
    const previousPerHundredMembers = perHundred(measure, previousValue, previousMembers);
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
      reported: reporting
        ? ids.some((id) => reporting.has(String(id)))
        : recordsWithFigures
          ? ids.some((id) => (now.get(String(id))?.records ?? 0) > 0)
          : (cell?.num ?? 0) > 0,
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
