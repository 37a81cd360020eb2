// The import's write on embedded PGlite, in two steps, so that other users' reads do not wait.
//
// Why: PGlite is one PostgreSQL session shared by the whole process. While a transaction is open
// every other statement waits for it to end; writing 20,000 rows in the import's transaction made
// any read that needed the database wait 3–5 s (7 s on a loaded machine). So:
// 1. Staging, before the transaction: the rows go in chunks into TEMPORARY tables of this import,
//    each chunk its own short statement, yielding between chunks so other requests run in between.
//    The chunks also do part of the work (parsing the JSON, checking types and enums).
// 2. The move, inside the import's one transaction (with its idempotency record and its audit row):
//    INSERT ... SELECT from the staging tables, then the rollups added once per group. Only this
//    makes others wait: ~0.4 s for 20,000 rows where the old transaction took ~3.5 s.
// All or nothing holds: until the move commits nothing of the import is in a real table, and the
// move is one transaction. Temporary tables belong to the session: nobody else ever sees them, and
// after a kill -9 PostgreSQL drops the dead session's ones when the next session first uses its
// temporary schema, which the restarted server does at start-up (prisma's openDatabase).
//
// The move skips what costs most per row: the foreign-key checks (a lookup per row and key) and
// the rollup row triggers (a rollup update per row and ancestor). It runs with
// session_replication_role = replica, only for that transaction (SET LOCAL), which holds every
// trigger of the tables, then makes the same checks in one set-based query per foreign key and
// adds the rollups per group with the triggers' own functions. This is as strong as the triggers
// here: PGlite runs one transaction at a time, so nothing changes between the checks and the
// COMMIT. A table with any trigger besides its known rollup triggers (one added later, unknown
// here) is moved with every trigger running instead: slower, never wrong.
//
// Models: the row triggers of Model and ModelStatusChange each refresh the model's lifecycle
// (rollup_model_refresh: its events recomputed and every ancestor's day rollup updated), twice per
// imported model. Moved with those triggers held, each new model's events are computed once, from
// its row and its first status, and added to the day rollups once per unit, day and sector. A new
// model has no lifecycle yet, so there is nothing to subtract first; the result is what the two
// triggers leave. Contributions are added per unit, month and sector of their (moved) model.
import { randomBytes } from "node:crypto";
import { type PrismaClient, runUnstoppable } from "@d05/prisma";
import { InputError } from "../errors";
import type { ImportKind } from "./kinds";
import { importText } from "./messages";
import {
  columnLists,
  insertChunks,
  type Part,
  partsOf,
  reserveIds,
  type Sql,
  type Tx,
  unitIdsOf,
  type Written,
  yieldToOthers,
} from "./write";

/**
 * The rollup triggers of each table whose rollups can be added per group of rows, and the
 * statements that add them (STAGED: the part's staging table). A statement is run as it is when it
 * writes (INSERT), and counted when it only calls the rollup functions (SELECT).
 */
const GROUPED_ROLLUP: Partial<Record<Part["table"], { triggers: string[]; add: string[] }>> = {
  // One call per unit × month × kind × theme: rollup_activity_add keeps only the month of the day.
  Activity: {
    triggers: ["Activity_rollup"],
    add: [
      `SELECT rollup_activity_add(g."unitId", g.month, g."kind", g."themeId", g.n, g.s, g.a)
      FROM (SELECT "unitId", rollup_month("occurredOn") AS month, "kind", "themeId",
              count(*)::int AS n, sum("sessions")::bigint AS s, sum("attendance")::bigint AS a
            FROM STAGED GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) g`,
    ],
  },
  Award: {
    triggers: ["Award_rollup"],
    // The first of the decision's month stands for the day: rollup_award_add keeps only its month
    // (moved into the emulation year, which clamps a month the same way it clamps a day).
    add: [
      `SELECT rollup_award_add(g."unitId", g.month, g."emulationYear", g."level", g."form",
              g."recipientKind", g."themeId", g."ground", g.n, g.c)
      FROM (SELECT "unitId", rollup_month("awardedOn") AS month, "emulationYear", "level", "form",
              "recipientKind", "themeId", "ground", count(*)::int AS n,
              sum("recipientCount")::bigint AS c
            FROM STAGED GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8) g`,
    ],
  },
  // Its lifecycle needs the status history, moved next: added with ModelStatusChange below.
  Model: { triggers: ["Model_rollup", "Model_rollup_before_delete"], add: [] },
  ModelStatusChange: {
    triggers: ["ModelStatusChange_rollup"],
    add: [
      // An imported model's history is the one status the import writes at its start day: for
      // such a history rollup_model_events gives one day (its start, active unless discontinued,
      // replicated when it starts so, one change). Written directly, a set instead of a function
      // call per model; the staged-write test compares the result with a rebuild.
      `INSERT INTO "ModelLifecycle"
         ("modelId", "day", "unitId", "sector", "started", "activeDelta", "replicated", "changes")
       SELECT m."id", m."startedOn", m."unitId", m."sector", 1, (s."status" <> 'DISCONTINUED')::int,
         (s."status" = 'REPLICATED')::int, 1
       FROM STAGED s JOIN "Model" m ON m."id" = s."modelId"`,
      `SELECT rollup_model_day_add(g."unitId", g."day", g."sector", g.st, g.ad, g.rep, g.ch)
       FROM (SELECT l."unitId", l."day", l."sector", sum(l."started")::int AS st,
               sum(l."activeDelta")::int AS ad, sum(l."replicated")::int AS rep,
               sum(l."changes")::int AS ch
             FROM "ModelLifecycle" l JOIN STAGED s ON s."modelId" = l."modelId"
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) g`,
    ],
  },
  // Attributed to the (moved) model's unit and sector, once per unit × month × sector.
  ModelContribution: {
    triggers: ["ModelContribution_rollup"],
    add: [
      // As rollup_contribution_add does per row, here summed per ancestor × month × sector first
      // (one ON CONFLICT update per rollup row).
      `INSERT INTO "ContributionRollup" AS r
         ("unitId", "month", "sector", "records", "participants", "totalVnd", "landM2",
          "landValueVnd", "cashVnd", "inKindVnd", "workdays")
       SELECT c."ancestorId", rollup_month(s."recordedOn"), m."sector", count(*)::int,
         sum(s."participants"), sum(s."landValueVnd" + s."cashVnd" + s."inKindVnd"),
         sum(s."landM2"), sum(s."landValueVnd"), sum(s."cashVnd"), sum(s."inKindVnd"),
         sum(s."workdays")
       FROM STAGED s JOIN "Model" m ON m."id" = s."modelId"
         JOIN "UnitClosure" c ON c."descendantId" = m."unitId"
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT ("unitId", "month", "sector") DO UPDATE SET
         "records" = r."records" + EXCLUDED."records",
         "participants" = r."participants" + EXCLUDED."participants",
         "totalVnd" = r."totalVnd" + EXCLUDED."totalVnd",
         "landM2" = r."landM2" + EXCLUDED."landM2",
         "landValueVnd" = r."landValueVnd" + EXCLUDED."landValueVnd",
         "cashVnd" = r."cashVnd" + EXCLUDED."cashVnd",
         "inKindVnd" = r."inKindVnd" + EXCLUDED."inKindVnd",
         "workdays" = r."workdays" + EXCLUDED."workdays"`,
    ],
  },
};

/** Parts moved together: with their triggers all held, or all running (see above). */
const HELD_TOGETHER: Part["table"][][] = [["Model", "ModelStatusChange", "ModelContribution"]];

/** A single-column foreign key of a table, as the catalog describes it. */
interface ForeignKey {
  column: string;
  /** The referenced table, quoted as a regclass prints it. */
  references: string;
  key: string;
  width: number;
  hasDefault: boolean;
}

/** How a part is moved: with its triggers held (the checks and rollups done per set), or not. */
interface Move {
  part: Part;
  staged: string;
  held: { keys: ForeignKey[]; addRollups: string[] } | null;
}

/** An import's rows staged on PGlite, ready to be moved in the import's transaction. */
export interface StagedRecords {
  /** Inside the import's transaction: moves the rows into the real tables, with their rollups. */
  move(tx: Tx): Promise<Written>;
  /** Drops the staging tables (after the move, or after a failure). */
  discard(): Promise<void>;
}

/** Writes the records into temporary staging tables, a chunk per statement (see above). */
export async function stageRecords(
  prisma: PrismaClient,
  kind: ImportKind,
  records: unknown[],
  createdById: number,
): Promise<StagedRecords> {
  const ids = await reserveIds(prisma, kind, records.length);
  const prefix = `import_${randomBytes(6).toString("hex")}`;
  const moves: Move[] = [];
  for (const [i, part] of partsOf(kind, records, ids, createdById).entries()) {
    moves.push({ part, staged: `pg_temp."${prefix}_${i}"`, held: await howToMove(prisma, part) });
  }
  for (const together of HELD_TOGETHER) {
    const group = moves.filter((m) => together.includes(m.part.table));
    if (group.some((m) => m.held === null)) for (const m of group) m.held = null;
  }
  const discard = () =>
    // Also after a request that ran out of time: its signal refuses further statements.
    runUnstoppable(async () => {
      for (const { staged } of moves)
        await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS ${staged}`);
    });
  try {
    for (const { part, staged } of moves) {
      await prisma.$executeRawUnsafe(
        `CREATE TEMPORARY TABLE ${staged} (${columnLists(part.columns).shape})`,
      );
      await insertChunks(prisma, staged, { ...part, touchesUpdatedAt: false });
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    async move(tx) {
      for (const move of moves) await moveStaged(tx, move, ids);
      return { ids, unitIds: unitIdsOf(records) };
    },
    discard,
  };
}

/**
 * Whether the part's triggers may be held during the move: its table has a rollup that can be
 * added per group, no trigger besides that one, and single-column foreign keys only. Read from the
 * catalog, so that a key or a trigger added to the table later is not skipped unawares.
 */
async function howToMove(sql: Sql, part: Part): Promise<Move["held"]> {
  const grouped = GROUPED_ROLLUP[part.table];
  if (!grouped) return null;
  const triggers = await sql.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
    `"${part.table}"`,
  );
  const names = triggers.map((t) => t.name).sort();
  if (names.join("|") !== [...grouped.triggers].sort().join("|")) return null;
  const keys = await sql.$queryRawUnsafe<ForeignKey[]>(
    `SELECT a.attname AS "column", c.confrelid::regclass::text AS "references",
       f.attname AS "key", cardinality(c.conkey) AS width, a.atthasdef AS "hasDefault"
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND c.conrelid = $1::regclass`,
    `"${part.table}"`,
  );
  if (keys.some((k) => k.width !== 1)) return null;
  // A key the import leaves out (an award's model) is NULL in every moved row: nothing to check,
  // unless the column has a default.
  const staged = keys.filter((k) => k.column in part.columns);
  if (keys.some((k) => !(k.column in part.columns) && k.hasDefault)) return null;
  return { keys: staged, addRollups: grouped.add };
}

/**
 * Records per INSERT of the move. One statement for 20,000 rows would keep the event loop (PGlite
 * runs on it) for ~0.4 s, and for seconds on a loaded machine: /healthz and cached reads, which
 * need no database, answer between these.
 */
const MOVE_CHUNK = 2_000;

/** Moves the staged rows into the table, MOVE_CHUNK records per statement (by reserved id). */
async function insertMoved(tx: Tx, part: Part, staged: string, ids: number[]): Promise<void> {
  const { names } = columnLists(part.columns);
  const insert = `INSERT INTO "${part.table}" (${names}${part.touchesUpdatedAt ? ', "updatedAt"' : ""})
    SELECT ${names}${part.touchesUpdatedAt ? ", now()" : ""} FROM ${staged}
    WHERE "${part.idColumn}" BETWEEN $1 AND $2`;
  // Sorted, so that the ranges cover every id exactly once.
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += MOVE_CHUNK) {
    const last = sorted[Math.min(i + MOVE_CHUNK, sorted.length) - 1];
    await tx.$executeRawUnsafe(insert, sorted[i], last);
    await yieldToOthers();
  }
}

async function moveStaged(tx: Tx, { part, staged, held }: Move, ids: number[]): Promise<void> {
  if (!held) {
    // Every trigger runs, row by row, as for any write.
    await insertMoved(tx, part, staged, ids);
    return;
  }
  await checkReferences(tx, staged, held.keys);
  await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
  await insertMoved(tx, part, staged, ids);
  await tx.$executeRawUnsafe("SET LOCAL session_replication_role = origin");
  for (const add of held.addRollups) {
    const statement = add.replaceAll("STAGED", staged);
    if (statement.trimStart().startsWith("INSERT")) await tx.$executeRawUnsafe(statement);
    else await tx.$queryRawUnsafe(`SELECT count(*)::int AS groups FROM (${statement}) added`);
  }
}

/**
 * The foreign-key checks the held triggers would have made, one query per key over all the rows.
 * A referenced row gone since the file was checked (a unit deleted while the import was staged)
 * fails the import, which then writes nothing.
 */
async function checkReferences(tx: Tx, staged: string, keys: ForeignKey[]) {
  for (const k of keys) {
    const [missing] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${staged} s WHERE s."${k.column}" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${k.references} r WHERE r."${k.key}" = s."${k.column}")`,
    );
    if ((missing?.n ?? 0) > 0) {
      const text = importText("removedDuringImport", { rows: missing?.n ?? 0 });
      throw new InputError([{ path: ["input", "content"], message: text.vi, en: text.en }]);
    }
  }
}
