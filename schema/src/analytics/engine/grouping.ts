// How rows are split by the query's dimensions: the key and label columns, the units a row belongs
// to, the GROUP BY, and the time buckets of a period.
import { Prisma } from "@d05/prisma";
import { type Dimension, isTimeDimension } from "../measures";
import {
  type Granularity,
  isoDay,
  type Period,
  SQL_INTERVAL,
  SQL_KEY_FORMAT,
  SQL_TRUNC,
} from "../periods";
import { membershipOn } from "./members";
import { col, day } from "./sql";
import type { EngineQuery } from "./types";

const DIMENSION_COLUMN: Partial<Record<Dimension, string>> = {
  SECTOR: "sector",
  ACTIVITY_KIND: "kind",
  AWARD_LEVEL: "level",
  AWARD_FORM: "form",
  RECIPIENT_KIND: "recipientKind",
  AWARD_GROUND: "ground",
  THEME: "themeId",
};

export function timeGranularity(dims: readonly Dimension[]): Granularity | null {
  const t = dims.find(isTimeDimension);
  return t === undefined ? null : t;
}

/** Buckets of the period at granularity g: start and the last day read for levels (≤ to). */
export function bucketsCte(period: Period, g: Granularity): Prisma.Sql {
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
 * What a UNIT row carries besides its unit's id: the unit's name (`named`, read from "Unit" du)
 * and its party members on `membersOn`. A caller that lists its units itself (the comparison)
 * asks for neither, and the rows are grouped by the closure's descendant alone: no "Unit" row is
 * read per unit (a third of a province's comparison's buffer reads).
 */
export interface UnitFacts {
  named: boolean;
  membersOn: Date | null;
}

/** The unit facts of a query's UNIT rows: none when the caller lists the units itself. */
export function unitFacts(q: Pick<EngineQuery, "unitsListed" | "period">): UnitFacts {
  return q.unitsListed ? NO_UNIT_FACTS : { named: true, membersOn: q.period.to };
}

/** Keys only (the unit's id): for callers that read names and members elsewhere or not at all. */
export const NO_UNIT_FACTS: UnitFacts = { named: false, membersOn: null };

/**
 * k0,l0,k1,l1,... and members; `time` is the date column the time dimension is read from. The
 * members are the row unit's party members on `facts.membersOn` (the period's last day): its
 * history; without it, null.
 */
export function keyParts(dims: readonly Dimension[], time: Prisma.Sql, facts: UnitFacts): KeyParts {
  const selects: Prisma.Sql[] = [];
  let needsUnit = false;
  let needsTheme = false;
  dims.forEach((d, i) => {
    const k = Prisma.raw(`"k${i}"`);
    const l = Prisma.raw(`"l${i}"`);
    if (d === "UNIT") {
      needsUnit = true;
      selects.push(
        facts.named
          ? Prisma.sql`du."id"::text AS ${k}`
          : Prisma.sql`dc."descendantId"::text AS ${k}`,
        facts.named ? Prisma.sql`du."name" AS ${l}` : Prisma.sql`NULL::text AS ${l}`,
      );
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
    needsUnit && facts.named && facts.membersOn
      ? Prisma.sql`(${membershipOn(Prisma.sql`du."id"`, day(facts.membersOn))}) AS "members"`
      : Prisma.sql`NULL::int AS "members"`,
  );
  return { selects, needsUnit, needsTheme };
}

/** Joins and conditions that pick the rows of the root (no UNIT) or of each unit at the level. */
export function unitScope(
  q: EngineQuery,
  needsUnit: boolean,
  unitColumn: Prisma.Sql,
  facts: UnitFacts,
) {
  if (!needsUnit) {
    return { joins: Prisma.empty, conds: [Prisma.sql`${unitColumn} = ${q.rootId}`] };
  }
  const level = q.unitLevel
    ? Prisma.sql`dc."descendantKind" = ${q.unitLevel}::"UnitKind"`
    : Prisma.sql`dc."distance" = 1`;
  return {
    joins: Prisma.sql`JOIN "UnitClosure" dc ON dc."descendantId" = ${unitColumn} AND dc."ancestorId" = ${q.rootId}
      ${facts.named ? Prisma.sql`JOIN "Unit" du ON du."id" = ${unitColumn}` : Prisma.empty}`,
    conds: [level],
  };
}

/**
 * The key columns (k0, l0, …) and, with the UNIT dimension, the unit's id: the members column
 * (unit_members_on of that id) is then a function of the group, evaluated once per group. Grouping
 * by the members column itself made PostgreSQL call the function for every rollup row joined
 * (10,206 calls instead of 168 for a province's communes over a year: 0.5–1.3 s instead of 11–60
 * ms on PGlite; `pnpm bench --only report`). `leading` columns before the keys (a period tag) are
 * grouped first. A UNIT key without names is grouped by the closure's integer id, not by its text
 * (hashing 3,000 texts was a tenth of a comparison's figures statement).
 */
export function groupBy(
  dims: readonly Dimension[],
  needsUnit: boolean,
  facts: UnitFacts,
  leading = 0,
): Prisma.Sql {
  if (dims.length === 0 && leading === 0) return Prisma.empty;
  const lead = Array.from({ length: leading }, (_, i) => String(i + 1));
  const keys = dims.flatMap((d, i) => {
    const key = leading + 2 * i + 1;
    if (d === "UNIT" && !facts.named) return ['dc."descendantId"']; // its label is NULL
    return [String(key), String(key + 1)];
  });
  const unit = needsUnit && facts.named ? ['du."id"'] : [];
  return Prisma.raw(`GROUP BY ${[...lead, ...keys, ...unit].join(", ")}`);
}
