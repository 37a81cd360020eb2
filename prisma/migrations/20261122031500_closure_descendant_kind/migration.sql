-- AlterTable
ALTER TABLE "UnitClosure" ADD COLUMN     "descendantKind" "UnitKind";

-- CreateIndex
CREATE INDEX "UnitClosure_ancestorId_descendantKind_descendantId_idx" ON "UnitClosure"("ancestorId", "descendantKind", "descendantId");

-- ───────────────────────────── Maintenance (hand-written) ─────────────────────────────
-- descendantKind mirrors "Unit"."kind": set on every closure row as it is inserted, and followed
-- when a unit's kind changes. Bulk loads that switch triggers off get it from rebuild_rollups().

CREATE OR REPLACE FUNCTION closure_kind_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "kind" INTO NEW."descendantKind" FROM "Unit" WHERE "id" = NEW."descendantId";
  RETURN NEW;
END $$;

CREATE TRIGGER "UnitClosure_kind" BEFORE INSERT OR UPDATE OF "descendantId" ON "UnitClosure"
FOR EACH ROW EXECUTE FUNCTION closure_kind_trigger();

CREATE OR REPLACE FUNCTION unit_kind_closure_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "UnitClosure" c SET "descendantKind" = n."kind"
  FROM changed_new n JOIN changed_old o ON o."id" = n."id"
  WHERE c."descendantId" = n."id" AND o."kind" IS DISTINCT FROM n."kind";
  RETURN NULL;
END $$;

CREATE TRIGGER "Unit_kind_closure" AFTER UPDATE ON "Unit"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION unit_kind_closure_trigger();

CREATE OR REPLACE FUNCTION sync_closure_kinds() RETURNS void LANGUAGE sql AS $$
  UPDATE "UnitClosure" c SET "descendantKind" = u."kind"
  FROM "Unit" u
  WHERE u."id" = c."descendantId" AND c."descendantKind" IS DISTINCT FROM u."kind"
$$;

CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ActivityRollup", "AwardRollup", "ModelLifecycle", "ModelDayRollup",
    "ContributionRollup", "CommitmentRollup", "CommitmentUnitYear",
    "PartyCellRollup", "RegisteredCellRollup" IN EXCLUSIVE MODE;
  -- CommitmentUnitYear is emptied and refilled below: its row triggers would redo, row by row,
  -- what rebuild_cell_rollups() does in one pass at the end.
  -- Rollup work still queued by deferred triggers in this transaction runs first; the rebuild
  -- below then starts from everything written so far, and nothing is added twice at COMMIT.
  SET CONSTRAINTS ALL IMMEDIATE;
  PERFORM set_config('d05.rebuilding_rollups', 'on', true);
  PERFORM sync_closure_kinds();
  DELETE FROM "ActivityRollup";
  DELETE FROM "AwardRollup";
  DELETE FROM "ModelLifecycle";
  DELETE FROM "ModelDayRollup";
  DELETE FROM "ContributionRollup";
  DELETE FROM "CommitmentRollup";
  DELETE FROM "CommitmentUnitYear";

  INSERT INTO "ActivityRollup" ("unitId", "month", "kind", "themeId", "records", "sessions", "attendance")
  SELECT c."ancestorId", rollup_month(a."occurredOn"), a."kind", coalesce(a."themeId", 0),
    count(*), sum(a."sessions"), sum(a."attendance")
  FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
  GROUP BY 1, 2, 3, 4;

  INSERT INTO "AwardRollup" ("unitId", "month", "level", "form", "recipientKind", "themeId", "awards", "records")
  SELECT c."ancestorId", rollup_month(a."awardedOn"), a."level", a."form", a."recipientKind",
    coalesce(a."themeId", 0), sum(a."recipientCount"), count(*)
  FROM "Award" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
  GROUP BY 1, 2, 3, 4, 5, 6;

  INSERT INTO "ContributionRollup" ("unitId", "month", "sector", "records", "participants", "moneyVnd", "landM2", "workdays")
  SELECT c."ancestorId", rollup_month(k."recordedOn"), m."sector", count(*),
    sum(k."participants"), sum(k."moneyVnd"), sum(k."landM2"), sum(k."workdays")
  FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId"
  JOIN "UnitClosure" c ON c."descendantId" = m."unitId"
  GROUP BY 1, 2, 3;

  INSERT INTO "ModelLifecycle" ("modelId", "day", "unitId", "sector", "started", "activeDelta", "replicated", "changes")
  SELECT m."id", e."day", m."unitId", m."sector", e."started", e."activeDelta", e."replicated", e."changes"
  FROM "Model" m CROSS JOIN LATERAL rollup_model_events(m."id") e;

  INSERT INTO "ModelDayRollup" ("unitId", "day", "sector", "started", "activeDelta", "replicated", "changes")
  SELECT c."ancestorId", l."day", l."sector", sum(l."started"), sum(l."activeDelta"),
    sum(l."replicated"), sum(l."changes")
  FROM "ModelLifecycle" l JOIN "UnitClosure" c ON c."descendantId" = l."unitId"
  GROUP BY 1, 2, 3
  HAVING sum(l."started") <> 0 OR sum(l."activeDelta") <> 0 OR sum(l."replicated") <> 0 OR sum(l."changes") <> 0;

  INSERT INTO "CommitmentRollup" ("unitId", "month", "kind", "registered", "completed", "replicated")
  SELECT c."ancestorId", e."month", e."kind", sum(e."registered"), sum(e."completed"), sum(e."replicated")
  FROM (
    SELECT "unitId", rollup_month("registeredOn") AS "month", "kind", 1 AS "registered", 0 AS "completed", 0 AS "replicated"
    FROM "Commitment"
    UNION ALL
    SELECT "unitId", rollup_month(coalesce("completedOn", "replicatedOn", "registeredOn")), "kind", 0, 1, 0
    FROM "Commitment" WHERE "status" IN ('COMPLETED', 'REPLICATED')
    UNION ALL
    SELECT "unitId", rollup_month(coalesce("replicatedOn", "completedOn", "registeredOn")), "kind", 0, 0, 1
    FROM "Commitment" WHERE "status" = 'REPLICATED'
  ) e JOIN "UnitClosure" c ON c."descendantId" = e."unitId"
  GROUP BY 1, 2, 3;

  INSERT INTO "CommitmentUnitYear" ("unitId", "year", "commitments")
  SELECT "unitId", "year", count(*) FROM "Commitment" GROUP BY 1, 2;

  PERFORM rebuild_cell_rollups();
  PERFORM set_config('d05.rebuilding_rollups', 'off', true);
  SET CONSTRAINTS ALL DEFERRED;
END $$;

SELECT sync_closure_kinds();
