// The records of a partial last month shaped as rows of their source's rollup, for a period that
// ends inside a month (monthly rollups hold whole months only).
import { Prisma } from "@d05/prisma";
import type { Period } from "../periods";
import { day } from "./sql";
import type { FlowSource } from "./types";

/**
 * The records of the days [from, to] (inside one month) shaped as rows of the source's rollup:
 * the same SELECT as rebuild_rollups() (migration deferred_record_rollups) without its GROUP BY,
 * restricted to ancestors inside the root's subtree. Only the partial last month of an unfinished
 * period (cùng kỳ: 01/12–02/12/2025) is read this way: one month of the subtree's records.
 */
export function edgeRows(
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
