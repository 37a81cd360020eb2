// Small SQL fragments every engine query uses: a column of an alias, a date, a measure's sum.
import { Prisma } from "@d05/prisma";
import { MEASURE_DEFINITIONS, type Measure } from "../measures";
import { isoDay } from "../periods";

export const col = (alias: string, name: string) => Prisma.raw(`${alias}."${name}"`);
export const day = (d: Date) => Prisma.sql`${isoDay(d)}::date`;

export function measureAggregate(m: Measure): Prisma.Sql {
  const def = MEASURE_DEFINITIONS[m];
  if (!def.column) throw new Error(`measure ${m} has no column`);
  const c = col("r", def.column);
  const filter = def.recipientKind
    ? Prisma.raw(` FILTER (WHERE r."recipientKind" = '${def.recipientKind}')`)
    : Prisma.empty;
  return Prisma.sql`COALESCE(SUM(${c})${filter}, 0)::float8`;
}
