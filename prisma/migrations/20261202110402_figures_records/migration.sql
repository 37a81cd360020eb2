-- CreateEnum
CREATE TYPE "AwardGround" AS ENUM ('YEAR_THEME', 'MODEL_PROGRAMME', 'EMULATION_TARGETS', 'OTHER');

-- The rollup trigger stands aside while the old rows are filled in (its deferred events would
-- block the ALTERs below); rebuild_award_rollup() recomputes the award rollup from them at the end.
ALTER TABLE "Award" DISABLE TRIGGER "Award_rollup";

-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "emulationYear" INTEGER,
ADD COLUMN     "ground" "AwardGround" NOT NULL DEFAULT 'OTHER';

-- Existing awards (hand-written). Emulation year: the year of the award's theme when it has one
-- (an award for the 2023 theme honours 2023, whenever decided); else the year before the decision
-- when the decision falls in January–March and its reason names that year ("... năm 2023" decided
-- 19/01/2024: the year-end review); else the decision's year.
UPDATE "Award" a SET "emulationYear" = COALESCE(
  (SELECT t."year" FROM "Theme" t WHERE t."id" = a."themeId"),
  CASE WHEN extract(month FROM a."awardedOn") <= 3
        AND a."reason" LIKE '%' || (extract(year FROM a."awardedOn")::int - 1)::text || '%'
       THEN extract(year FROM a."awardedOn")::int - 1
       ELSE extract(year FROM a."awardedOn")::int END);
-- Ground, from the first rule that matches: tied to a theme → the year's theme; tied to a model,
-- or the reason names a model or "Dân vận khéo" → model or programme; the reason names targets,
-- emulation or "lao động tiên tiến" → emulation targets ("điển hình tiên tiến" stays other); the
-- reason names a theme (chuyên đề) → the year's theme; else other. Words are matched in lower case; their first letters are ASCII.
UPDATE "Award" a SET "ground" = (CASE
  WHEN a."themeId" IS NOT NULL THEN 'YEAR_THEME'
  WHEN a."modelId" IS NOT NULL OR lower(a."reason") LIKE '%mô hình%'
    OR lower(a."reason") LIKE '%dân vận khéo%' THEN 'MODEL_PROGRAMME'
  WHEN lower(a."reason") LIKE '%chỉ tiêu%' OR lower(a."reason") LIKE '%thi đua%'
    OR lower(a."reason") LIKE '%lao động tiên tiến%' THEN 'EMULATION_TARGETS'
  WHEN lower(a."reason") LIKE '%chuyên đề%' THEN 'YEAR_THEME'
  ELSE 'OTHER' END)::"AwardGround";
ALTER TABLE "Award" ALTER COLUMN "emulationYear" SET NOT NULL;

-- AlterTable
ALTER TABLE "AwardRollup" DROP CONSTRAINT "AwardRollup_pkey",
ADD COLUMN     "decisionMonth" DATE NOT NULL DEFAULT '0001-01-01',
ADD COLUMN     "ground" "AwardGround" NOT NULL DEFAULT 'OTHER',
ADD CONSTRAINT "AwardRollup_pkey" PRIMARY KEY ("unitId", "month", "decisionMonth", "level", "form", "recipientKind", "themeId", "ground");

-- CreateTable
CREATE TABLE "UnitMembership" (
    "unitId" INTEGER NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "partyMembers" INTEGER NOT NULL,

    CONSTRAINT "UnitMembership_pkey" PRIMARY KEY ("unitId","effectiveOn")
);

-- CreateIndex
CREATE INDEX "Award_emulationYear_idx" ON "Award"("emulationYear");

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────────── Awards by emulation year (hand-written) ─────────────────────────
-- An award counts in the month of its decision moved into its emulation year: a decision within
-- the year stays in its month, one of 19/01/2024 for 2023 counts in December 2023 (one decided
-- before its year, in January). So "awards in 2023" are the awards that honour 2023, and monthly
-- figures within a year keep the decision months. The decision's own month is kept beside it.

CREATE OR REPLACE FUNCTION award_counted_day(p_day date, p_year int) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT LEAST(GREATEST(p_day, make_date(p_year, 1, 1)), make_date(p_year, 12, 31))
$$;

DROP FUNCTION rollup_award_add(int, date, "AwardLevel", "AwardForm", "RecipientKind", int, int, bigint);

CREATE OR REPLACE FUNCTION rollup_award_add(
  p_unit int, p_day date, p_year int, p_level "AwardLevel", p_form "AwardForm",
  p_recipient "RecipientKind", p_theme int, p_ground "AwardGround", p_records int, p_awards bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := rollup_month(award_counted_day(p_day, p_year));
  v_decision date := rollup_month(p_day);
  v_theme int := coalesce(p_theme, 0);
BEGIN
  INSERT INTO "AwardRollup" AS r
    ("unitId", "month", "decisionMonth", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
  SELECT c."ancestorId", v_month, v_decision, p_level, p_form, p_recipient, v_theme, p_ground, p_awards, p_records
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "month", "decisionMonth", "level", "form", "recipientKind", "themeId", "ground") DO UPDATE SET
    "awards" = r."awards" + EXCLUDED."awards",
    "records" = r."records" + EXCLUDED."records";
  IF p_records < 0 THEN
    DELETE FROM "AwardRollup" r USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
      AND r."decisionMonth" = v_decision AND r."level" = p_level AND r."form" = p_form
      AND r."recipientKind" = p_recipient AND r."themeId" = v_theme AND r."ground" = p_ground
      AND r."records" = 0;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION rollup_award_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."unitId", OLD."awardedOn", OLD."emulationYear", OLD."level", OLD."form", OLD."recipientKind", OLD."themeId", OLD."ground", OLD."recipientCount")
      IS NOT DISTINCT FROM (NEW."unitId", NEW."awardedOn", NEW."emulationYear", NEW."level", NEW."form", NEW."recipientKind", NEW."themeId", NEW."ground", NEW."recipientCount") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_award_add(OLD."unitId", OLD."awardedOn", OLD."emulationYear", OLD."level", OLD."form", OLD."recipientKind", OLD."themeId", OLD."ground", -1, -OLD."recipientCount");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_award_add(NEW."unitId", NEW."awardedOn", NEW."emulationYear", NEW."level", NEW."form", NEW."recipientKind", NEW."themeId", NEW."ground", 1, NEW."recipientCount");
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rebuild_award_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "AwardRollup";
  INSERT INTO "AwardRollup" ("unitId", "month", "decisionMonth", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
  SELECT c."ancestorId", rollup_month(award_counted_day(a."awardedOn", a."emulationYear")),
    rollup_month(a."awardedOn"), a."level", a."form", a."recipientKind",
    coalesce(a."themeId", 0), a."ground", sum(a."recipientCount"), count(*)
  FROM "Award" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
$$;

ALTER TABLE "AwardRollup" ALTER COLUMN "decisionMonth" DROP DEFAULT, ALTER COLUMN "ground" DROP DEFAULT;
SELECT rebuild_award_rollup();
ALTER TABLE "Award" ENABLE TRIGGER "Award_rollup";

-- Units loaded with their triggers off (bulk loads, the demo) get their first membership entry
-- here, from Unit."partyMembers": a unit with no history yet, no other.
CREATE OR REPLACE FUNCTION fill_unit_memberships() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "UnitMembership" ("unitId", "effectiveOn", "partyMembers")
  SELECT u."id", coalesce(u."activeFrom", '0001-01-01'::date), u."partyMembers" FROM "Unit" u
  WHERE NOT EXISTS (SELECT 1 FROM "UnitMembership" m WHERE m."unitId" = u."id")
$$;

-- rebuild_rollups(), as before, with the awards from rebuild_award_rollup() and the memberships
-- of units loaded without triggers.
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
  DELETE FROM "ContributionRollup";
  DELETE FROM "CommitmentRollup";
  DELETE FROM "CommitmentUnitYear";

  INSERT INTO "ActivityRollup" ("unitId", "month", "kind", "themeId", "records", "sessions", "attendance")
  SELECT c."ancestorId", rollup_month(a."occurredOn"), a."kind", coalesce(a."themeId", 0),
    count(*), sum(a."sessions"), sum(a."attendance")
  FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
  GROUP BY 1, 2, 3, 4;

  PERFORM rebuild_award_rollup();

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



-- ───────────────────────────── Party membership history (hand-written) ─────────────────────────
-- Today's single figure becomes the first entry of each unit's history, effective from the day the
-- unit began (or from always, 0001-01-01, when it has no start day). Unit."partyMembers" stays the
-- figure in force today, kept equal to the history by the two triggers below both ways: a unit
-- written with a new figure adds an entry from today (or from its start, when created); an entry
-- written for any day sets the unit's figure to the one in force today.
INSERT INTO "UnitMembership" ("unitId", "effectiveOn", "partyMembers")
SELECT "id", coalesce("activeFrom", '0001-01-01'::date), "partyMembers" FROM "Unit";

CREATE OR REPLACE FUNCTION unit_members_on(p_unit int, p_day date) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT m."partyMembers" FROM "UnitMembership" m
  WHERE m."unitId" = p_unit AND m."effectiveOn" <= p_day
  ORDER BY m."effectiveOn" DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION unit_membership_from_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "UnitMembership" ("unitId", "effectiveOn", "partyMembers")
    VALUES (NEW."id", coalesce(NEW."activeFrom", '0001-01-01'::date), NEW."partyMembers")
    ON CONFLICT ("unitId", "effectiveOn") DO UPDATE SET "partyMembers" = EXCLUDED."partyMembers";
  ELSIF NEW."partyMembers" IS DISTINCT FROM OLD."partyMembers"
      AND unit_members_on(NEW."id", current_date) IS DISTINCT FROM NEW."partyMembers" THEN
    INSERT INTO "UnitMembership" ("unitId", "effectiveOn", "partyMembers")
    VALUES (NEW."id", greatest(current_date, coalesce(NEW."activeFrom", current_date)), NEW."partyMembers")
    ON CONFLICT ("unitId", "effectiveOn") DO UPDATE SET "partyMembers" = EXCLUDED."partyMembers";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Unit_membership" AFTER INSERT OR UPDATE OF "partyMembers" ON "Unit"
FOR EACH ROW EXECUTE FUNCTION unit_membership_from_unit();

CREATE OR REPLACE FUNCTION unit_from_membership() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_unit int := CASE WHEN TG_OP = 'DELETE' THEN OLD."unitId" ELSE NEW."unitId" END;
BEGIN
  UPDATE "Unit" u SET "partyMembers" = coalesce(unit_members_on(v_unit, current_date), 0)
  WHERE u."id" = v_unit
    AND u."partyMembers" IS DISTINCT FROM coalesce(unit_members_on(v_unit, current_date), 0);
  RETURN NULL;
END $$;

CREATE TRIGGER "UnitMembership_unit" AFTER INSERT OR UPDATE OR DELETE ON "UnitMembership"
FOR EACH ROW EXECUTE FUNCTION unit_from_membership();
