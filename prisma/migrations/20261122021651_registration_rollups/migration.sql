-- CreateTable
CREATE TABLE "PartyCellRollup" (
    "unitId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "cells" INTEGER NOT NULL,

    CONSTRAINT "PartyCellRollup_pkey" PRIMARY KEY ("unitId","day")
);

-- CreateTable
CREATE TABLE "RegisteredCellRollup" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "cells" INTEGER NOT NULL,

    CONSTRAINT "RegisteredCellRollup_pkey" PRIMARY KEY ("unitId","year","day")
);

-- ───────────────────────────── Maintenance (hand-written) ─────────────────────────────
-- The registration rate's denominator (party cells active on a day under a unit) and numerator
-- (those of them that registered for that day's year) used to be counted cell by cell over the
-- whole subtree: ~250 ms for the national root. These two rollups make it one indexed range sum
-- per unit. A cell contributes to every ancestor (itself included) as UnitClosure stands now:
-- triggers on UnitClosure (a unit created, moved or deleted), on Unit (kind or active dates
-- changed) and on CommitmentUnitYear (a cell's first commitment of a year, or its last one gone)
-- keep them exact, so a move or merge needs no rebuild for these. Statement-level triggers with
-- transition tables: a bulk insert of units costs one pass, not one trigger call per row.

CREATE OR REPLACE FUNCTION rollup_cell_day_add(p_unit int, p_day date, p_year int, p_delta int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_year IS NULL THEN
    INSERT INTO "PartyCellRollup" AS r ("unitId", "day", "cells") VALUES (p_unit, p_day, p_delta)
    ON CONFLICT ("unitId", "day") DO UPDATE SET "cells" = r."cells" + EXCLUDED."cells";
    DELETE FROM "PartyCellRollup" WHERE "unitId" = p_unit AND "day" = p_day AND "cells" = 0;
  ELSE
    INSERT INTO "RegisteredCellRollup" AS r ("unitId", "year", "day", "cells")
    VALUES (p_unit, p_year, p_day, p_delta)
    ON CONFLICT ("unitId", "year", "day") DO UPDATE SET "cells" = r."cells" + EXCLUDED."cells";
    DELETE FROM "RegisteredCellRollup"
    WHERE "unitId" = p_unit AND "year" = p_year AND "day" = p_day AND "cells" = 0;
  END IF;
END $$;

-- One cell's contribution to one ancestor: the cell count (p_year NULL) or its registration for
-- p_year, +1 from the day it is active, -1 from the day after it stops.
CREATE OR REPLACE FUNCTION rollup_cell_add(p_unit int, p_from date, p_until date, p_year int, p_sign int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_cell_day_add(p_unit, coalesce(p_from, DATE '0001-01-01'), p_year, p_sign);
  IF p_until IS NOT NULL THEN
    PERFORM rollup_cell_day_add(p_unit, p_until + 1, p_year, -p_sign);
  END IF;
END $$;

-- rebuild_rollups() recomputes these set-based; while it runs the row triggers stand aside.
CREATE OR REPLACE FUNCTION rollup_cells_rebuilding() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('d05.rebuilding_rollups', true), '') = 'on'
$$;

CREATE OR REPLACE FUNCTION rollup_closure_cells_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  IF rollup_cells_rebuilding() THEN RETURN NULL; END IF;
  -- A deleted cell's own rows are gone from Unit here; its BEFORE DELETE trigger took them out.
  IF TG_OP = 'INSERT' THEN
    PERFORM rollup_cell_add(t."ancestorId", c."activeFrom", c."activeUntil", y."year", sign)
    FROM changed_new t JOIN "Unit" c ON c."id" = t."descendantId" AND c."kind" = 'PARTY_CELL'
    CROSS JOIN LATERAL (
      SELECT NULL::int AS "year" UNION ALL
      SELECT "year" FROM "CommitmentUnitYear" WHERE "unitId" = c."id"
    ) y;
  ELSE
    PERFORM rollup_cell_add(t."ancestorId", c."activeFrom", c."activeUntil", y."year", sign)
    FROM changed_old t JOIN "Unit" c ON c."id" = t."descendantId" AND c."kind" = 'PARTY_CELL'
    CROSS JOIN LATERAL (
      SELECT NULL::int AS "year" UNION ALL
      SELECT "year" FROM "CommitmentUnitYear" WHERE "unitId" = c."id"
    ) y;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "UnitClosure_cells_insert" AFTER INSERT ON "UnitClosure"
REFERENCING NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION rollup_closure_cells_trigger();
CREATE TRIGGER "UnitClosure_cells_delete" AFTER DELETE ON "UnitClosure"
REFERENCING OLD TABLE AS changed_old
FOR EACH STATEMENT EXECUTE FUNCTION rollup_closure_cells_trigger();

CREATE OR REPLACE FUNCTION rollup_unit_cells_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF rollup_cells_rebuilding() THEN RETURN NULL; END IF;
  -- Take out what each changed cell added with its old kind and dates, add it back with the new.
  PERFORM rollup_cell_add(t."ancestorId", o."activeFrom", o."activeUntil", y."year", -1)
  FROM changed_old o JOIN changed_new n ON n."id" = o."id"
  JOIN "UnitClosure" t ON t."descendantId" = o."id"
  CROSS JOIN LATERAL (
    SELECT NULL::int AS "year" UNION ALL
    SELECT "year" FROM "CommitmentUnitYear" WHERE "unitId" = o."id"
  ) y
  WHERE o."kind" = 'PARTY_CELL'
    AND (o."kind", o."activeFrom", o."activeUntil") IS DISTINCT FROM (n."kind", n."activeFrom", n."activeUntil");
  PERFORM rollup_cell_add(t."ancestorId", n."activeFrom", n."activeUntil", y."year", 1)
  FROM changed_old o JOIN changed_new n ON n."id" = o."id"
  JOIN "UnitClosure" t ON t."descendantId" = n."id"
  CROSS JOIN LATERAL (
    SELECT NULL::int AS "year" UNION ALL
    SELECT "year" FROM "CommitmentUnitYear" WHERE "unitId" = n."id"
  ) y
  WHERE n."kind" = 'PARTY_CELL'
    AND (o."kind", o."activeFrom", o."activeUntil") IS DISTINCT FROM (n."kind", n."activeFrom", n."activeUntil");
  RETURN NULL;
END $$;

CREATE TRIGGER "Unit_cells_update" AFTER UPDATE ON "Unit"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION rollup_unit_cells_trigger();

CREATE OR REPLACE FUNCTION rollup_unit_cells_delete_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF rollup_cells_rebuilding() OR OLD."kind" <> 'PARTY_CELL' THEN RETURN OLD; END IF;
  PERFORM rollup_cell_add(t."ancestorId", OLD."activeFrom", OLD."activeUntil", y."year", -1)
  FROM "UnitClosure" t
  CROSS JOIN LATERAL (
    SELECT NULL::int AS "year" UNION ALL
    SELECT "year" FROM "CommitmentUnitYear" WHERE "unitId" = OLD."id"
  ) y
  WHERE t."descendantId" = OLD."id";
  RETURN OLD;
END $$;

CREATE TRIGGER "Unit_cells_before_delete" BEFORE DELETE ON "Unit"
FOR EACH ROW EXECUTE FUNCTION rollup_unit_cells_delete_trigger();

CREATE OR REPLACE FUNCTION rollup_unit_year_cells_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  IF rollup_cells_rebuilding() THEN RETURN NULL; END IF;
  -- A CommitmentUnitYear row exists while the unit has at least one commitment for the year.
  IF TG_OP = 'INSERT' THEN
    PERFORM rollup_cell_add(t."ancestorId", c."activeFrom", c."activeUntil", y."year", sign)
    FROM changed_new y JOIN "Unit" c ON c."id" = y."unitId" AND c."kind" = 'PARTY_CELL'
    JOIN "UnitClosure" t ON t."descendantId" = c."id";
  ELSE
    PERFORM rollup_cell_add(t."ancestorId", c."activeFrom", c."activeUntil", y."year", sign)
    FROM changed_old y JOIN "Unit" c ON c."id" = y."unitId" AND c."kind" = 'PARTY_CELL'
    JOIN "UnitClosure" t ON t."descendantId" = c."id";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "CommitmentUnitYear_cells_insert" AFTER INSERT ON "CommitmentUnitYear"
REFERENCING NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION rollup_unit_year_cells_trigger();
CREATE TRIGGER "CommitmentUnitYear_cells_delete" AFTER DELETE ON "CommitmentUnitYear"
REFERENCING OLD TABLE AS changed_old
FOR EACH STATEMENT EXECUTE FUNCTION rollup_unit_year_cells_trigger();

-- The cell rollups from scratch, set-based (also what rebuild_rollups() now ends with).
CREATE OR REPLACE FUNCTION rebuild_cell_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "PartyCellRollup";
  DELETE FROM "RegisteredCellRollup";
  INSERT INTO "PartyCellRollup" ("unitId", "day", "cells")
  SELECT e."unitId", e."day", sum(e."delta")
  FROM (
    SELECT t."ancestorId" AS "unitId", coalesce(c."activeFrom", DATE '0001-01-01') AS "day", 1 AS "delta"
    FROM "Unit" c JOIN "UnitClosure" t ON t."descendantId" = c."id" WHERE c."kind" = 'PARTY_CELL'
    UNION ALL
    SELECT t."ancestorId", c."activeUntil" + 1, -1
    FROM "Unit" c JOIN "UnitClosure" t ON t."descendantId" = c."id"
    WHERE c."kind" = 'PARTY_CELL' AND c."activeUntil" IS NOT NULL
  ) e
  GROUP BY 1, 2 HAVING sum(e."delta") <> 0;
  INSERT INTO "RegisteredCellRollup" ("unitId", "year", "day", "cells")
  SELECT e."unitId", e."year", e."day", sum(e."delta")
  FROM (
    SELECT t."ancestorId" AS "unitId", y."year", coalesce(c."activeFrom", DATE '0001-01-01') AS "day", 1 AS "delta"
    FROM "CommitmentUnitYear" y JOIN "Unit" c ON c."id" = y."unitId" AND c."kind" = 'PARTY_CELL'
    JOIN "UnitClosure" t ON t."descendantId" = c."id"
    UNION ALL
    SELECT t."ancestorId", y."year", c."activeUntil" + 1, -1
    FROM "CommitmentUnitYear" y JOIN "Unit" c ON c."id" = y."unitId" AND c."kind" = 'PARTY_CELL'
    JOIN "UnitClosure" t ON t."descendantId" = c."id"
    WHERE c."activeUntil" IS NOT NULL
  ) e
  GROUP BY 1, 2, 3 HAVING sum(e."delta") <> 0;
END $$;

CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ActivityRollup", "AwardRollup", "ModelLifecycle", "ModelDayRollup",
    "ContributionRollup", "CommitmentRollup", "CommitmentUnitYear",
    "PartyCellRollup", "RegisteredCellRollup" IN EXCLUSIVE MODE;
  -- CommitmentUnitYear is emptied and refilled below: its row triggers would redo, row by row,
  -- what rebuild_cell_rollups() does in one pass at the end.
  PERFORM set_config('d05.rebuilding_rollups', 'on', true);
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
END $$;

SELECT rebuild_cell_rollups();
