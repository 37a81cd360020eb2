// How an import's validated records reach the tables: the rows of each table (its "parts"), and
// the PostgreSQL path that writes them inside the import's transaction. The embedded PGlite path
// (staged-write.ts) writes the same parts in another way.
import type { Prisma } from "@d05/prisma";
import type { ActivityRecord, AwardRecord, ImportKind, ModelRecord } from "./kinds";

export type Tx = Prisma.TransactionClient;

/** Something that runs SQL: the client itself or a transaction's. */
export type Sql = Pick<Tx, "$executeRawUnsafe" | "$queryRawUnsafe">;

/**
 * Rows per INSERT. Small enough that one statement keeps the event loop for a fraction of a second
 * on embedded PGlite (PostgreSQL compiled to WebAssembly runs on this thread), and the import
 * yields between statements so other requests are served meanwhile.
 */
export const CHUNK = 250;

/** Ids of the records written, in file order, with the unit each belongs to. */
export interface Written {
  ids: number[];
  unitIds: number[];
}

/** A column of a bulk INSERT and its SQL type (an enum's type name, quoted). */
export type Columns = Record<string, string>;

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
  landM2: "int",
  landValueVnd: "bigint",
  cashVnd: "bigint",
  inKindVnd: "bigint",
  workdays: "int",
};

/** JSON for jsonb_to_recordset: days as YYYY-MM-DD, big integers as text. */
export function toJsonRows(rows: Record<string, unknown>[]): string {
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

/** The rows one table receives from an import. */
export interface Part {
  table: "Activity" | "Award" | "Model" | "ModelStatusChange" | "ModelContribution";
  columns: Columns;
  rows: Record<string, unknown>[];
  /** The table has an `updatedAt` column, set to now(). */
  touchesUpdatedAt: boolean;
  /** The column holding the record's reserved id (ascending in file order). */
  idColumn: "id" | "modelId";
}

/** `"a", "b"` and `"a" int, "b" text`: a part's column list and its jsonb_to_recordset shape. */
export function columnLists(columns: Columns): { names: string; shape: string } {
  const names = Object.keys(columns);
  return {
    names: names.map((n) => `"${n}"`).join(", "),
    shape: names.map((n) => `"${n}" ${columns[n]}`).join(", "),
  };
}

/** Lets other requests (health checks, other users) have their turn between statements. */
export const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Takes `n` ids from the table's sequence up front, so the bulk INSERTs can carry them: a model's
 * history and contribution rows need its id, and the change events name a record per unit,
 * without reading 20,000 rows back.
 */
export async function reserveIds(sql: Sql, kind: ImportKind, n: number): Promise<number[]> {
  const table = kind === "ACTIVITIES" ? "Activity" : kind === "AWARDS" ? "Award" : "Model";
  const rows = await sql.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    n,
  );
  return rows.map((r) => r.id);
}

/** The rows of each table an import writes, in the order they must be inserted. */
export function partsOf(
  kind: ImportKind,
  records: unknown[],
  ids: number[],
  createdById: number,
): Part[] {
  if (kind === "ACTIVITIES") {
    const rows = (records as ActivityRecord[]).map((r, i) => ({ id: ids[i], ...r, createdById }));
    return [{ table: "Activity", columns: ACTIVITY, rows, touchesUpdatedAt: true, idColumn: "id" }];
  }
  if (kind === "AWARDS") {
    const rows = (records as AwardRecord[]).map((r, i) => ({ id: ids[i], ...r, createdById }));
    return [{ table: "Award", columns: AWARD, rows, touchesUpdatedAt: true, idColumn: "id" }];
  }
  const models = records as ModelRecord[];
  return [
    {
      table: "Model",
      columns: MODEL,
      rows: models.map(({ contribution: _c, ...m }, i) => ({ id: ids[i], ...m, createdById })),
      touchesUpdatedAt: true,
      idColumn: "id",
    },
    {
      // The first step of each lifecycle, as registerModel writes it.
      table: "ModelStatusChange",
      columns: STATUS_CHANGE,
      rows: models.map((m, i) => ({
        modelId: ids[i],
        status: m.status,
        effectiveOn: m.startedOn,
        note: "Đăng ký (registered)",
      })),
      touchesUpdatedAt: false,
      idColumn: "modelId",
    },
    {
      table: "ModelContribution",
      columns: CONTRIBUTION,
      rows: models.flatMap((m, i) =>
        m.contribution ? [{ modelId: ids[i], ...m.contribution }] : [],
      ),
      touchesUpdatedAt: false,
      idColumn: "modelId",
    },
  ];
}

/** The unit of each record, in file order. */
export function unitIdsOf(records: unknown[]): number[] {
  return (records as { unitId: number }[]).map((r) => r.unitId);
}

/**
 * One INSERT ... SELECT over jsonb_to_recordset per chunk: a single bind parameter instead of one
 * per cell, and no per-row work in the client (Prisma's createMany spent ~1.3 s per 1,000 rows
 * on PGlite building and binding the statement; this takes ~0.3 s).
 */
export async function insertChunks(sql: Sql, into: string, part: Part): Promise<void> {
  // `into` is quoted by the caller: a table of the schema, or a temporary one (pg_temp."…").
  const { names, shape } = columnLists(part.columns);
  const statement = `INSERT INTO ${into} (${names}${part.touchesUpdatedAt ? ', "updatedAt"' : ""})
    SELECT ${names}${part.touchesUpdatedAt ? ", now()" : ""} FROM jsonb_to_recordset($1::jsonb) AS r(${shape})`;
  for (let i = 0; i < part.rows.length; i += CHUNK) {
    await sql.$executeRawUnsafe(statement, toJsonRows(part.rows.slice(i, i + CHUNK)));
    await yieldToOthers();
  }
}

/**
 * PostgreSQL: bulk inserts of validated records inside the caller's transaction; the row triggers
 * keep the rollups (other sessions read the committed state meanwhile, so nobody waits).
 */
export async function writeRecords(
  tx: Tx,
  kind: ImportKind,
  records: unknown[],
  createdById: number,
): Promise<Written> {
  const ids = await reserveIds(tx, kind, records.length);
  for (const part of partsOf(kind, records, ids, createdById)) {
    await insertChunks(tx, `"${part.table}"`, part);
  }
  return { ids, unitIds: unitIdsOf(records) };
}
