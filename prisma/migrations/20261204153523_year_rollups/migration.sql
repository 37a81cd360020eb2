-- CreateTable
CREATE TABLE "ActivityYearRollup" (
    "unitId" INTEGER NOT NULL,
    "year" DATE NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "themeId" INTEGER NOT NULL,
    "records" INTEGER NOT NULL,
    "sessions" BIGINT NOT NULL,
    "attendance" BIGINT NOT NULL,

    CONSTRAINT "ActivityYearRollup_pkey" PRIMARY KEY ("unitId","year","kind","themeId")
);

-- CreateTable
CREATE TABLE "AwardYearRollup" (
    "unitId" INTEGER NOT NULL,
    "year" DATE NOT NULL,
    "decisionYear" DATE NOT NULL,
    "level" "AwardLevel" NOT NULL,
    "form" "AwardForm" NOT NULL,
    "recipientKind" "RecipientKind" NOT NULL,
    "themeId" INTEGER NOT NULL,
    "ground" "AwardGround" NOT NULL,
    "awards" BIGINT NOT NULL,
    "records" INTEGER NOT NULL,

    CONSTRAINT "AwardYearRollup_pkey" PRIMARY KEY ("unitId","year","decisionYear","level","form","recipientKind","themeId","ground")
);

-- CreateTable
CREATE TABLE "ModelYearRollup" (
    "unitId" INTEGER NOT NULL,
    "year" DATE NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "started" INTEGER NOT NULL,
    "activeDelta" INTEGER NOT NULL,
    "replicated" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL,

    CONSTRAINT "ModelYearRollup_pkey" PRIMARY KEY ("unitId","year","sector")
);

-- CreateTable
CREATE TABLE "ContributionYearRollup" (
    "unitId" INTEGER NOT NULL,
    "year" DATE NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "records" INTEGER NOT NULL,
    "participants" BIGINT NOT NULL,
    "totalVnd" BIGINT NOT NULL,
    "landM2" BIGINT NOT NULL,
    "landValueVnd" BIGINT NOT NULL,
    "cashVnd" BIGINT NOT NULL,
    "inKindVnd" BIGINT NOT NULL,
    "workdays" BIGINT NOT NULL,

    CONSTRAINT "ContributionYearRollup_pkey" PRIMARY KEY ("unitId","year","sector")
);

-- CreateTable
CREATE TABLE "CommitmentYearRollup" (
    "unitId" INTEGER NOT NULL,
    "year" DATE NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "registered" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "replicated" INTEGER NOT NULL,

    CONSTRAINT "CommitmentYearRollup_pkey" PRIMARY KEY ("unitId","year","kind")
);

-- Year rollups (issue 19, target 1): each monthly or daily rollup summed per calendar year.
--
-- Why: a question about whole years (a year's comparison of 168 communes, five years of metrics
-- by sector) read every month (or, for models, every day) of every unit: ~10,000 rollup rows for
-- one province's communes in a year, 61 per commune. The year rows hold the same sums in ~5 rows
-- per commune and year; the engine reads them for the whole years of a period.
--
-- How they stay exact: statement triggers on the five rollup tables apply what each statement
-- changed (its transition tables: rows inserted, the old and new values of rows updated, rows
-- deleted) to the year rows, summed per year key, in one upsert per statement. Every writer of the
-- monthly rows is covered without knowing about years: the record triggers' *_add functions, the
-- import's grouped moves, a model's refresh. They fire ALWAYS: the import moves records with
-- session_replication_role = replica (which holds ordinary triggers) and adds the rollups itself.
-- rebuild_rollups() sets d05.rebuilding_rollups; the triggers then stand aside and
-- rebuild_year_rollups() recomputes the year rows from the monthly ones at the end, in one pass.
-- A year row whose counters all fall to zero is deleted, as the monthly rows are, so a rebuild
-- yields the same rows. That is looked at only when monthly rows are deleted: a year's sums are
-- all zero only when each of its monthly (daily) rows is, and the *_add functions delete such a
-- row in the same call that zeroed it (its DELETE then reaches the year row).

CREATE OR REPLACE FUNCTION rollup_year(d date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT make_date(extract(year FROM d)::int, 1, 1) $$;

-- ActivityRollup → ActivityYearRollup
CREATE OR REPLACE FUNCTION rollup_year_activity_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('d05.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ActivityYearRollup" AS y ("unitId", "year", "kind", "themeId", "records", "sessions", "attendance")
    SELECT "unitId", "year", "kind", "themeId", sum("records"), sum("sessions"), sum("attendance") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "themeId" AS "themeId", "records" AS "records", "sessions" AS "sessions", "attendance" AS "attendance" FROM new_rows) d
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("unitId", "year", "kind", "themeId") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "sessions" = y."sessions" + EXCLUDED."sessions",
    "attendance" = y."attendance" + EXCLUDED."attendance";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ActivityYearRollup" AS y ("unitId", "year", "kind", "themeId", "records", "sessions", "attendance")
    SELECT "unitId", "year", "kind", "themeId", sum("records"), sum("sessions"), sum("attendance") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "themeId" AS "themeId", "records" AS "records", "sessions" AS "sessions", "attendance" AS "attendance" FROM new_rows UNION ALL SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "themeId" AS "themeId", -"records" AS "records", -"sessions" AS "sessions", -"attendance" AS "attendance" FROM old_rows) d
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("unitId", "year", "kind", "themeId") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "sessions" = y."sessions" + EXCLUDED."sessions",
    "attendance" = y."attendance" + EXCLUDED."attendance";
  ELSE
    INSERT INTO "ActivityYearRollup" AS y ("unitId", "year", "kind", "themeId", "records", "sessions", "attendance")
    SELECT "unitId", "year", "kind", "themeId", sum("records"), sum("sessions"), sum("attendance") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "themeId" AS "themeId", -"records" AS "records", -"sessions" AS "sessions", -"attendance" AS "attendance" FROM old_rows) d
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("unitId", "year", "kind", "themeId") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "sessions" = y."sessions" + EXCLUDED."sessions",
    "attendance" = y."attendance" + EXCLUDED."attendance";
    DELETE FROM "ActivityYearRollup" y USING (SELECT DISTINCT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "themeId" AS "themeId" FROM old_rows) d
    WHERE y."unitId" = d."unitId" AND y."year" = d."year" AND y."kind" = d."kind" AND y."themeId" = d."themeId" AND y."records" = 0 AND y."sessions" = 0 AND y."attendance" = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ActivityRollup_year_insert" AFTER INSERT ON "ActivityRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_activity_trigger();
CREATE TRIGGER "ActivityRollup_year_update" AFTER UPDATE ON "ActivityRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_activity_trigger();
CREATE TRIGGER "ActivityRollup_year_delete" AFTER DELETE ON "ActivityRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_activity_trigger();
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_insert";
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_update";
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_delete";

-- AwardRollup → AwardYearRollup
CREATE OR REPLACE FUNCTION rollup_year_award_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('d05.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AwardYearRollup" AS y ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
    SELECT "unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", sum("awards"), sum("records") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", rollup_year("decisionMonth") AS "decisionYear", "level" AS "level", "form" AS "form", "recipientKind" AS "recipientKind", "themeId" AS "themeId", "ground" AS "ground", "awards" AS "awards", "records" AS "records" FROM new_rows) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground") DO UPDATE SET
    "awards" = y."awards" + EXCLUDED."awards",
    "records" = y."records" + EXCLUDED."records";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "AwardYearRollup" AS y ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
    SELECT "unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", sum("awards"), sum("records") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", rollup_year("decisionMonth") AS "decisionYear", "level" AS "level", "form" AS "form", "recipientKind" AS "recipientKind", "themeId" AS "themeId", "ground" AS "ground", "awards" AS "awards", "records" AS "records" FROM new_rows UNION ALL SELECT "unitId" AS "unitId", rollup_year("month") AS "year", rollup_year("decisionMonth") AS "decisionYear", "level" AS "level", "form" AS "form", "recipientKind" AS "recipientKind", "themeId" AS "themeId", "ground" AS "ground", -"awards" AS "awards", -"records" AS "records" FROM old_rows) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground") DO UPDATE SET
    "awards" = y."awards" + EXCLUDED."awards",
    "records" = y."records" + EXCLUDED."records";
  ELSE
    INSERT INTO "AwardYearRollup" AS y ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
    SELECT "unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", sum("awards"), sum("records") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", rollup_year("decisionMonth") AS "decisionYear", "level" AS "level", "form" AS "form", "recipientKind" AS "recipientKind", "themeId" AS "themeId", "ground" AS "ground", -"awards" AS "awards", -"records" AS "records" FROM old_rows) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground") DO UPDATE SET
    "awards" = y."awards" + EXCLUDED."awards",
    "records" = y."records" + EXCLUDED."records";
    DELETE FROM "AwardYearRollup" y USING (SELECT DISTINCT "unitId" AS "unitId", rollup_year("month") AS "year", rollup_year("decisionMonth") AS "decisionYear", "level" AS "level", "form" AS "form", "recipientKind" AS "recipientKind", "themeId" AS "themeId", "ground" AS "ground" FROM old_rows) d
    WHERE y."unitId" = d."unitId" AND y."year" = d."year" AND y."decisionYear" = d."decisionYear" AND y."level" = d."level" AND y."form" = d."form" AND y."recipientKind" = d."recipientKind" AND y."themeId" = d."themeId" AND y."ground" = d."ground" AND y."awards" = 0 AND y."records" = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "AwardRollup_year_insert" AFTER INSERT ON "AwardRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_award_trigger();
CREATE TRIGGER "AwardRollup_year_update" AFTER UPDATE ON "AwardRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_award_trigger();
CREATE TRIGGER "AwardRollup_year_delete" AFTER DELETE ON "AwardRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_award_trigger();
ALTER TABLE "AwardRollup" ENABLE ALWAYS TRIGGER "AwardRollup_year_insert";
ALTER TABLE "AwardRollup" ENABLE ALWAYS TRIGGER "AwardRollup_year_update";
ALTER TABLE "AwardRollup" ENABLE ALWAYS TRIGGER "AwardRollup_year_delete";

-- ModelDayRollup → ModelYearRollup
CREATE OR REPLACE FUNCTION rollup_year_model_day_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('d05.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ModelYearRollup" AS y ("unitId", "year", "sector", "started", "activeDelta", "replicated", "changes")
    SELECT "unitId", "year", "sector", sum("started"), sum("activeDelta"), sum("replicated"), sum("changes") FROM (SELECT "unitId" AS "unitId", rollup_year("day") AS "year", "sector" AS "sector", "started" AS "started", "activeDelta" AS "activeDelta", "replicated" AS "replicated", "changes" AS "changes" FROM new_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "started" = y."started" + EXCLUDED."started",
    "activeDelta" = y."activeDelta" + EXCLUDED."activeDelta",
    "replicated" = y."replicated" + EXCLUDED."replicated",
    "changes" = y."changes" + EXCLUDED."changes";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ModelYearRollup" AS y ("unitId", "year", "sector", "started", "activeDelta", "replicated", "changes")
    SELECT "unitId", "year", "sector", sum("started"), sum("activeDelta"), sum("replicated"), sum("changes") FROM (SELECT "unitId" AS "unitId", rollup_year("day") AS "year", "sector" AS "sector", "started" AS "started", "activeDelta" AS "activeDelta", "replicated" AS "replicated", "changes" AS "changes" FROM new_rows UNION ALL SELECT "unitId" AS "unitId", rollup_year("day") AS "year", "sector" AS "sector", -"started" AS "started", -"activeDelta" AS "activeDelta", -"replicated" AS "replicated", -"changes" AS "changes" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "started" = y."started" + EXCLUDED."started",
    "activeDelta" = y."activeDelta" + EXCLUDED."activeDelta",
    "replicated" = y."replicated" + EXCLUDED."replicated",
    "changes" = y."changes" + EXCLUDED."changes";
  ELSE
    INSERT INTO "ModelYearRollup" AS y ("unitId", "year", "sector", "started", "activeDelta", "replicated", "changes")
    SELECT "unitId", "year", "sector", sum("started"), sum("activeDelta"), sum("replicated"), sum("changes") FROM (SELECT "unitId" AS "unitId", rollup_year("day") AS "year", "sector" AS "sector", -"started" AS "started", -"activeDelta" AS "activeDelta", -"replicated" AS "replicated", -"changes" AS "changes" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "started" = y."started" + EXCLUDED."started",
    "activeDelta" = y."activeDelta" + EXCLUDED."activeDelta",
    "replicated" = y."replicated" + EXCLUDED."replicated",
    "changes" = y."changes" + EXCLUDED."changes";
    DELETE FROM "ModelYearRollup" y USING (SELECT DISTINCT "unitId" AS "unitId", rollup_year("day") AS "year", "sector" AS "sector" FROM old_rows) d
    WHERE y."unitId" = d."unitId" AND y."year" = d."year" AND y."sector" = d."sector" AND y."started" = 0 AND y."activeDelta" = 0 AND y."replicated" = 0 AND y."changes" = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ModelDayRollup_year_insert" AFTER INSERT ON "ModelDayRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_model_day_trigger();
CREATE TRIGGER "ModelDayRollup_year_update" AFTER UPDATE ON "ModelDayRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_model_day_trigger();
CREATE TRIGGER "ModelDayRollup_year_delete" AFTER DELETE ON "ModelDayRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_model_day_trigger();
ALTER TABLE "ModelDayRollup" ENABLE ALWAYS TRIGGER "ModelDayRollup_year_insert";
ALTER TABLE "ModelDayRollup" ENABLE ALWAYS TRIGGER "ModelDayRollup_year_update";
ALTER TABLE "ModelDayRollup" ENABLE ALWAYS TRIGGER "ModelDayRollup_year_delete";

-- ContributionRollup → ContributionYearRollup
CREATE OR REPLACE FUNCTION rollup_year_contribution_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('d05.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ContributionYearRollup" AS y ("unitId", "year", "sector", "records", "participants", "totalVnd", "landM2", "landValueVnd", "cashVnd", "inKindVnd", "workdays")
    SELECT "unitId", "year", "sector", sum("records"), sum("participants"), sum("totalVnd"), sum("landM2"), sum("landValueVnd"), sum("cashVnd"), sum("inKindVnd"), sum("workdays") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "sector" AS "sector", "records" AS "records", "participants" AS "participants", "totalVnd" AS "totalVnd", "landM2" AS "landM2", "landValueVnd" AS "landValueVnd", "cashVnd" AS "cashVnd", "inKindVnd" AS "inKindVnd", "workdays" AS "workdays" FROM new_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "participants" = y."participants" + EXCLUDED."participants",
    "totalVnd" = y."totalVnd" + EXCLUDED."totalVnd",
    "landM2" = y."landM2" + EXCLUDED."landM2",
    "landValueVnd" = y."landValueVnd" + EXCLUDED."landValueVnd",
    "cashVnd" = y."cashVnd" + EXCLUDED."cashVnd",
    "inKindVnd" = y."inKindVnd" + EXCLUDED."inKindVnd",
    "workdays" = y."workdays" + EXCLUDED."workdays";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ContributionYearRollup" AS y ("unitId", "year", "sector", "records", "participants", "totalVnd", "landM2", "landValueVnd", "cashVnd", "inKindVnd", "workdays")
    SELECT "unitId", "year", "sector", sum("records"), sum("participants"), sum("totalVnd"), sum("landM2"), sum("landValueVnd"), sum("cashVnd"), sum("inKindVnd"), sum("workdays") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "sector" AS "sector", "records" AS "records", "participants" AS "participants", "totalVnd" AS "totalVnd", "landM2" AS "landM2", "landValueVnd" AS "landValueVnd", "cashVnd" AS "cashVnd", "inKindVnd" AS "inKindVnd", "workdays" AS "workdays" FROM new_rows UNION ALL SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "sector" AS "sector", -"records" AS "records", -"participants" AS "participants", -"totalVnd" AS "totalVnd", -"landM2" AS "landM2", -"landValueVnd" AS "landValueVnd", -"cashVnd" AS "cashVnd", -"inKindVnd" AS "inKindVnd", -"workdays" AS "workdays" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "participants" = y."participants" + EXCLUDED."participants",
    "totalVnd" = y."totalVnd" + EXCLUDED."totalVnd",
    "landM2" = y."landM2" + EXCLUDED."landM2",
    "landValueVnd" = y."landValueVnd" + EXCLUDED."landValueVnd",
    "cashVnd" = y."cashVnd" + EXCLUDED."cashVnd",
    "inKindVnd" = y."inKindVnd" + EXCLUDED."inKindVnd",
    "workdays" = y."workdays" + EXCLUDED."workdays";
  ELSE
    INSERT INTO "ContributionYearRollup" AS y ("unitId", "year", "sector", "records", "participants", "totalVnd", "landM2", "landValueVnd", "cashVnd", "inKindVnd", "workdays")
    SELECT "unitId", "year", "sector", sum("records"), sum("participants"), sum("totalVnd"), sum("landM2"), sum("landValueVnd"), sum("cashVnd"), sum("inKindVnd"), sum("workdays") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "sector" AS "sector", -"records" AS "records", -"participants" AS "participants", -"totalVnd" AS "totalVnd", -"landM2" AS "landM2", -"landValueVnd" AS "landValueVnd", -"cashVnd" AS "cashVnd", -"inKindVnd" AS "inKindVnd", -"workdays" AS "workdays" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "sector") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "participants" = y."participants" + EXCLUDED."participants",
    "totalVnd" = y."totalVnd" + EXCLUDED."totalVnd",
    "landM2" = y."landM2" + EXCLUDED."landM2",
    "landValueVnd" = y."landValueVnd" + EXCLUDED."landValueVnd",
    "cashVnd" = y."cashVnd" + EXCLUDED."cashVnd",
    "inKindVnd" = y."inKindVnd" + EXCLUDED."inKindVnd",
    "workdays" = y."workdays" + EXCLUDED."workdays";
    DELETE FROM "ContributionYearRollup" y USING (SELECT DISTINCT "unitId" AS "unitId", rollup_year("month") AS "year", "sector" AS "sector" FROM old_rows) d
    WHERE y."unitId" = d."unitId" AND y."year" = d."year" AND y."sector" = d."sector" AND y."records" = 0 AND y."participants" = 0 AND y."totalVnd" = 0 AND y."landM2" = 0 AND y."landValueVnd" = 0 AND y."cashVnd" = 0 AND y."inKindVnd" = 0 AND y."workdays" = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ContributionRollup_year_insert" AFTER INSERT ON "ContributionRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_contribution_trigger();
CREATE TRIGGER "ContributionRollup_year_update" AFTER UPDATE ON "ContributionRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_contribution_trigger();
CREATE TRIGGER "ContributionRollup_year_delete" AFTER DELETE ON "ContributionRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_contribution_trigger();
ALTER TABLE "ContributionRollup" ENABLE ALWAYS TRIGGER "ContributionRollup_year_insert";
ALTER TABLE "ContributionRollup" ENABLE ALWAYS TRIGGER "ContributionRollup_year_update";
ALTER TABLE "ContributionRollup" ENABLE ALWAYS TRIGGER "ContributionRollup_year_delete";

-- CommitmentRollup → CommitmentYearRollup
CREATE OR REPLACE FUNCTION rollup_year_commitment_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('d05.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CommitmentYearRollup" AS y ("unitId", "year", "kind", "registered", "completed", "replicated")
    SELECT "unitId", "year", "kind", sum("registered"), sum("completed"), sum("replicated") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "registered" AS "registered", "completed" AS "completed", "replicated" AS "replicated" FROM new_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "kind") DO UPDATE SET
    "registered" = y."registered" + EXCLUDED."registered",
    "completed" = y."completed" + EXCLUDED."completed",
    "replicated" = y."replicated" + EXCLUDED."replicated";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CommitmentYearRollup" AS y ("unitId", "year", "kind", "registered", "completed", "replicated")
    SELECT "unitId", "year", "kind", sum("registered"), sum("completed"), sum("replicated") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", "registered" AS "registered", "completed" AS "completed", "replicated" AS "replicated" FROM new_rows UNION ALL SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", -"registered" AS "registered", -"completed" AS "completed", -"replicated" AS "replicated" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "kind") DO UPDATE SET
    "registered" = y."registered" + EXCLUDED."registered",
    "completed" = y."completed" + EXCLUDED."completed",
    "replicated" = y."replicated" + EXCLUDED."replicated";
  ELSE
    INSERT INTO "CommitmentYearRollup" AS y ("unitId", "year", "kind", "registered", "completed", "replicated")
    SELECT "unitId", "year", "kind", sum("registered"), sum("completed"), sum("replicated") FROM (SELECT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind", -"registered" AS "registered", -"completed" AS "completed", -"replicated" AS "replicated" FROM old_rows) d
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitId", "year", "kind") DO UPDATE SET
    "registered" = y."registered" + EXCLUDED."registered",
    "completed" = y."completed" + EXCLUDED."completed",
    "replicated" = y."replicated" + EXCLUDED."replicated";
    DELETE FROM "CommitmentYearRollup" y USING (SELECT DISTINCT "unitId" AS "unitId", rollup_year("month") AS "year", "kind" AS "kind" FROM old_rows) d
    WHERE y."unitId" = d."unitId" AND y."year" = d."year" AND y."kind" = d."kind" AND y."registered" = 0 AND y."completed" = 0 AND y."replicated" = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "CommitmentRollup_year_insert" AFTER INSERT ON "CommitmentRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_commitment_trigger();
CREATE TRIGGER "CommitmentRollup_year_update" AFTER UPDATE ON "CommitmentRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_commitment_trigger();
CREATE TRIGGER "CommitmentRollup_year_delete" AFTER DELETE ON "CommitmentRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_year_commitment_trigger();
ALTER TABLE "CommitmentRollup" ENABLE ALWAYS TRIGGER "CommitmentRollup_year_insert";
ALTER TABLE "CommitmentRollup" ENABLE ALWAYS TRIGGER "CommitmentRollup_year_update";
ALTER TABLE "CommitmentRollup" ENABLE ALWAYS TRIGGER "CommitmentRollup_year_delete";

-- The year rows recomputed from the monthly and daily ones.
CREATE OR REPLACE FUNCTION rebuild_year_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ActivityYearRollup", "AwardYearRollup", "ModelYearRollup", "ContributionYearRollup",
    "CommitmentYearRollup" IN EXCLUSIVE MODE;
  DELETE FROM "ActivityYearRollup";
  INSERT INTO "ActivityYearRollup" ("unitId", "year", "kind", "themeId", "records", "sessions", "attendance")
  SELECT "unitId", rollup_year("month"), "kind", "themeId", sum("records"), sum("sessions"), sum("attendance") FROM "ActivityRollup"
  GROUP BY 1, 2, 3, 4 HAVING sum("records") <> 0 OR sum("sessions") <> 0 OR sum("attendance") <> 0;
  DELETE FROM "AwardYearRollup";
  INSERT INTO "AwardYearRollup" ("unitId", "year", "decisionYear", "level", "form", "recipientKind", "themeId", "ground", "awards", "records")
  SELECT "unitId", rollup_year("month"), rollup_year("decisionMonth"), "level", "form", "recipientKind", "themeId", "ground", sum("awards"), sum("records") FROM "AwardRollup"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum("awards") <> 0 OR sum("records") <> 0;
  DELETE FROM "ModelYearRollup";
  INSERT INTO "ModelYearRollup" ("unitId", "year", "sector", "started", "activeDelta", "replicated", "changes")
  SELECT "unitId", rollup_year("day"), "sector", sum("started"), sum("activeDelta"), sum("replicated"), sum("changes") FROM "ModelDayRollup"
  GROUP BY 1, 2, 3 HAVING sum("started") <> 0 OR sum("activeDelta") <> 0 OR sum("replicated") <> 0 OR sum("changes") <> 0;
  DELETE FROM "ContributionYearRollup";
  INSERT INTO "ContributionYearRollup" ("unitId", "year", "sector", "records", "participants", "totalVnd", "landM2", "landValueVnd", "cashVnd", "inKindVnd", "workdays")
  SELECT "unitId", rollup_year("month"), "sector", sum("records"), sum("participants"), sum("totalVnd"), sum("landM2"), sum("landValueVnd"), sum("cashVnd"), sum("inKindVnd"), sum("workdays") FROM "ContributionRollup"
  GROUP BY 1, 2, 3 HAVING sum("records") <> 0 OR sum("participants") <> 0 OR sum("totalVnd") <> 0 OR sum("landM2") <> 0 OR sum("landValueVnd") <> 0 OR sum("cashVnd") <> 0 OR sum("inKindVnd") <> 0 OR sum("workdays") <> 0;
  DELETE FROM "CommitmentYearRollup";
  INSERT INTO "CommitmentYearRollup" ("unitId", "year", "kind", "registered", "completed", "replicated")
  SELECT "unitId", rollup_year("month"), "kind", sum("registered"), sum("completed"), sum("replicated") FROM "CommitmentRollup"
  GROUP BY 1, 2, 3 HAVING sum("registered") <> 0 OR sum("completed") <> 0 OR sum("replicated") <> 0;
END $$;

-- rebuild_rollups() as before (renamed rebuild_record_rollups), then the year rows from its result.
ALTER FUNCTION rebuild_rollups() RENAME TO rebuild_record_rollups;
CREATE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rebuild_record_rollups();
  PERFORM rebuild_year_rollups();
END $$;

SELECT rebuild_year_rollups();

