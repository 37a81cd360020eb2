// The measures × dimensions × filters engine. Reads ONLY the rollup tables and Unit/UnitClosure,
// with bound parameters: every identifier spliced with Prisma.raw comes from the constant tables
// below, never from the caller. One query per rollup source a request needs.
import { Prisma, type PrismaClient, type UnitKind } from "@d05/prisma";
import {
  type Dimension,
  isTimeDimension,
  MEASURE_DEFINITIONS,
  type Measure,
  type Source,
} from "./measures";
import {
  contributionTable,
  lifecycleTable,
  needsModelRows,
  statusDeltaTable,
} from "./model-records";
import {
  type Granularity,
  isoDay,
  type Period,
  SQL_INTERVAL,
  SQL_KEY_FORMAT,
  SQL_TRUNC,
} from "./periods";

export interface Filters {
  activityKinds?: readonly string[] | null;
  sectors?: readonly string[] | null;
  awardLevels?: readonly string[] | null;
  awardForms?: readonly string[] | null;
  recipientKinds?: readonly string[] | null;
  /** Theme ids (database ids). */
  themeIds?: readonly number[] | null;
  awardGrounds?: readonly string[] | null;
  /** Model programmes, matched whole and case-insensitively ("Dân vận khéo"). */
  programmes?: readonly string[] | null;
  leadOrganisations?: readonly string[] | null;
  modelLevels?: readonly string[] | null;
  /** Awards by decision month instead of emulation year (the default). */
  awardsByDecisionDate?: boolean;
}

export interface EngineQuery {
  rootId: number;
  measures: readonly Measure[];
  dimensions: readonly Dimension[];
  /** Kind of the UNIT rows; null: the root's direct children. */
  unitLevel: UnitKind | null;
  period: Period;
  /** The whole period asked for, when `period` is cut at today: its buckets are all listed. */
  listedPeriod?: Period;
  filters: Filters;
}

/** A measure's figure before division: per-100 and rate measures carry their denominator. */
export interface Cell {
  num: number;
  den: number | null;
}

export interface RawRow {
  /** Raw keys per dimension: unit id, theme id ("0": none), enum value, bucket key. */
  keys: string[];
  /** Labels the SQL knows (unit and theme names), else null. */
  labels: (string | null)[];
  /** partyMembers of the row's unit when UNIT is a dimension. */
  members: number | null;
  cells: Map<Measure, Cell>;
}

type Db = Pick<PrismaClient, "$queryRaw">;

type TableSource = Exclude<Source, "registration">;
/** Sources read as flows over the period (the rest are stocks read on its last day). */
type FlowSource = Exclude<TableSource, "modelStock" | "modelStatus" | "commitmentStock">;

const TABLE: Record<TableSource, string> = {
  activity: "ActivityRollup",
  award: "AwardRollup",
  modelDay: "ModelDayRollup",
  modelStock: "ModelDayRollup",
  modelStatus: "ModelDayRollup",
  contribution: "ContributionRollup",
  commitment: "CommitmentRollup",
  commitmentStock: "CommitmentRollup",
};

const TIME_COLUMN: Record<TableSource, string> = {
  activity: "month",
  award: "month",
  modelDay: "day",
  modelStock: "day",
  modelStatus: "day",
  contribution: "month",
  commitment: "month",
  commitmentStock: "month",
};

/**
 * What a source's rows are read from, aliased r: its rollup, or the per-model rows (see
 * model-records.ts) when the question filters or splits by model, and always for status stocks.
 */
function sourceTable(source: TableSource, q: EngineQuery): Prisma.Sql {
  const perModel = needsModelRows(q.filters, q.dimensions);
  if (source === "modelStatus") return statusDeltaTable(q.rootId);
  if (perModel && (source === "modelDay" || source === "modelStock")) {
    return lifecycleTable(q.rootId);
  }
  if (perModel && source === "contribution") return contributionTable(q.rootId);
  return Prisma.raw(`"${TABLE[source]}"`);
}

/** Awards count in their emulation year (month) unless asked by decision (decisionMonth). */
function timeColumn(source: TableSource, q: EngineQuery): string {
  return source === "award" && q.filters.awardsByDecisionDate
    ? "decisionMonth"
    : TIME_COLUMN[source];
}

const DIMENSION_COLUMN: Partial<Record<Dimension, string>> = {
  SECTOR: "sector",
  ACTIVITY_KIND: "kind",
  AWARD_LEVEL: "level",
  AWARD_FORM: "form",
  RECIPIENT_KIND: "recipientKind",
  AWARD_GROUND: "ground",
  THEME: "themeId",
};

const col = (alias: string, name: string) => Prisma.raw(`${alias}."${name}"`);
const day = (d: Date) => Prisma.sql`${isoDay(d)}::date`;

function inList(column: Prisma.Sql, values: readonly (string | number)[] | null | undefined) {
  if (!values || values.length === 0) return null;
  return Prisma.sql`${column}::text IN (${Prisma.join(values.map(String))})`;
}

function inListIgnoringCase(column: Prisma.Sql, values: readonly string[] | null | undefined) {
  if (!values || values.length === 0) return null;
  return Prisma.sql`lower(${column}) IN (${Prisma.join(values.map((v) => v.trim().toLowerCase()))})`;
}

function filterConditions(source: Source, f: Filters): Prisma.Sql[] {
  const conds: (Prisma.Sql | null)[] = [];
  if (source === "activity") {
    conds.push(inList(col("r", "kind"), f.activityKinds));
    conds.push(inList(col("r", "themeId"), f.themeIds));
  } else if (source === "award") {
    conds.push(inList(col("r", "level"), f.awardLevels));
    conds.push(inList(col("r", "form"), f.awardForms));
    conds.push(inList(col("r", "recipientKind"), f.recipientKinds));
    conds.push(inList(col("r", "ground"), f.awardGrounds));
    conds.push(inList(col("r", "themeId"), f.themeIds));
  } else if (
    source === "modelDay" ||
    source === "modelStock" ||
    source === "modelStatus" ||
    source === "contribution"
  ) {
    conds.push(inList(col("r", "sector"), f.sectors));
    // Only the per-model tables have these columns; sourceTable picks them when these are set.
    conds.push(inListIgnoringCase(col("r", "programme"), f.programmes));
    conds.push(inList(col("r", "leadOrganisation"), f.leadOrganisations));
    conds.push(inList(col("r", "modelLevel"), f.modelLevels));
  }
  return conds.filter((c): c is Prisma.Sql => c !== null);
}

function timeGranularity(dims: readonly Dimension[]): Granularity | null {
  const t = dims.find(isTimeDimension);
  return t === undefined ? null : t;
}

/** Buckets of the period at granularity g: start and the last day read for levels (≤ to). */
function bucketsCte(period: Period, g: Granularity): Prisma.Sql {
  const interval = Prisma.raw(`interval '${SQL_INTERVAL[g]}'`);
  const trunc = Prisma.raw(`'${SQL_TRUNC[g]}'`);
  return Prisma.sql`b AS (
    SELECT s::date AS "start", LEAST((s + ${interval})::date - 1, ${day(period.to)}) AS "fin"
    FROM generate_series(date_trunc(${trunc}, ${isoDay(period.from)}::timestamp), ${isoDay(period.to)}::timestamp, ${interval}) s
  )`;
}

interface KeyParts {
  selects: Prisma.Sql[];
  needsUnit: boolean;
  needsTheme: boolean;
}

/**
 * k0,l0,k1,l1,... and members; `time` is the date column the time dimension is read from. The
 * members are the row unit's party members on `membersOn` (the period's last day): its history.
 */
function keyParts(dims: readonly Dimension[], time: Prisma.Sql, membersOn: Date): KeyParts {
  const selects: Prisma.Sql[] = [];
  let needsUnit = false;
  let needsTheme = false;
  dims.forEach((d, i) => {
    const k = Prisma.raw(`"k${i}"`);
    const l = Prisma.raw(`"l${i}"`);
    if (d === "UNIT") {
      needsUnit = true;
      selects.push(Prisma.sql`du."id"::text AS ${k}`, Prisma.sql`du."name" AS ${l}`);
    } else if (isTimeDimension(d)) {
      const fmt = Prisma.raw(`'${SQL_KEY_FORMAT[d]}'`);
      selects.push(Prisma.sql`to_char(${time}, ${fmt}) AS ${k}`, Prisma.sql`NULL::text AS ${l}`);
    } else if (d === "MODEL") {
      selects.push(Prisma.sql`r."modelId"::text AS ${k}`, Prisma.sql`r."modelName" AS ${l}`);
    } else if (d === "THEME") {
      needsTheme = true;
      selects.push(Prisma.sql`r."themeId"::text AS ${k}`, Prisma.sql`th."title" AS ${l}`);
    } else {
      const c = DIMENSION_COLUMN[d];
      if (!c) throw new Error(`no column for dimension ${d}`);
      selects.push(Prisma.sql`${col("r", c)}::text AS ${k}`, Prisma.sql`NULL::text AS ${l}`);
    }
  });
  selects.push(
    needsUnit
      ? Prisma.sql`unit_members_on(du."id", ${day(membersOn)}) AS "members"`
      : Prisma.sql`NULL::int AS "members"`,
  );
  return { selects, needsUnit, needsTheme };
}

/** Joins and conditions that pick the rows of the root (no UNIT) or of each unit at the level. */
function unitScope(q: EngineQuery, needsUnit: boolean, unitColumn: Prisma.Sql) {
  if (!needsUnit) {
    return { joins: Prisma.empty, conds: [Prisma.sql`${unitColumn} = ${q.rootId}`] };
  }
  const level = q.unitLevel
    ? Prisma.sql`dc."descendantKind" = ${q.unitLevel}::"UnitKind"`
    : Prisma.sql`dc."distance" = 1`;
  return {
    joins: Prisma.sql`JOIN "UnitClosure" dc ON dc."descendantId" = ${unitColumn} AND dc."ancestorId" = ${q.rootId}
      JOIN "Unit" du ON du."id" = ${unitColumn}`,
    conds: [level],
  };
}

/**
 * The key columns (k0, l0, …) and, with the UNIT dimension, the unit's id: the members column
 * (unit_members_on of that id) is then a function of the group, evaluated once per group. Grouping
 * by the members column itself made PostgreSQL call the function for every rollup row joined
 * (10,206 calls instead of 168 for a province's communes over a year: 0.5–1.3 s instead of 11–60
 * ms on PGlite; `pnpm bench --only report`).
 */
function groupBy(dims: readonly Dimension[], needsUnit: boolean): Prisma.Sql {
  if (dims.length === 0) return Prisma.empty;
  const keys = Array.from({ length: dims.length * 2 }, (_, i) => String(i + 1));
  return Prisma.raw(`GROUP BY ${[...keys, ...(needsUnit ? ['du."id"'] : [])].join(", ")}`);
}

function measureAggregate(m: Measure): Prisma.Sql {
  const def = MEASURE_DEFINITIONS[m];
  if (!def.column) throw new Error(`measure ${m} has no column`);
  const c = col("r", def.column);
  const filter = def.recipientKind
    ? Prisma.raw(` FILTER (WHERE r."recipientKind" = '${def.recipientKind}')`)
    : Prisma.empty;
  return Prisma.sql`COALESCE(SUM(${c})${filter}, 0)::float8`;
}

/** The rollup columns of each flow source, in the order both halves of flowTable select them. */
const FLOW_COLUMNS: Record<FlowSource, string[]> = {
  activity: ["unitId", "month", "kind", "themeId", "records", "sessions", "attendance"],
  award: [
    "unitId",
    "month",
    "decisionMonth",
    "level",
    "form",
    "recipientKind",
    "themeId",
    "ground",
    "awards",
    "records",
  ],
  modelDay: ["unitId", "day", "sector", "started", "activeDelta", "replicated", "changes"],
  contribution: [
    "unitId",
    "month",
    "sector",
    "records",
    "participants",
    "totalVnd",
    "landM2",
    "landValueVnd",
    "cashVnd",
    "inKindVnd",
    "workdays",
  ],
  commitment: ["unitId", "month", "kind", "registered", "completed", "replicated"],
};

/**
 * The records of the days [from, to] (inside one month) shaped as rows of the source's rollup:
 * the same SELECT as rebuild_rollups() (migration deferred_record_rollups) without its GROUP BY,
 * restricted to ancestors inside the root's subtree. Only the partial last month of an unfinished
 * period (cùng kỳ: 01/12–02/12/2025) is read this way: one month of the subtree's records.
 */
function edgeRows(
  source: Exclude<FlowSource, "modelDay">,
  edge: Period,
  rootId: number,
  awardsByDecisionDate: boolean,
) {
  const within = (date: Prisma.Sql) =>
    Prisma.sql`${date} BETWEEN ${day(edge.from)} AND ${day(edge.to)}
      AND c."ancestorId" IN (SELECT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = ${rootId})`;
  switch (source) {
    case "activity":
      return Prisma.sql`SELECT c."ancestorId", rollup_month(a."occurredOn"), a."kind",
          coalesce(a."themeId", 0), 1, a."sessions"::bigint, a."attendance"::bigint
        FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
        WHERE ${within(Prisma.sql`a."occurredOn"`)}`;
    case "award":
      // As rollup_award_add: counted in the decision's day moved into the emulation year.
      return Prisma.sql`SELECT c."ancestorId", rollup_month(award_counted_day(a."awardedOn", a."emulationYear")),
          rollup_month(a."awardedOn"), a."level", a."form", a."recipientKind", coalesce(a."themeId", 0),
          a."ground", a."recipientCount"::bigint, 1
        FROM "Award" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
        WHERE ${within(
          awardsByDecisionDate
            ? Prisma.sql`a."awardedOn"`
            : Prisma.sql`award_counted_day(a."awardedOn", a."emulationYear")`,
        )}`;
    case "contribution":
      return Prisma.sql`SELECT c."ancestorId", rollup_month(k."recordedOn"), m."sector", 1,
          k."participants"::bigint, (k."landValueVnd" + k."cashVnd" + k."inKindVnd")::bigint,
          k."landM2"::bigint, k."landValueVnd"::bigint, k."cashVnd"::bigint, k."inKindVnd"::bigint,
          k."workdays"::bigint
        FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId"
        JOIN "UnitClosure" c ON c."descendantId" = m."unitId"
        WHERE ${within(Prisma.sql`k."recordedOn"`)}`;
    case "commitment":
      return Prisma.sql`SELECT c."ancestorId", rollup_month(e."on"), e."kind",
          e."registered", e."completed", e."replicated"
        FROM (
          SELECT "unitId", "registeredOn" AS "on", "kind", 1 AS "registered", 0 AS "completed", 0 AS "replicated"
          FROM "Commitment"
          UNION ALL
          SELECT "unitId", coalesce("completedOn", "replicatedOn", "registeredOn"), "kind", 0, 1, 0
          FROM "Commitment" WHERE "status" IN ('COMPLETED', 'REPLICATED')
          UNION ALL
          SELECT "unitId", coalesce("replicatedOn", "completedOn", "registeredOn"), "kind", 0, 0, 1
          FROM "Commitment" WHERE "status" = 'REPLICATED'
        ) e JOIN "UnitClosure" c ON c."descendantId" = e."unitId"
        WHERE ${within(Prisma.sql`e."on"`)}`;
  }
}

/**
 * The rows of a flow source for the period, as a table expression aliased `r`. Monthly rollups
 * hold whole months, so when the period ends inside a month (an unfinished period counted to
 * today, or its cùng kỳ) that month's days come from the records (edgeRows); day rollups
 * (models) are read day by day.
 */
function flowTable(source: FlowSource, q: EngineQuery): Prisma.Sql {
  const rows = sourceTable(source, q);
  const time = Prisma.raw(`"${timeColumn(source, q)}"`);
  const split = splitAtPartialMonth(q.period);
  const perModel = needsModelRows(q.filters, q.dimensions);
  if (perModel && source === "contribution") {
    // The per-model rows keep each contribution's day: a partial month is exact as it is.
    return Prisma.sql`(SELECT * FROM ${rows} x
      WHERE x."day" BETWEEN ${day(q.period.from)} AND ${day(q.period.to)}) r`;
  }
  if (source === "modelDay" || !split.edge) {
    return Prisma.sql`(SELECT * FROM ${rows} x WHERE ${time} BETWEEN ${day(q.period.from)} AND ${day(q.period.to)}) r`;
  }
  const columns = Prisma.raw(FLOW_COLUMNS[source].map((c) => `"${c}"`).join(", "));
  const whole = split.wholeTo
    ? Prisma.sql`SELECT ${columns} FROM ${rows} x
        WHERE ${time} BETWEEN ${day(q.period.from)} AND ${day(split.wholeTo)}
        UNION ALL `
    : Prisma.empty;
  const edge = edgeRows(source, split.edge, q.rootId, Boolean(q.filters.awardsByDecisionDate));
  return Prisma.sql`(SELECT * FROM (${whole}${edge}) t (${columns})) r`;
}

/** Whole months of a period (up to `wholeTo`) and the days of its partial last month, if any. */
function splitAtPartialMonth(period: Period): { wholeTo: Date | null; edge: Period | null } {
  if (new Date(period.to.getTime() + 86_400_000).getUTCDate() === 1) {
    return { wholeTo: period.to, edge: null };
  }
  const monthStart = new Date(Date.UTC(period.to.getUTCFullYear(), period.to.getUTCMonth(), 1));
  const edge = { from: monthStart > period.from ? monthStart : period.from, to: period.to };
  const wholeTo = new Date(monthStart.getTime() - 86_400_000);
  return { wholeTo: wholeTo >= period.from ? wholeTo : null, edge };
}

function flowSql(source: FlowSource, ms: Measure[], q: EngineQuery) {
  const time = col("r", timeColumn(source, q));
  const parts = keyParts(q.dimensions, time, q.period.to);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${measureAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  return Prisma.sql`SELECT ${Prisma.join([...parts.selects, ...values])}
    FROM ${flowTable(source, q)} ${scope.joins}
    ${parts.needsTheme ? Prisma.sql`LEFT JOIN "Theme" th ON th."id" = r."themeId"` : Prisma.empty}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit)}`;
}

/** A stock measure's value: the sum of its day (or month) deltas up to the read day. */
function stockAggregate(m: Measure): Prisma.Sql {
  if (m === "COMMITMENTS_IN_PROGRESS") {
    return Prisma.sql`COALESCE(SUM(r."registered" - r."completed"), 0)::float8`;
  }
  return measureAggregate(m);
}

/**
 * Stocks (models active, replicated or discontinued; commitments in progress) on the last day of
 * the period, or of each time bucket: the sum of the deltas dated on or before that day.
 */
function stockSql(source: TableSource, ms: Measure[], q: EngineQuery) {
  const g = timeGranularity(q.dimensions);
  const table = sourceTable(source, q);
  const time = col("r", TIME_COLUMN[source]);
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, q.period.to);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${stockAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  if (g === null) {
    conds.push(Prisma.sql`${time} <= ${day(q.period.to)}`);
    return Prisma.sql`SELECT ${Prisma.join([...parts.selects, ...values])}
      FROM ${table} r ${scope.joins}
      WHERE ${Prisma.join(conds, " AND ")}
      ${groupBy(q.dimensions, parts.needsUnit)}`;
  }
  return Prisma.sql`WITH ${bucketsCte(q.period, g)}
    SELECT ${Prisma.join([...parts.selects, ...values])}
    FROM b JOIN ${table} r ON ${time} <= b."fin" ${scope.joins}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit)}`;
}

/**
 * Registration rate: party cells existing on the read day (end of period or bucket) under each
 * row's unit, and how many of them registered a commitment for that day's year. Both are range
 * sums over the day deltas of PartyCellRollup / RegisteredCellRollup for the row's unit: one
 * index range per unit and day, however many cells lie below.
 */
function registrationSql(q: EngineQuery) {
  const g = timeGranularity(q.dimensions);
  const cte =
    g === null
      ? Prisma.sql`b AS (SELECT ${day(q.period.to)} AS "start", ${day(q.period.to)} AS "fin")`
      : bucketsCte(q.period, g);
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, q.period.to);
  const targets = parts.needsUnit
    ? Prisma.sql`"UnitClosure" dc JOIN "Unit" du ON du."id" = dc."descendantId"`
    : Prisma.sql`"Unit" du`;
  const conds = parts.needsUnit
    ? [
        Prisma.sql`dc."ancestorId" = ${q.rootId}`,
        q.unitLevel
          ? Prisma.sql`dc."descendantKind" = ${q.unitLevel}::"UnitKind"`
          : Prisma.sql`dc."distance" = 1`,
      ]
    : [Prisma.sql`du."id" = ${q.rootId}`];
  // One row per (unit, bucket) already: no GROUP BY, the sums are correlated subqueries.
  return Prisma.sql`WITH ${cte}
    SELECT ${Prisma.join([
      ...parts.selects,
      Prisma.sql`(SELECT COALESCE(SUM(r."cells"), 0) FROM "RegisteredCellRollup" r
        WHERE r."unitId" = du."id" AND r."year" = extract(year FROM b."fin")::int
          AND r."day" <= b."fin")::float8 AS "v0"`,
      Prisma.sql`(SELECT COALESCE(SUM(p."cells"), 0) FROM "PartyCellRollup" p
        WHERE p."unitId" = du."id" AND p."day" <= b."fin")::float8 AS "d0"`,
    ])}
    FROM b CROSS JOIN ${targets}
    WHERE ${Prisma.join(conds, " AND ")}`;
}

type SqlRow = Record<string, string | number | null>;

const rowKey = (keys: string[]) => keys.join("\u0001");

/**
 * Raw figures per combination of dimension keys. Combinations with no rollup row for any of the
 * requested measures do not appear (callers zero-fill where they need every bucket or unit).
 */
export async function computeRaw(db: Db, q: EngineQuery): Promise<Map<string, RawRow>> {
  const bySource = new Map<Source, Measure[]>();
  for (const m of new Set(q.measures)) {
    const s = MEASURE_DEFINITIONS[m].source;
    bySource.set(s, [...(bySource.get(s) ?? []), m]);
  }
  // The sources are independent queries: sent at once, they overlap on a connection pool.
  const sources = [...bySource];
  const results = await Promise.all(
    sources.map(([source, ms]) =>
      db.$queryRaw<SqlRow[]>(
        source === "registration"
          ? registrationSql(q)
          : source === "modelStock" || source === "modelStatus" || source === "commitmentStock"
            ? stockSql(source, ms, q)
            : flowSql(source, ms, q),
      ),
    ),
  );
  const rows = new Map<string, RawRow>();
  for (const [index, [source, ms]] of sources.entries()) {
    for (const r of results[index] ?? []) {
      const keys = q.dimensions.map((_, i) => String(r[`k${i}`]));
      const k = rowKey(keys);
      let row = rows.get(k);
      if (!row) {
        row = {
          keys,
          labels: q.dimensions.map((_, i) => (r[`l${i}`] ?? null) as string | null),
          members: r.members === null || r.members === undefined ? null : Number(r.members),
          cells: new Map(),
        };
        rows.set(k, row);
      }
      ms.forEach((m, i) => {
        const num = Number(r[`v${i}`] ?? 0);
        const den = source === "registration" ? Number(r.d0 ?? 0) : null;
        row.cells.set(m, { num, den });
      });
    }
  }
  // A combination whose every figure is zero (e.g. a day with status changes but no model start)
  // says nothing: drop it, so rows are the combinations with something to show.
  if (q.dimensions.length > 0) {
    for (const [k, row] of rows) {
      if ([...row.cells.values()].every((c) => c.num === 0 && !c.den)) rows.delete(k);
    }
  }
  return rows;
}

/**
 * The figure shown for a measure: per-100 measures divide by `members` (null for 0 members),
 * rates are percentages (null without a denominator), everything else is the sum itself.
 */
export function finalValue(
  m: Measure,
  cell: Cell | undefined,
  members: number | null,
): number | null {
  const def = MEASURE_DEFINITIONS[m];
  if (def.isRate) {
    if (!cell?.den) return null;
    return (100 * cell.num) / cell.den;
  }
  const num = cell?.num ?? 0;
  if (def.perHundredMembers) return members ? (100 * num) / members : null;
  return num;
}

/** The flow whose records show that a unit reported a source's measures. */
const REPORTED_BY: Record<Source, FlowSource> = {
  activity: "activity",
  award: "award",
  modelDay: "modelDay",
  modelStock: "modelDay",
  modelStatus: "modelDay",
  registration: "modelDay",
  contribution: "contribution",
  commitment: "commitment",
  commitmentStock: "commitment",
};

/** What counts as "a record of this kind" in each flow source's rows. */
const RECORD_COUNT: Record<FlowSource, string> = {
  activity: `r."records"`,
  award: `r."records"`,
  contribution: `r."records"`,
  commitment: `r."registered" + r."completed" + r."replicated"`,
  modelDay: `r."started" + r."changes"`,
};

/**
 * Keys of the rows (units for [UNIT], buckets for a time dimension) that reported the measure's
 * kind of record in the period (else: chưa báo cáo, not 0): an activity for activity measures, an
 * award for award measures, a contribution, a commitment event, a model started or changing
 * status. A stock of models is reported by any model event up to the end of the period. (The
 * registration rate is reported by its numerator: see runComparison.) The query's filters apply:
 * with a sector filter only that sector's model events count. Without dimensions: "".
 */
export async function reportedKeys(
  db: Db,
  q: Pick<EngineQuery, "rootId" | "unitLevel" | "period" | "dimensions"> & { filters?: Filters },
  measure: Measure,
): Promise<Set<string>> {
  const measureSource = MEASURE_DEFINITIONS[measure].source;
  const source = REPORTED_BY[measureSource];
  const isStock =
    measureSource === "modelStock" ||
    measureSource === "modelStatus" ||
    measureSource === "commitmentStock";
  const period = isStock ? { from: new Date("0001-01-01T00:00:00Z"), to: q.period.to } : q.period;
  // The filters narrow what counts as a report as they narrow the figures: with a sector filter
  // only that sector's model events, with an activity kind only those activities (each filter
  // applies to the sources whose records have its field, as in the figures).
  const filters: Filters = q.filters ?? {};
  const full: EngineQuery = { ...q, period, measures: [], filters };
  const parts = keyParts(q.dimensions, col("r", timeColumn(source, full)), q.period.to);
  const scope = unitScope(full, parts.needsUnit, Prisma.sql`r."unitId"`);
  // MATERIALIZED: the units under the root first (one closure index range), then their rollup
  // rows; left to itself the planner may read the period's rows of every unit in the country.
  const level = q.unitLevel
    ? Prisma.sql`"descendantKind" = ${q.unitLevel}::"UnitKind"`
    : Prisma.sql`"distance" = 1`;
  const units = parts.needsUnit
    ? Prisma.sql`WITH u AS MATERIALIZED (
        SELECT "descendantId" AS "id" FROM "UnitClosure" WHERE "ancestorId" = ${q.rootId} AND ${level})`
    : Prisma.empty;
  const conds = [
    ...scope.conds,
    ...(parts.needsUnit ? [Prisma.sql`r."unitId" IN (SELECT "id" FROM u)`] : []),
    ...filterConditions(source, filters),
  ];
  const rows = await db.$queryRaw<SqlRow[]>`
    ${units}
    SELECT ${Prisma.join([...parts.selects, Prisma.sql`1 AS "one"`])}
    FROM ${flowTable(source, full)} ${scope.joins}
    ${parts.needsTheme ? Prisma.sql`LEFT JOIN "Theme" th ON th."id" = r."themeId"` : Prisma.empty}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit)}
    HAVING SUM(${Prisma.raw(RECORD_COUNT[source])}) > 0`;
  return new Set(rows.map((r) => rowKey(q.dimensions.map((_, i) => String(r[`k${i}`])))));
}

/**
 * Party members of units on days, from their membership histories, in one query: keyed
 * `${unitId}@${yyyy-mm-dd}`, null where a unit has no entry on or before the day.
 */
export async function membersOfUnitsOn(
  db: Db,
  unitIds: readonly number[],
  days: readonly Date[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (unitIds.length === 0 || days.length === 0) return out;
  const rows = await db.$queryRaw<{ unitId: number; day: string; members: number | null }[]>`
    SELECT u."id" AS "unitId", d."day"::text AS "day", unit_members_on(u."id", d."day") AS "members"
    FROM "Unit" u CROSS JOIN (VALUES ${Prisma.join(
      [...new Set(days.map(isoDay))].map((x) => Prisma.sql`(${x}::date)`),
    )}) d ("day")
    WHERE u."id" IN (${Prisma.join([...new Set(unitIds)])})`;
  for (const r of rows) {
    out.set(
      `${Number(r.unitId)}@${String(r.day).slice(0, 10)}`,
      r.members === null ? null : Number(r.members),
    );
  }
  return out;
}

/** A unit's party members on a day, from its membership history (null before its first entry). */
export async function membersOn(db: Db, unitId: number, on: Date): Promise<number | null> {
  const [row] = await db.$queryRaw<{ members: number | null }[]>`
    SELECT unit_members_on(${unitId}, ${day(on)}) AS "members"`;
  return row?.members ?? null;
}
