// The empty groups of a `metrics` answer: every group of every dimension is a row, reported or
// not. A group without any record is present with `reported: false` and null values (chưa báo
// cáo), not left out and not 0 (like trend and comparison). The groups of each dimension: the units
// of the asked level under the root existing in the period, the buckets of the requested period,
// every value of an enumeration (sector, activity kind, award level …) the filters allow, the
// annual themes of the period's years and "no theme", the models under the root started by the
// period's end that the model filters allow.
import type { PrismaClient } from "@d05/prisma";
import { type EngineQuery, type RawRow, reportedKeys } from "./engine";
import {
  DIMENSION_ENUMS,
  type Dimension,
  isTimeDimension,
  MEASURE_DEFINITIONS,
  type Measure,
} from "./measures";
import { buckets } from "./periods";

type Db = Pick<PrismaClient, "$queryRaw" | "unit" | "theme" | "model">;

/** Raw keys and labels of one dimension's every group. */
type Groups = { key: string; label: string | null }[];

/** The filter that narrows each enumeration dimension's values. */
const ENUM_FILTER = {
  SECTOR: "sectors",
  ACTIVITY_KIND: "activityKinds",
  AWARD_LEVEL: "awardLevels",
  AWARD_FORM: "awardForms",
  RECIPIENT_KIND: "recipientKinds",
  AWARD_GROUND: "awardGrounds",
} as const satisfies Partial<Record<Dimension, keyof EngineQuery["filters"]>>;

async function groupsOf(db: Db, q: EngineQuery, d: Dimension): Promise<Groups> {
  if (isTimeDimension(d)) {
    return buckets(q.listedPeriod ?? q.period, d).map((b) => ({ key: b.key, label: null }));
  }
  if (d in ENUM_FILTER) {
    const allowed = q.filters[ENUM_FILTER[d as keyof typeof ENUM_FILTER]];
    return Object.keys(DIMENSION_ENUMS[d]?.values ?? {})
      .filter((v) => !allowed?.length || allowed.includes(v))
      .map((key) => ({ key, label: null }));
  }
  if (d === "THEME") return themeGroups(db, q);
  if (d === "MODEL") return modelGroups(db, q);
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

/** The themes of the period's years (or the filtered ones) and "no theme" (key 0). */
async function themeGroups(db: Db, q: EngineQuery): Promise<Groups> {
  const ids = q.filters.themeIds?.length ? [...q.filters.themeIds] : null;
  const themes = await db.theme.findMany({
    where: ids
      ? { id: { in: ids } }
      : { year: { gte: q.period.from.getUTCFullYear(), lte: q.period.to.getUTCFullYear() } },
    select: { id: true, title: true },
  });
  const none = ids ? [] : [{ key: "0", label: null }];
  return [...themes.map((t) => ({ key: String(t.id), label: t.title })), ...none];
}

/** Models under the root started by the period's end, as the model filters allow. */
async function modelGroups(db: Db, q: EngineQuery): Promise<Groups> {
  const f = q.filters;
  const models = await db.model.findMany({
    where: {
      unit: { ancestors: { some: { ancestorId: q.rootId } } },
      startedOn: { lte: q.period.to },
      ...(f.sectors?.length ? { sector: { in: [...f.sectors] as never[] } } : {}),
      ...(f.leadOrganisations?.length
        ? { leadOrganisation: { in: [...f.leadOrganisations] as never[] } }
        : {}),
      ...(f.modelLevels?.length ? { level: { in: [...f.modelLevels] as never[] } } : {}),
      ...(f.programmes?.length
        ? {
            OR: f.programmes.map((p) => ({
              programme: { equals: p.trim(), mode: "insensitive" as const },
            })),
          }
        : {}),
    },
    select: { id: true, name: true },
  });
  return models.map((m) => ({ key: String(m.id), label: m.name }));
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
 * At most this many combinations of the asked dimensions' groups are listed. Beyond it (UNIT ×
 * MODEL × MONTH over a province: millions, nearly all meaningless as a model has one unit) the
 * groups without records are left out and the answer says so (emptyGroupsOmitted), rather than
 * building them all to return at most `limit` rows, or refusing the rows that do have records.
 */
export const MAX_LISTED_GROUPS = 10_000;

/**
 * The rows of every group the raw answer lacks (no cells), and which groups reported (the rest
 * are chưa báo cáo: values null). Null without dimensions (the one row always exists). `omitted`:
 * more than MAX_LISTED_GROUPS combinations, so `missing` is empty.
 */
export async function emptyGroups(
  db: Db,
  q: EngineQuery,
  raw: Map<string, RawRow>,
): Promise<{ missing: RawRow[]; reported: Set<string>; omitted: boolean } | null> {
  const dims = q.dimensions;
  if (dims.length === 0) return null;
  const [lists, reported] = await Promise.all([
    Promise.all(dims.map((d) => groupsOf(db, q, d))),
    reportedRows(db, q, raw),
  ]);
  const combinations = lists.reduce((n, list) => n * list.length, 1);
  if (combinations > MAX_LISTED_GROUPS) return { missing: [], reported, omitted: true };
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
  return { missing, reported, omitted: false };
}
