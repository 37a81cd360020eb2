// Per-model sources for the metrics engine. The model rollups are keyed by sector only, so a
// question about a programme ("Dân vận khéo"), a lead organisation, a model level, or split by
// model reads each model's own rows instead: its lifecycle (ModelLifecycle, one row per model and
// day, kept by the rollup triggers), its contributions, or its status history. Each derived table
// has the shape of a rollup (one row per ancestor unit under the root, the "unitId" column), so the
// engine's unit scope, dimensions and sums apply unchanged. Its cost grows with the models under
// the root, not with the whole country: the root's closure range bounds every join.
import { Prisma } from "@d05/prisma";
import type { Filters } from "./engine";

/** The model fields a filter or the MODEL dimension reads, joined as m. */
const MODEL_COLUMNS = Prisma.sql`m."id" AS "modelId", m."name" AS "modelName",
  m."programme", m."leadOrganisation", m."level" AS "modelLevel"`;

/** Ancestors of the model's unit that lie under the root (the root included). */
const underRoot = (rootId: number, unitColumn: Prisma.Sql) =>
  Prisma.sql`JOIN "UnitClosure" c ON c."descendantId" = ${unitColumn}
    JOIN "UnitClosure" rc ON rc."descendantId" = c."ancestorId" AND rc."ancestorId" = ${rootId}`;

/** ModelLifecycle rows per ancestor: started, activeDelta, replicated, changes by day. */
export function lifecycleTable(rootId: number): Prisma.Sql {
  return Prisma.sql`(SELECT c."ancestorId" AS "unitId", l."day", l."sector", l."started",
      l."activeDelta", l."replicated", l."changes", ${MODEL_COLUMNS}
    FROM "ModelLifecycle" l JOIN "Model" m ON m."id" = l."modelId"
    ${underRoot(rootId, Prisma.sql`l."unitId"`)})`;
}

/** Contributions per ancestor, by the month recorded, attributed to the model's unit and sector. */
export function contributionTable(rootId: number): Prisma.Sql {
  return Prisma.sql`(SELECT c."ancestorId" AS "unitId", date_trunc('month', k."recordedOn")::date AS "month",
      k."recordedOn" AS "day", m."sector", 1 AS "records", k."participants",
      k."landValueVnd" + k."cashVnd" + k."inKindVnd" AS "totalVnd", k."landM2", k."landValueVnd",
      k."cashVnd", k."inKindVnd", k."workdays", ${MODEL_COLUMNS}
    FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId"
    ${underRoot(rootId, Prisma.sql`m."unitId"`)})`;
}

/**
 * Status stocks as day deltas per ancestor: each status change adds 1 to its status on its day and
 * takes 1 from the status before it. Models in status S on day D = SUM(delta of S) over days ≤ D.
 * Changes on one day apply in id order, like the model's current status.
 */
export function statusDeltaTable(rootId: number): Prisma.Sql {
  return Prisma.sql`(SELECT c."ancestorId" AS "unitId", e."day", m."sector",
      (CASE WHEN e."status" = 'REPLICATED' THEN e."delta" ELSE 0 END) AS "replicatedDelta",
      (CASE WHEN e."status" = 'DISCONTINUED' THEN e."delta" ELSE 0 END) AS "discontinuedDelta",
      ${MODEL_COLUMNS}
    FROM "Model" m ${underRoot(rootId, Prisma.sql`m."unitId"`)}
    CROSS JOIN LATERAL (
      SELECT s."effectiveOn" AS "day", s."status"::text AS "status", 1 AS "delta"
      FROM "ModelStatusChange" s WHERE s."modelId" = m."id"
      UNION ALL
      SELECT p."effectiveOn", p."previous", -1 FROM (
        SELECT s."effectiveOn", lag(s."status"::text) OVER (ORDER BY s."effectiveOn", s."id") AS "previous"
        FROM "ModelStatusChange" s WHERE s."modelId" = m."id"
      ) p WHERE p."previous" IS NOT NULL
    ) e)`;
}

/** Whether a question needs the per-model tables: a model filter or the MODEL dimension. */
export function needsModelRows(filters: Filters, dimensions: readonly string[]): boolean {
  return (
    dimensions.includes("MODEL") ||
    Boolean(filters.programmes?.length) ||
    Boolean(filters.leadOrganisations?.length) ||
    Boolean(filters.modelLevels?.length)
  );
}
