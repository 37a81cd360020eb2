// The programme breakdown ("Dân vận khéo"): no measure splits by programme yet (issue 12 adds that
// filter), so it is read from the models and their contributions under the unit, for the span.
import { Prisma, type PrismaClient } from "@d05/prisma";
import { isoDay, type Period } from "../analytics/periods";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export interface ProgrammeFigures {
  programme: string;
  models: number;
  participants: number;
  /** landValueVnd + cashVnd + inKindVnd. */
  totalVnd: number;
  landM2: number;
  landValueVnd: number;
  cashVnd: number;
  inKindVnd: number;
  workdays: number;
}

/** Models of each programme started in the span, and what people contributed to them in it. */
export async function programmeFigures(
  db: Db,
  rootId: number,
  period: Period,
): Promise<ProgrammeFigures[]> {
  const from = Prisma.sql`${isoDay(period.from)}::date`;
  const to = Prisma.sql`${isoDay(period.to)}::date`;
  const rows = await db.$queryRaw<
    {
      programme: string;
      models: number;
      participants: number;
      land: number;
      landValue: number;
      cash: number;
      inKind: number;
      workdays: number;
    }[]
  >`
    WITH m AS (
      SELECT m."id", m."programme", m."startedOn" FROM "Model" m
      JOIN "UnitClosure" c ON c."descendantId" = m."unitId" AND c."ancestorId" = ${rootId}
      WHERE m."programme" IS NOT NULL
    ), given AS (
      SELECT m."programme", SUM(mc."participants")::float8 AS participants,
        SUM(mc."landM2")::float8 AS land, SUM(mc."landValueVnd")::float8 AS "landValue",
        SUM(mc."cashVnd")::float8 AS cash, SUM(mc."inKindVnd")::float8 AS "inKind",
        SUM(mc."workdays")::float8 AS workdays
      FROM "ModelContribution" mc JOIN m ON m."id" = mc."modelId"
      WHERE mc."recordedOn" BETWEEN ${from} AND ${to}
      GROUP BY 1
    ), begun AS (
      SELECT m."programme", COUNT(*)::int AS models FROM m
      WHERE m."startedOn" BETWEEN ${from} AND ${to} GROUP BY 1
    )
    SELECT COALESCE(b."programme", g."programme") AS programme, COALESCE(b.models, 0)::int AS models,
      COALESCE(g.participants, 0) AS participants, COALESCE(g.land, 0) AS land,
      COALESCE(g."landValue", 0) AS "landValue", COALESCE(g.cash, 0) AS cash,
      COALESCE(g."inKind", 0) AS "inKind", COALESCE(g.workdays, 0) AS workdays
    FROM begun b FULL JOIN given g ON g."programme" = b."programme"
    ORDER BY 1`;
  return rows.map((r) => ({
    programme: r.programme,
    models: Number(r.models),
    participants: Number(r.participants),
    totalVnd: Number(r.landValue) + Number(r.cash) + Number(r.inKind),
    landM2: Number(r.land),
    landValueVnd: Number(r.landValue),
    cashVnd: Number(r.cash),
    inKindVnd: Number(r.inKind),
    workdays: Number(r.workdays),
  }));
}
