-- Contributions as reports give them: land (m² and its value), cash, in-kind value and workdays
-- kept apart ("hiến đất là 1.226 m2, tổng trị giá 1.051.980.000 đồng và đóng góp tiền mặt là
-- 282.000.000 đồng"); the total is their sum, derived. (Hand-written: the schema engine's diff
-- would drop "moneyVnd" and lose the amounts.)
--
-- Where the single amount goes: the old schema said "Donated land valued in money counts here
-- too", and reports give land with its value; so a record that donated land (landM2 > 0) had the
-- land's value as its amount → landValueVnd; any other record's amount was money given → cashVnd.
-- A record that mixed both cannot be split after the fact; its total stays exactly what it was.

ALTER TABLE "ModelContribution" DISABLE TRIGGER "ModelContribution_rollup";

ALTER TABLE "ModelContribution"
  ADD COLUMN "landValueVnd" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cashVnd" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "inKindVnd" BIGINT NOT NULL DEFAULT 0;
UPDATE "ModelContribution" SET "landValueVnd" = "moneyVnd" WHERE "landM2" > 0;
UPDATE "ModelContribution" SET "cashVnd" = "moneyVnd" WHERE "landM2" = 0;
ALTER TABLE "ModelContribution" DROP COLUMN "moneyVnd";

-- The rollup keeps the total (what CONTRIBUTION_VND always summed) beside each part.
ALTER TABLE "ContributionRollup" RENAME COLUMN "moneyVnd" TO "totalVnd";
ALTER TABLE "ContributionRollup"
  ADD COLUMN "landValueVnd" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cashVnd" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "inKindVnd" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ContributionRollup"
  ALTER COLUMN "landValueVnd" DROP DEFAULT,
  ALTER COLUMN "cashVnd" DROP DEFAULT,
  ALTER COLUMN "inKindVnd" DROP DEFAULT;

DROP FUNCTION rollup_contribution_add(int, "ModelSector", date, int, bigint, bigint, bigint, bigint);

-- Adds one contribution's figures (negated to subtract) to the rollup of its unit's ancestors.
CREATE OR REPLACE FUNCTION rollup_contribution_add(
  p_unit int, p_sector "ModelSector", p_day date, p_sign int, k "ModelContribution"
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(p_day);
BEGIN
  INSERT INTO "ContributionRollup" AS r
    ("unitId", "month", "sector", "records", "participants", "totalVnd", "landM2", "landValueVnd",
     "cashVnd", "inKindVnd", "workdays")
  SELECT c."ancestorId", v_month, p_sector, p_sign, p_sign * k."participants",
    p_sign * (k."landValueVnd" + k."cashVnd" + k."inKindVnd"), p_sign * k."landM2",
    p_sign * k."landValueVnd", p_sign * k."cashVnd", p_sign * k."inKindVnd", p_sign * k."workdays"
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "sector") DO UPDATE SET
    "records" = r."records" + EXCLUDED."records",
    "participants" = r."participants" + EXCLUDED."participants",
    "totalVnd" = r."totalVnd" + EXCLUDED."totalVnd",
    "landM2" = r."landM2" + EXCLUDED."landM2",
    "landValueVnd" = r."landValueVnd" + EXCLUDED."landValueVnd",
    "cashVnd" = r."cashVnd" + EXCLUDED."cashVnd",
    "inKindVnd" = r."inKindVnd" + EXCLUDED."inKindVnd",
    "workdays" = r."workdays" + EXCLUDED."workdays";
  IF p_sign < 0 THEN
    DELETE FROM "ContributionRollup" r USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
      AND r."sector" = p_sector AND r."records" = 0;
  END IF;
END $$;

-- A contribution whose model is gone was already subtracted by the model's BEFORE DELETE trigger
-- (the cascade deletes contributions after the model row).
CREATE OR REPLACE FUNCTION rollup_contribution_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m record;
BEGIN
  IF TG_OP = 'UPDATE'
      AND (OLD."modelId", OLD."recordedOn", OLD."participants", OLD."landM2", OLD."landValueVnd",
           OLD."cashVnd", OLD."inKindVnd", OLD."workdays")
      IS NOT DISTINCT FROM (NEW."modelId", NEW."recordedOn", NEW."participants", NEW."landM2",
           NEW."landValueVnd", NEW."cashVnd", NEW."inKindVnd", NEW."workdays") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT "unitId", "sector" INTO m FROM "Model" WHERE "id" = OLD."modelId";
    IF FOUND THEN
      PERFORM rollup_contribution_add(m."unitId", m."sector", OLD."recordedOn", -1, OLD);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT "unitId", "sector" INTO m FROM "Model" WHERE "id" = NEW."modelId";
    IF FOUND THEN
      PERFORM rollup_contribution_add(m."unitId", m."sector", NEW."recordedOn", 1, NEW);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- As in migration rollups, with the contribution rows passed whole.
CREATE OR REPLACE FUNCTION rollup_model_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c "ModelContribution";
BEGIN
  IF TG_OP = 'DELETE' AND TG_WHEN = 'BEFORE' THEN
    -- Contributions cascade away after the model row is gone: subtract them while they exist.
    FOR c IN SELECT * FROM "ModelContribution" WHERE "modelId" = OLD."id" LOOP
      PERFORM rollup_contribution_add(OLD."unitId", OLD."sector", c."recordedOn", -1, c);
    END LOOP;
    RETURN OLD;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM rollup_model_refresh(OLD."id");
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (OLD."unitId", OLD."sector") IS DISTINCT FROM (NEW."unitId", NEW."sector") THEN
      FOR c IN SELECT * FROM "ModelContribution" WHERE "modelId" = NEW."id" LOOP
        PERFORM rollup_contribution_add(OLD."unitId", OLD."sector", c."recordedOn", -1, c);
        PERFORM rollup_contribution_add(NEW."unitId", NEW."sector", c."recordedOn", 1, c);
      END LOOP;
    ELSIF (OLD."startedOn", OLD."status") IS NOT DISTINCT FROM (NEW."startedOn", NEW."status") THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM rollup_model_refresh(NEW."id");
  RETURN NULL;
END $$;

-- The contribution rollup from the records, on its own so rebuild_rollups() only calls it.
CREATE OR REPLACE FUNCTION rebuild_contribution_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "ContributionRollup";
  INSERT INTO "ContributionRollup" ("unitId", "month", "sector", "records", "participants",
    "totalVnd", "landM2", "landValueVnd", "cashVnd", "inKindVnd", "workdays")
  SELECT c."ancestorId", rollup_month(k."recordedOn"), m."sector", count(*), sum(k."participants"),
    sum(k."landValueVnd" + k."cashVnd" + k."inKindVnd"), sum(k."landM2"), sum(k."landValueVnd"),
    sum(k."cashVnd"), sum(k."inKindVnd"), sum(k."workdays")
  FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId"
  JOIN "UnitClosure" c ON c."descendantId" = m."unitId"
  GROUP BY 1, 2, 3;
$$;

SELECT rebuild_contribution_rollup();
ALTER TABLE "ModelContribution" ENABLE TRIGGER "ModelContribution_rollup";

-- rebuild_rollups(), as in migration figures_records, with the contributions from
-- rebuild_contribution_rollup().
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
  PERFORM fill_unit_memberships();
  DELETE FROM "ActivityRollup";
  DELETE FROM "ModelLifecycle";
  DELETE FROM "ModelDayRollup";
  DELETE FROM "CommitmentRollup";
  DELETE FROM "CommitmentUnitYear";

  INSERT INTO "ActivityRollup" ("unitId", "month", "kind", "themeId", "records", "sessions", "attendance")
  SELECT c."ancestorId", rollup_month(a."occurredOn"), a."kind", coalesce(a."themeId", 0),
    count(*), sum(a."sessions"), sum(a."attendance")
  FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
  GROUP BY 1, 2, 3, 4;

  PERFORM rebuild_award_rollup();
  PERFORM rebuild_contribution_rollup();

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
