import type { Prisma } from "@d05/prisma";
import type { ActivityRecord, AwardRecord, ImportKind, ModelRecord } from "./kinds";

type Tx = Prisma.TransactionClient;

/**
 * Rows per INSERT. Small enough that one statement keeps the event loop for a fraction of a second
 * on embedded PGlite (PostgreSQL compiled to WebAssembly runs on this thread), and the import
 * yields between statements so other requests are served meanwhile.
 */
const CHUNK = 250;

/** Ids of the records written, in file order, with the unit each belongs to. */
export interface Written {
  ids: number[];
  unitIds: number[];
}

/** A column of a bulk INSERT and its SQL type (an enum's type name, quoted). */
type Columns = Record<string, string>;

const ACTIVITY: Columns = {
  id: "int",
  unitId: "int",
  themeId: "int",
  kind: '"ActivityKind"',
  title: "text",
  occurredOn: "date",
  sessions: "int",
  attendance: "int",
  notes: "text",
  createdById: "int",
};
const AWARD: Columns = {
  id: "int",
  unitId: "int",
  recipientKind: '"RecipientKind"',
  recipientName: "text",
  recipientCount: "int",
  level: '"AwardLevel"',
  form: '"AwardForm"',
  issuer: "text",
  awardedOn: "date",
  emulationYear: "int",
  ground: '"AwardGround"',
  reason: "text",
  themeId: "int",
  createdById: "int",
};
const MODEL: Columns = {
  id: "int",
  unitId: "int",
  name: "text",
  sector: '"ModelSector"',
  level: '"ModelLevel"',
  programme: "text",
  leadOrganisation: '"LeadOrganisation"',
  startedOn: "date",
  status: '"ModelStatus"',
  description: "text",
  createdById: "int",
};
const STATUS_CHANGE: Columns = {
  modelId: "int",
  status: '"ModelStatus"',
  effectiveOn: "date",
  note: "text",
};
const CONTRIBUTION: Columns = {
  modelId: "int",
  recordedOn: "date",
  participants: "int",
  moneyVnd: "bigint",
  landM2: "int",
  workdays: "int",
};

/** JSON for jsonb_to_recordset: days as YYYY-MM-DD, big integers as text. */
function toJsonRows(rows: Record<string, unknown>[]): string {
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          value instanceof Date
            ? value.toISOString().slice(0, 10)
            : typeof value === "bigint"
              ? value.toString()
              : value,
        ]),
      ),
    ),
  );
}

/**
 * One INSERT ... SELECT over jsonb_to_recordset per chunk: a single bind parameter instead of one
 * per cell, and no per-row work in the client (Prisma's createMany spent ~1.3 s per 1,000 rows
 * on PGlite building and binding the statement; this takes ~0.3 s).
 */
async function insertRows(
  tx: Tx,
  table: string,
  columns: Columns,
  rows: Record<string, unknown>[],
  touchesUpdatedAt: boolean,
): Promise<void> {
  const names = Object.keys(columns);
  const target = names.map((n) => `"${n}"`).join(", ");
  const shape = names.map((n) => `"${n}" ${columns[n]}`).join(", ");
  const sql = `INSERT INTO "${table}" (${target}${touchesUpdatedAt ? ', "updatedAt"' : ""})
    SELECT ${target}${touchesUpdatedAt ? ", now()" : ""} FROM jsonb_to_recordset($1::jsonb) AS r(${shape})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRawUnsafe(sql, toJsonRows(rows.slice(i, i + CHUNK)));
    // Between statements: other requests (health checks, other users) get their turn.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Takes `n` ids from the table's sequence up front, so the bulk INSERTs can carry them: a model's
 * history and contribution rows need its id, and the change events name a record per unit,
 * without reading 20,000 rows back.
 */
async function reserveIds(tx: Tx, table: "Activity" | "Model" | "Award", n: number) {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    n,
  );
  return rows.map((r) => r.id);
}

/**
 * The rollups of the rows just inserted, added once per group of rows sharing a rollup key by the
 * database's own rollup_*_add functions (the ones the row triggers call), instead of once per row.
 */
const GROUPED_ROLLUPS = {
  Activity: `SELECT count(*)::int AS groups FROM (
    SELECT rollup_activity_add(g."unitId", g."occurredOn", g."kind", g."themeId", g.n, g.s, g.a)
    FROM (SELECT "unitId", "occurredOn", "kind", "themeId", count(*)::int AS n,
            sum("sessions")::bigint AS s, sum("attendance")::bigint AS a
          FROM "Activity" WHERE "id" = ANY($1::int[]) GROUP BY 1, 2, 3, 4
          ORDER BY 1, 2, 3, 4 LIMIT $2 OFFSET $3) g) added`,
  Award: `SELECT count(*)::int AS groups FROM (
    SELECT rollup_award_add(g."unitId", g."awardedOn", g."emulationYear", g."level", g."form",
            g."recipientKind", g."themeId", g."ground", g.n, g.c)
    FROM (SELECT "unitId", "awardedOn", "emulationYear", "level", "form", "recipientKind",
            "themeId", "ground", count(*)::int AS n, sum("recipientCount")::bigint AS c
          FROM "Award" WHERE "id" = ANY($1::int[]) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
          ORDER BY 1, 2, 3, 4, 5, 6, 7, 8 LIMIT $2 OFFSET $3) g) added`,
} as const;

/**
 * Inserts activity or award rows. On embedded PGlite, every statement runs on this thread and
 * every other query waits for the import's transaction, so the row trigger stands aside for the
 * import (inside the transaction: a failure or a crash restores it with everything else) and the
 * rollups are added per group: a 20,000-row import holds the database about half as long. On
 * PostgreSQL the triggers run as for any write.
 */
async function insertRecords(
  tx: Tx,
  table: "Activity" | "Award",
  columns: Columns,
  rows: Record<string, unknown>[],
  ids: number[],
  embedded: boolean,
): Promise<void> {
  if (!embedded) return insertRows(tx, table, columns, rows, true);
  await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER "${table}_rollup"`);
  await insertRows(tx, table, columns, rows, true);
  await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER "${table}_rollup"`);
  // A few hundred groups per statement, yielding between them like the inserts.
  for (let offset = 0; ; offset += CHUNK) {
    const [added] = await tx.$queryRawUnsafe<{ groups: number }[]>(
      GROUPED_ROLLUPS[table],
      ids,
      CHUNK,
      offset,
    );
    if ((added?.groups ?? 0) < CHUNK) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Bulk inserts of validated records, with their rollups, inside the caller's transaction. */
export async function writeRecords(
  tx: Tx,
  kind: ImportKind,
  records: unknown[],
  createdById: number,
  embedded: boolean,
): Promise<Written> {
  if (kind === "ACTIVITIES") {
    const rows = records as ActivityRecord[];
    const ids = await reserveIds(tx, "Activity", rows.length);
    const data = rows.map((r, i) => ({ id: ids[i] as number, ...r, createdById }));
    await insertRecords(tx, "Activity", ACTIVITY, data, ids, embedded);
    return { ids, unitIds: rows.map((r) => r.unitId) };
  }
  if (kind === "AWARDS") {
    const rows = records as AwardRecord[];
    const ids = await reserveIds(tx, "Award", rows.length);
    const data = rows.map((r, i) => ({ id: ids[i] as number, ...r, createdById }));
    await insertRecords(tx, "Award", AWARD, data, ids, embedded);
    return { ids, unitIds: rows.map((r) => r.unitId) };
  }
  const rows = records as ModelRecord[];
  const ids = await reserveIds(tx, "Model", rows.length);
  const models = rows.map(({ contribution: _c, ...m }, i) => ({
    id: ids[i] as number,
    ...m,
    createdById,
  }));
  await insertRows(tx, "Model", MODEL, models, true);
  // The first step of each lifecycle, as registerModel writes it.
  const history = rows.map((m, i) => ({
    modelId: ids[i] as number,
    status: m.status,
    effectiveOn: m.startedOn,
    note: "Đăng ký (registered)",
  }));
  await insertRows(tx, "ModelStatusChange", STATUS_CHANGE, history, false);
  const contributions = rows.flatMap((m, i) =>
    m.contribution ? [{ modelId: ids[i] as number, ...m.contribution }] : [],
  );
  await insertRows(tx, "ModelContribution", CONTRIBUTION, contributions, false);
  return { ids, unitIds: rows.map((r) => r.unitId) };
}
