// The empty groups of a `metrics` answer: every unit of the asked level under the root and every
// bucket of the period is a row, reported or not. A group without any record is present with
// `reported: false` and null values (chưa báo cáo), not left out and not 0 (like trend and
// comparison). Only when every dimension is UNIT or a time bucket: the other dimensions' values
// (sectors, themes, models …) have no list "every group" could mean.
import type { PrismaClient } from "@d05/prisma";
import { type EngineQuery, type RawRow, reportedKeys } from "./engine";
import { type Dimension, isTimeDimension, MEASURE_DEFINITIONS, type Measure } from "./measures";
import { buckets } from "./periods";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

/** Raw keys and labels of one dimension's every group. */
type Groups = { key: string; label: string | null }[];

async function groupsOf(db: Db, q: EngineQuery, d: Dimension): Promise<Groups> {
  if (isTimeDimension(d)) return buckets(q.period, d).map((b) => ({ key: b.key, label: null }));
  // The rows' units as the engine picks them (see unitScope), existing at some day of the period.
  const units = await db.unit.findMany({
    where: {
      ancestors: {
        some: q.unitLevel
          ? { ancestorId: q.rootId, descendantKind: q.unitLevel }
          : { ancestorId: q.rootId, distance: 1 },
      },
      AND: [
        { OR: [{ activeFrom: null }, { activeFrom: { lte: q.period.to } }] },
        { OR: [{ activeUntil: null }, { activeUntil: { gte: q.period.from } }] },
      ],
    },
    select: { id: true, name: true },
  });
  return units.map((u) => ({ key: String(u.id), label: u.name }));
}

/** Sources read on a day (levels): a raw row of them is reported, as every bucket of a trend. */
const LEVELS = new Set(["modelStock", "modelStatus", "commitmentStock", "registration"]);

/**
 * Keys of the raw rows that reported a record of one of the asked measures' kinds: for flows
 * reportedKeys (once per source), for levels every raw row (the engine gives a row only where
 * the level has models, commitments or chi bộ).
 */
async function reportedRows(db: Db, q: EngineQuery, raw: Map<string, RawRow>) {
  const bySource = new Map<string, Measure>();
  for (const m of q.measures) bySource.set(MEASURE_DEFINITIONS[m].source, m);
  const keys = new Set<string>();
  for (const [source, m] of bySource) {
    if (LEVELS.has(source)) {
      for (const r of raw.values()) keys.add(r.keys.join("\u0001"));
    } else {
      for (const k of await reportedKeys(db, q, m)) keys.add(k);
    }
  }
  return keys;
}

/**
 * With dimensions only UNIT and time: the rows of every group the raw answer lacks (no cells),
 * and which groups reported (the rest are chưa báo cáo: values null). Else null: every raw row
 * counts as reported, and groups are only those with records.
 */
export async function emptyGroups(
  db: Db,
  q: EngineQuery,
  raw: Map<string, RawRow>,
): Promise<{ missing: RawRow[]; reported: Set<string> } | null> {
  const dims = q.dimensions;
  if (dims.length === 0 || !dims.every((d) => d === "UNIT" || isTimeDimension(d))) return null;
  const [lists, reported] = await Promise.all([
    Promise.all(dims.map((d) => groupsOf(db, q, d))),
    reportedRows(db, q, raw),
  ]);
  const present = new Set([...raw.values()].map((r) => r.keys.join("\u0001")));
  let combos: Groups[] = [[]];
  for (const list of lists) combos = combos.flatMap((c) => list.map((g) => [...c, g]));
  const missing = combos
    .filter((c) => !present.has(c.map((g) => g.key).join("\u0001")))
    .map((c) => ({
      keys: c.map((g) => g.key),
      labels: c.map((g) => g.label),
      members: null,
      cells: new Map(),
    }));
  return { missing, reported };
}
