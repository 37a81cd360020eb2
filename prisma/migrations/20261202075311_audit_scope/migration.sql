-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "unitId" INTEGER,
ADD COLUMN     "unitPath" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateIndex
CREATE INDEX "AuditLog_unitPath_idx" ON "AuditLog" USING GIN ("unitPath");

-- ───────────────────────────── Maintenance (hand-written) ─────────────────────────────
-- An audit entry is read by the unit of the record it describes, as the unit tree stood when the
-- write happened, never by the current scope of the account that wrote (moving that account, or
-- the unit, later must not hand its history to another subtree). Every writer of "AuditLog" gets
-- this from one trigger, so no write path can forget it.

-- A unit id from JSON or text: NULL unless it is a plain whole number (snapshots are untrusted).
CREATE OR REPLACE FUNCTION audit_unit_id(value text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value ~ '^[0-9]{1,9}$' THEN value::integer END
$$;

-- The units an entry concerns, the record's own (after the write) first:
--   1. the unit the writer named (sign-in attempts name the account's unit);
--   2. the snapshots' "unitId" (records and accounts), after then before: a move names both;
--   3. for a unit: the unit itself, its parent before and after (a move names both sides) and
--      its successor (a merger concerns the unit it merges into);
--   4. else the record as it is now (a model's status change snapshots only the status);
--   5. else the unit of the account that wrote, at the time of the write (an import's summary).
-- Empty when none applies (a sign-in attempt for an unknown username).
CREATE OR REPLACE FUNCTION audit_entry_units(
  entity text, entity_id text, before jsonb, after jsonb, unit_id integer, user_id integer
) RETURNS integer[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  units integer[];
  current_unit integer;
BEGIN
  units := array_remove(ARRAY[
    unit_id,
    audit_unit_id(after ->> 'unitId'),
    audit_unit_id(before ->> 'unitId'),
    CASE WHEN entity = 'Unit' THEN audit_unit_id(entity_id) END,
    CASE WHEN entity = 'Unit' THEN audit_unit_id(after ->> 'parentId') END,
    CASE WHEN entity = 'Unit' THEN audit_unit_id(before ->> 'parentId') END,
    CASE WHEN entity = 'Unit' THEN audit_unit_id(after ->> 'successorId') END
  ], NULL);
  IF cardinality(units) = 0 AND entity IN ('Activity', 'Model', 'Award', 'Commitment', 'User')
     AND audit_unit_id(entity_id) IS NOT NULL THEN
    EXECUTE format('SELECT "unitId" FROM %I WHERE "id" = $1', entity)
      INTO current_unit USING audit_unit_id(entity_id);
    units := array_remove(ARRAY[current_unit], NULL);
  END IF;
  IF cardinality(units) = 0 AND user_id IS NOT NULL THEN
    SELECT array_remove(ARRAY["unitId"], NULL) INTO units FROM "User" WHERE "id" = user_id;
  END IF;
  RETURN COALESCE(units, '{}');
END $$;

-- Those units and all their ancestors, as the closure table holds them now.
CREATE OR REPLACE FUNCTION audit_units_path(units integer[]) RETURNS integer[] LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(DISTINCT "ancestorId" ORDER BY "ancestorId"), '{}')
  FROM "UnitClosure" WHERE "descendantId" = ANY(units)
$$;

CREATE OR REPLACE FUNCTION audit_log_scope_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  units integer[];
BEGIN
  IF cardinality(NEW."unitPath") > 0 THEN RETURN NEW; END IF;
  units := audit_entry_units(NEW."entity", NEW."entityId", NEW."before", NEW."after",
                             NEW."unitId", NEW."userId");
  NEW."unitId" := units[1];
  NEW."unitPath" := audit_units_path(units);
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditLog_scope" BEFORE INSERT ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION audit_log_scope_trigger();

-- Existing entries. Their snapshots hold the record's unit at the time of the write, which is
-- used first; the path is today's (the tree's history is not kept). Where no snapshot names a
-- unit, the record as it is now; else the unit of the account that wrote as it was then: the
-- "before" of that account's first later change of unit, if any, else its unit today.
UPDATE "AuditLog" a SET "unitId" = s.units[1], "unitPath" = audit_units_path(s.units)
FROM (
  SELECT e."id", audit_entry_units(
    e."entity", e."entityId", e."before", e."after", NULL, NULL
  ) AS units
  FROM "AuditLog" e
) s
WHERE s."id" = a."id" AND cardinality(s.units) > 0;

UPDATE "AuditLog" a SET "unitId" = w.unit, "unitPath" = audit_units_path(ARRAY[w.unit])
FROM (
  SELECT e."id", COALESCE(
    (SELECT audit_unit_id(later."before" ->> 'unitId') FROM "AuditLog" later
      WHERE later."entity" = 'User' AND later."entityId" = e."userId"::text
        AND later."id" > e."id"
        AND later."before" ->> 'unitId' IS DISTINCT FROM later."after" ->> 'unitId'
        AND later."before" ? 'unitId'
      ORDER BY later."id" LIMIT 1),
    u."unitId") AS unit
  FROM "AuditLog" e JOIN "User" u ON u."id" = e."userId"
  WHERE e."unitId" IS NULL
) w
WHERE w."id" = a."id" AND w.unit IS NOT NULL;

UPDATE "AuditLog" SET "unitPath" = '{}' WHERE "unitPath" IS NULL;
