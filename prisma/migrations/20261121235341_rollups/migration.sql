-- CreateTable
CREATE TABLE "ActivityRollup" (
    "unitId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "themeId" INTEGER NOT NULL,
    "records" INTEGER NOT NULL,
    "sessions" BIGINT NOT NULL,
    "attendance" BIGINT NOT NULL,

    CONSTRAINT "ActivityRollup_pkey" PRIMARY KEY ("unitId","month","kind","themeId")
);

-- CreateTable
CREATE TABLE "AwardRollup" (
    "unitId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "level" "AwardLevel" NOT NULL,
    "form" "AwardForm" NOT NULL,
    "recipientKind" "RecipientKind" NOT NULL,
    "themeId" INTEGER NOT NULL,
    "awards" BIGINT NOT NULL,
    "records" INTEGER NOT NULL,

    CONSTRAINT "AwardRollup_pkey" PRIMARY KEY ("unitId","month","level","form","recipientKind","themeId")
);

-- CreateTable
CREATE TABLE "ModelLifecycle" (
    "modelId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "unitId" INTEGER NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "started" INTEGER NOT NULL,
    "activeDelta" INTEGER NOT NULL,
    "replicated" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL,

    CONSTRAINT "ModelLifecycle_pkey" PRIMARY KEY ("modelId","day")
);

-- CreateTable
CREATE TABLE "ModelDayRollup" (
    "unitId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "started" INTEGER NOT NULL,
    "activeDelta" INTEGER NOT NULL,
    "replicated" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL,

    CONSTRAINT "ModelDayRollup_pkey" PRIMARY KEY ("unitId","day","sector")
);

-- CreateTable
CREATE TABLE "ContributionRollup" (
    "unitId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "records" INTEGER NOT NULL,
    "participants" BIGINT NOT NULL,
    "moneyVnd" BIGINT NOT NULL,
    "landM2" BIGINT NOT NULL,
    "workdays" BIGINT NOT NULL,

    CONSTRAINT "ContributionRollup_pkey" PRIMARY KEY ("unitId","month","sector")
);

-- CreateTable
CREATE TABLE "CommitmentRollup" (
    "unitId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "registered" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "replicated" INTEGER NOT NULL,

    CONSTRAINT "CommitmentRollup_pkey" PRIMARY KEY ("unitId","month","kind")
);

-- CreateTable
CREATE TABLE "CommitmentUnitYear" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "commitments" INTEGER NOT NULL,

    CONSTRAINT "CommitmentUnitYear_pkey" PRIMARY KEY ("unitId","year")
);

-- CreateIndex
CREATE INDEX "CommitmentUnitYear_year_idx" ON "CommitmentUnitYear"("year");

-- ───────────────────────────── Rollup maintenance (hand-written) ─────────────────────────────
-- Every write to Activity, Award, Model, ModelStatusChange, ModelContribution and Commitment
-- adjusts the rollups in the same transaction: an UPDATE subtracts what the old row added and adds
-- the new row (a change of unit, date, kind, ... moves the figures). Each record counts toward every
-- ancestor of its unit, itself included, as UnitClosure stands at the time of the write: after the
-- unit tree changes (a unit moved or merged under another parent), or after a bulk load with
-- triggers disabled, call rebuild_rollups() to recompute every rollup from the raw records.
-- Rows whose counters all fall to zero are deleted, so a rebuild yields exactly the same rows.

CREATE OR REPLACE FUNCTION rollup_month(d date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc('month', d::timestamp)::date $$;

-- Activities ---------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION rollup_activity_add(
  p_unit int, p_day date, p_kind "ActivityKind", p_theme int,
  p_records int, p_sessions bigint, p_attendance bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(p_day);
  v_theme int := coalesce(p_theme, 0);
BEGIN
  INSERT INTO "ActivityRollup" AS r
    ("unitId", "month", "kind", "themeId", "records", "sessions", "attendance")
  SELECT c."ancestorId", v_month, p_kind, v_theme, p_records, p_sessions, p_attendance
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "kind", "themeId") DO UPDATE SET
    "records" = r."records" + EXCLUDED."records",
    "sessions" = r."sessions" + EXCLUDED."sessions",
    "attendance" = r."attendance" + EXCLUDED."attendance";
  IF p_records < 0 THEN
    DELETE FROM "ActivityRollup" r USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
      AND r."kind" = p_kind AND r."themeId" = v_theme AND r."records" = 0;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION rollup_activity_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."unitId", OLD."occurredOn", OLD."kind", OLD."themeId", OLD."sessions", OLD."attendance")
      IS NOT DISTINCT FROM (NEW."unitId", NEW."occurredOn", NEW."kind", NEW."themeId", NEW."sessions", NEW."attendance") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_activity_add(OLD."unitId", OLD."occurredOn", OLD."kind", OLD."themeId", -1, -OLD."sessions", -OLD."attendance");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_activity_add(NEW."unitId", NEW."occurredOn", NEW."kind", NEW."themeId", 1, NEW."sessions", NEW."attendance");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Activity_rollup" AFTER INSERT OR UPDATE OR DELETE ON "Activity"
FOR EACH ROW EXECUTE FUNCTION rollup_activity_trigger();

-- Awards -------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION rollup_award_add(
  p_unit int, p_day date, p_level "AwardLevel", p_form "AwardForm", p_recipient "RecipientKind",
  p_theme int, p_records int, p_awards bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(p_day);
  v_theme int := coalesce(p_theme, 0);
BEGIN
  INSERT INTO "AwardRollup" AS r
    ("unitId", "month", "level", "form", "recipientKind", "themeId", "awards", "records")
  SELECT c."ancestorId", v_month, p_level, p_form, p_recipient, v_theme, p_awards, p_records
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "level", "form", "recipientKind", "themeId") DO UPDATE SET
    "awards" = r."awards" + EXCLUDED."awards",
    "records" = r."records" + EXCLUDED."records";
  IF p_records < 0 THEN
    DELETE FROM "AwardRollup" r USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
      AND r."level" = p_level AND r."form" = p_form AND r."recipientKind" = p_recipient
      AND r."themeId" = v_theme AND r."records" = 0;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION rollup_award_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."unitId", OLD."awardedOn", OLD."level", OLD."form", OLD."recipientKind", OLD."themeId", OLD."recipientCount")
      IS NOT DISTINCT FROM (NEW."unitId", NEW."awardedOn", NEW."level", NEW."form", NEW."recipientKind", NEW."themeId", NEW."recipientCount") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_award_add(OLD."unitId", OLD."awardedOn", OLD."level", OLD."form", OLD."recipientKind", OLD."themeId", -1, -OLD."recipientCount");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_award_add(NEW."unitId", NEW."awardedOn", NEW."level", NEW."form", NEW."recipientKind", NEW."themeId", 1, NEW."recipientCount");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Award_rollup" AFTER INSERT OR UPDATE OR DELETE ON "Award"
FOR EACH ROW EXECUTE FUNCTION rollup_award_trigger();

-- Contributions (attributed to the model's unit and sector) ----------------------------------

CREATE OR REPLACE FUNCTION rollup_contribution_add(
  p_unit int, p_sector "ModelSector", p_day date, p_records int,
  p_participants bigint, p_money bigint, p_land bigint, p_workdays bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(p_day);
BEGIN
  INSERT INTO "ContributionRollup" AS r
    ("unitId", "month", "sector", "records", "participants", "moneyVnd", "landM2", "workdays")
  SELECT c."ancestorId", v_month, p_sector, p_records, p_participants, p_money, p_land, p_workdays
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "sector") DO UPDATE SET
    "records" = r."records" + EXCLUDED."records",
    "participants" = r."participants" + EXCLUDED."participants",
    "moneyVnd" = r."moneyVnd" + EXCLUDED."moneyVnd",
    "landM2" = r."landM2" + EXCLUDED."landM2",
    "workdays" = r."workdays" + EXCLUDED."workdays";
  IF p_records < 0 THEN
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
  IF TG_OP = 'UPDATE' AND (OLD."modelId", OLD."recordedOn", OLD."participants", OLD."moneyVnd", OLD."landM2", OLD."workdays")
      IS NOT DISTINCT FROM (NEW."modelId", NEW."recordedOn", NEW."participants", NEW."moneyVnd", NEW."landM2", NEW."workdays") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT "unitId", "sector" INTO m FROM "Model" WHERE "id" = OLD."modelId";
    IF FOUND THEN
      PERFORM rollup_contribution_add(m."unitId", m."sector", OLD."recordedOn", -1,
        -OLD."participants", -OLD."moneyVnd", -OLD."landM2", -OLD."workdays");
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT "unitId", "sector" INTO m FROM "Model" WHERE "id" = NEW."modelId";
    IF FOUND THEN
      PERFORM rollup_contribution_add(m."unitId", m."sector", NEW."recordedOn", 1,
        NEW."participants", NEW."moneyVnd", NEW."landM2", NEW."workdays");
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ModelContribution_rollup" AFTER INSERT OR UPDATE OR DELETE ON "ModelContribution"
FOR EACH ROW EXECUTE FUNCTION rollup_contribution_trigger();

-- Model lifecycle ----------------------------------------------------------------------------

-- A model's events per day, from its status history (ordered by effectiveOn, then id): +1 when it
-- becomes active (any status but DISCONTINUED), -1 when it stops, its first REPLICATED entry, the
-- number of status changes, and its start (startedOn). A model without history counts as one entry
-- of its current status on startedOn.
CREATE OR REPLACE FUNCTION rollup_model_events(p_model int)
RETURNS TABLE ("day" date, "started" int, "activeDelta" int, "replicated" int, "changes" int)
LANGUAGE sql STABLE AS $$
  WITH h AS (
    SELECT s."effectiveOn" AS d, s."id" AS seq, s."status" AS st, 1 AS ch
    FROM "ModelStatusChange" s WHERE s."modelId" = p_model
    UNION ALL
    SELECT m."startedOn", 0, m."status", 0 FROM "Model" m
    WHERE m."id" = p_model AND NOT EXISTS (SELECT 1 FROM "ModelStatusChange" s WHERE s."modelId" = p_model)
  ), steps AS (
    SELECT d, ch,
      (st <> 'DISCONTINUED')::int - coalesce(lag((st <> 'DISCONTINUED')::int) OVER w, 0) AS delta,
      (st = 'REPLICATED' AND NOT coalesce(bool_or(st = 'REPLICATED') OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false))::int AS rep
    FROM h WINDOW w AS (ORDER BY d, seq)
  ), ev AS (
    SELECT d, 0 AS st, delta, rep, ch FROM steps
    UNION ALL
    SELECT m."startedOn", 1, 0, 0, 0 FROM "Model" m WHERE m."id" = p_model
  )
  SELECT d, sum(st)::int, sum(delta)::int, sum(rep)::int, sum(ch)::int FROM ev GROUP BY d
$$;

CREATE OR REPLACE FUNCTION rollup_model_day_add(
  p_unit int, p_day date, p_sector "ModelSector",
  p_started int, p_delta int, p_replicated int, p_changes int
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ModelDayRollup" AS r
    ("unitId", "day", "sector", "started", "activeDelta", "replicated", "changes")
  SELECT c."ancestorId", p_day, p_sector, p_started, p_delta, p_replicated, p_changes
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "day", "sector") DO UPDATE SET
    "started" = r."started" + EXCLUDED."started",
    "activeDelta" = r."activeDelta" + EXCLUDED."activeDelta",
    "replicated" = r."replicated" + EXCLUDED."replicated",
    "changes" = r."changes" + EXCLUDED."changes";
  DELETE FROM "ModelDayRollup" r USING "UnitClosure" c
  WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."day" = p_day
    AND r."sector" = p_sector
    AND r."started" = 0 AND r."activeDelta" = 0 AND r."replicated" = 0 AND r."changes" = 0;
END $$;

-- Subtracts what the model last added (ModelLifecycle keeps it, with its unit and sector), then
-- adds its events as they stand now, if the model still exists.
CREATE OR REPLACE FUNCTION rollup_model_refresh(p_model int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e record;
  m record;
BEGIN
  FOR e IN DELETE FROM "ModelLifecycle" WHERE "modelId" = p_model RETURNING * LOOP
    PERFORM rollup_model_day_add(e."unitId", e."day", e."sector",
      -e."started", -e."activeDelta", -e."replicated", -e."changes");
  END LOOP;
  SELECT "unitId", "sector" INTO m FROM "Model" WHERE "id" = p_model;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  FOR e IN SELECT * FROM rollup_model_events(p_model) LOOP
    INSERT INTO "ModelLifecycle"
      ("modelId", "day", "unitId", "sector", "started", "activeDelta", "replicated", "changes")
    VALUES (p_model, e."day", m."unitId", m."sector", e."started", e."activeDelta", e."replicated", e."changes");
    PERFORM rollup_model_day_add(m."unitId", e."day", m."sector",
      e."started", e."activeDelta", e."replicated", e."changes");
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION rollup_model_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  IF TG_OP = 'DELETE' AND TG_WHEN = 'BEFORE' THEN
    -- Contributions cascade away after the model row is gone: subtract them while they exist.
    FOR c IN SELECT * FROM "ModelContribution" WHERE "modelId" = OLD."id" LOOP
      PERFORM rollup_contribution_add(OLD."unitId", OLD."sector", c."recordedOn", -1,
        -c."participants", -c."moneyVnd", -c."landM2", -c."workdays");
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
        PERFORM rollup_contribution_add(OLD."unitId", OLD."sector", c."recordedOn", -1,
          -c."participants", -c."moneyVnd", -c."landM2", -c."workdays");
        PERFORM rollup_contribution_add(NEW."unitId", NEW."sector", c."recordedOn", 1,
          c."participants", c."moneyVnd", c."landM2", c."workdays");
      END LOOP;
    ELSIF (OLD."startedOn", OLD."status") IS NOT DISTINCT FROM (NEW."startedOn", NEW."status") THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM rollup_model_refresh(NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "Model_rollup_before_delete" BEFORE DELETE ON "Model"
FOR EACH ROW EXECUTE FUNCTION rollup_model_trigger();
CREATE TRIGGER "Model_rollup" AFTER INSERT OR UPDATE OR DELETE ON "Model"
FOR EACH ROW EXECUTE FUNCTION rollup_model_trigger();

CREATE OR REPLACE FUNCTION rollup_model_status_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_model_refresh(OLD."modelId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."modelId" <> OLD."modelId") THEN
    PERFORM rollup_model_refresh(NEW."modelId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ModelStatusChange_rollup" AFTER INSERT OR UPDATE OR DELETE ON "ModelStatusChange"
FOR EACH ROW EXECUTE FUNCTION rollup_model_status_trigger();

-- Commitments --------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION rollup_commitment_month_add(
  p_unit int, p_day date, p_kind "CommitmentKind", p_registered int, p_completed int, p_replicated int
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(p_day);
BEGIN
  INSERT INTO "CommitmentRollup" AS r ("unitId", "month", "kind", "registered", "completed", "replicated")
  SELECT c."ancestorId", v_month, p_kind, p_registered, p_completed, p_replicated
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "kind") DO UPDATE SET
    "registered" = r."registered" + EXCLUDED."registered",
    "completed" = r."completed" + EXCLUDED."completed",
    "replicated" = r."replicated" + EXCLUDED."replicated";
  DELETE FROM "CommitmentRollup" r USING "UnitClosure" c
  WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
    AND r."kind" = p_kind AND r."registered" = 0 AND r."completed" = 0 AND r."replicated" = 0;
END $$;

-- Registered in the month of registeredOn, completed (status COMPLETED or REPLICATED) in the month
-- of completedOn, else replicatedOn, else registeredOn, replicated (status REPLICATED) in the month
-- of replicatedOn, else completedOn, else registeredOn.
CREATE OR REPLACE FUNCTION rollup_commitment_add(c "Commitment", p_sign int) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_commitment_month_add(c."unitId", c."registeredOn", c."kind", p_sign, 0, 0);
  IF c."status" IN ('COMPLETED', 'REPLICATED') THEN
    PERFORM rollup_commitment_month_add(c."unitId",
      coalesce(c."completedOn", c."replicatedOn", c."registeredOn"), c."kind", 0, p_sign, 0);
  END IF;
  IF c."status" = 'REPLICATED' THEN
    PERFORM rollup_commitment_month_add(c."unitId",
      coalesce(c."replicatedOn", c."completedOn", c."registeredOn"), c."kind", 0, 0, p_sign);
  END IF;
  INSERT INTO "CommitmentUnitYear" AS r ("unitId", "year", "commitments")
  VALUES (c."unitId", c."year", p_sign)
  ON CONFLICT ("unitId", "year") DO UPDATE SET "commitments" = r."commitments" + EXCLUDED."commitments";
  DELETE FROM "CommitmentUnitYear" WHERE "unitId" = c."unitId" AND "year" = c."year" AND "commitments" = 0;
END $$;

CREATE OR REPLACE FUNCTION rollup_commitment_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."unitId", OLD."year", OLD."kind", OLD."status", OLD."registeredOn", OLD."completedOn", OLD."replicatedOn")
      IS NOT DISTINCT FROM (NEW."unitId", NEW."year", NEW."kind", NEW."status", NEW."registeredOn", NEW."completedOn", NEW."replicatedOn") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_commitment_add(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_commitment_add(NEW, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Commitment_rollup" AFTER INSERT OR UPDATE OR DELETE ON "Commitment"
FOR EACH ROW EXECUTE FUNCTION rollup_commitment_trigger();

-- Rebuild ------------------------------------------------------------------------------------

-- Recomputes every rollup from the raw records and the unit tree as it stands. Run it after the
-- unit tree changes and after bulk loads, it takes locks on the rollup tables for its duration.
CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ActivityRollup", "AwardRollup", "ModelLifecycle", "ModelDayRollup",
    "ContributionRollup", "CommitmentRollup", "CommitmentUnitYear" IN EXCLUSIVE MODE;
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
END $$;

SELECT rebuild_rollups();
