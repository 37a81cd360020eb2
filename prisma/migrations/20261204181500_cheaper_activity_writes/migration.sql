-- Cheaper activity writes (issue 19, target 4: 1,000 recordActivity/s on 2 vCPUs, where each write
-- may use 2 ms of CPU in all). Measured with pgbench, PostgreSQL's CPU per write fell from ~1.33 to
-- ~0.97 ms (docs/BENCHMARKS.md, target 4, session 11). Two changes, both exact as before:
--
-- 1. The year rows of an activity's rollups are added by rollup_activity_add itself, one upsert per
--    call next to the monthly one, instead of by the statement triggers on ActivityRollup. Those
--    fired twice per write (the upsert's INSERT and UPDATE events, each with transition tables and a
--    grouped upsert of their own): ~0.13 ms per write, against ~0.05 ms for the one plain upsert.
--    While the function runs, d05.year_rollups_inline is 'on' (its SET clause, undone when it
--    returns) and the triggers' WHEN conditions hold them; every other writer of ActivityRollup
--    (rebuild_rollups, or any statement added later) still gets the triggers. The import adds its
--    rollups through rollup_activity_add, so it keeps the year rows exact the same way.
--    Lock order is unchanged: monthly rows first, then the year rows, each by ascending unit id,
--    as the triggers did (after the monthly statement, ORDER BY the key).
--
-- 2. record_activity(): the record, its audit row and its idempotency row written by one function,
--    which the server calls in one statement. What it replaces was one ad-hoc WITH statement of
--    three INSERTs: parsed, analysed and planned on every call (~0.2 ms); the function's
--    statements are planned once per connection. Its audit row names its unit and path itself
--    (the same values the audit_log_scope trigger derives for an activity: the record's unit, then
--    that unit and its ancestors from the closure table), so the trigger returns at once.

CREATE OR REPLACE FUNCTION rollup_activity_add(
  p_unit int, p_day date, p_kind "ActivityKind", p_theme int,
  p_records int, p_sessions bigint, p_attendance bigint
) RETURNS void LANGUAGE plpgsql
SET d05.year_rollups_inline = 'on' AS $$
DECLARE
  v_month date := rollup_month(p_day);
  v_year date := rollup_year(p_day);
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
  INSERT INTO "ActivityYearRollup" AS y
    ("unitId", "year", "kind", "themeId", "records", "sessions", "attendance")
  SELECT c."ancestorId", v_year, p_kind, v_theme, p_records, p_sessions, p_attendance
  FROM "UnitClosure" c WHERE c."descendantId" = p_unit ORDER BY c."ancestorId"
  ON CONFLICT ("unitId", "year", "kind", "themeId") DO UPDATE SET
    "records" = y."records" + EXCLUDED."records",
    "sessions" = y."sessions" + EXCLUDED."sessions",
    "attendance" = y."attendance" + EXCLUDED."attendance";
  IF p_records < 0 THEN
    DELETE FROM "ActivityRollup" r USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND r."unitId" = c."ancestorId" AND r."month" = v_month
      AND r."kind" = p_kind AND r."themeId" = v_theme AND r."records" = 0;
    -- As the delete trigger and rebuild_year_rollups() do: a year row goes when all its sums are 0.
    DELETE FROM "ActivityYearRollup" y USING "UnitClosure" c
    WHERE c."descendantId" = p_unit AND y."unitId" = c."ancestorId" AND y."year" = v_year
      AND y."kind" = p_kind AND y."themeId" = v_theme
      AND y."records" = 0 AND y."sessions" = 0 AND y."attendance" = 0;
  END IF;
END $$;

DROP TRIGGER "ActivityRollup_year_insert" ON "ActivityRollup";
DROP TRIGGER "ActivityRollup_year_update" ON "ActivityRollup";
DROP TRIGGER "ActivityRollup_year_delete" ON "ActivityRollup";
CREATE TRIGGER "ActivityRollup_year_insert" AFTER INSERT ON "ActivityRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
WHEN (current_setting('d05.year_rollups_inline', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION rollup_year_activity_trigger();
CREATE TRIGGER "ActivityRollup_year_update" AFTER UPDATE ON "ActivityRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
WHEN (current_setting('d05.year_rollups_inline', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION rollup_year_activity_trigger();
CREATE TRIGGER "ActivityRollup_year_delete" AFTER DELETE ON "ActivityRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
WHEN (current_setting('d05.year_rollups_inline', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION rollup_year_activity_trigger();
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_insert";
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_update";
ALTER TABLE "ActivityRollup" ENABLE ALWAYS TRIGGER "ActivityRollup_year_delete";

-- The audit snapshot is the row as JSON with its timestamps and its date written as the server's
-- toJson writes a row Prisma returned (ISO strings in UTC), so every audit snapshot reads alike.
CREATE OR REPLACE FUNCTION record_activity(
  p_user int, p_key text, p_unit int, p_theme int, p_kind "ActivityKind", p_title text,
  p_occurred date, p_sessions int, p_attendance int, p_notes text
) RETURNS SETOF "Activity" LANGUAGE plpgsql AS $$
DECLARE
  r "Activity";
BEGIN
  INSERT INTO "Activity" ("unitId", "themeId", "kind", "title", "occurredOn", "sessions",
    "attendance", "notes", "createdById", "updatedAt")
  VALUES (p_unit, p_theme, p_kind, p_title, p_occurred, p_sessions, p_attendance, p_notes,
    p_user, now())
  RETURNING * INTO r;
  INSERT INTO "AuditLog"
    ("userId", "action", "entity", "entityId", "before", "after", "unitId", "unitPath")
  VALUES (p_user, 'recordActivity', 'Activity', r."id"::text, NULL,
    to_jsonb(r) || jsonb_build_object(
      'createdAt', to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'updatedAt', to_char(r."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'occurredOn', to_char(r."occurredOn", 'YYYY-MM-DD"T00:00:00.000Z"')),
    r."unitId",
    (SELECT coalesce(array_agg(c."ancestorId" ORDER BY c."ancestorId"), '{}')
     FROM "UnitClosure" c WHERE c."descendantId" = r."unitId"));
  IF p_key IS NOT NULL THEN
    INSERT INTO "IdempotentWrite" ("userId", "key", "operation", "result")
    VALUES (p_user, p_key, 'recordActivity', jsonb_build_object('id', r."id"));
  END IF;
  RETURN NEXT r;
END $$;
