// Writes a backup of a live database from ONE snapshot. PostgreSQL: a REPEATABLE READ, READ ONLY
// transaction sees every table as of its first query while writes go on; no lock beyond ACCESS
// SHARE is taken. Embedded PGlite: a clone of the engine (PGlite's own clone(): a copy of its
// files taken between two queries, recovered like after a crash, so only committed transactions
// are in it); the clone is read while the server keeps serving.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Database } from "../db";
import { PrismaClient } from "../generated/client.ts";
import { appliedMigrations } from "../migrate/status";
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from "./format";

/** Rows fetched per round trip from the snapshot's cursor. */
const FETCH_ROWS = 2_000;

/** The Prisma calls a dump needs (a client or an interactive transaction). */
interface Sql {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

export type DumpProgress = (rowsDone: number, rowsTotal: number) => void;

/** Every table of the application (Prisma's own migration table travels in the header). */
export async function applicationTables(sql: Sql): Promise<string[]> {
  const rows = await sql.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes the backup lines of `sql` (already inside its snapshot) to `write`. */
async function* backupLinesOf(
  sql: Sql,
  source: string,
  progress?: DumpProgress,
): AsyncGenerator<string> {
  const names = await applicationTables(sql);
  const tables: BackupHeader["tables"] = [];
  for (const name of names) {
    const [count] = await sql.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${quote(name)}`,
    );
    tables.push({ name, rows: Number(count?.n ?? 0) });
  }
  const total = tables.reduce((n, t) => n + t.rows, 0);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    source,
    migrations: await appliedMigrations(sql),
    tables,
  };
  const hash = createHash("sha256");
  const emit = (line: string) => {
    hash.update(`${line}\n`);
    return `${line}\n`;
  };
  yield emit(JSON.stringify(header));
  let done = 0;
  progress?.(0, total);
  for (const table of tables) {
    yield emit(JSON.stringify({ table: table.name, rows: table.rows }));
    await sql.$executeRawUnsafe(
      `DECLARE d05_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quote(table.name)} t`,
    );
    let written = 0;
    for (;;) {
      const batch = await sql.$queryRawUnsafe<{ j: string }[]>(
        `FETCH ${FETCH_ROWS} FROM d05_backup`,
      );
      if (!batch.length) break;
      // Rows added after the count cannot appear (one snapshot); the count is the contract.
      for (const row of batch.slice(0, table.rows - written)) yield emit(row.j);
      written += batch.length;
      done += batch.length;
      progress?.(Math.min(done, total), total);
    }
    await sql.$executeRawUnsafe("CLOSE d05_backup");
    if (written !== table.rows) {
      throw new Error(`${table.name} changed during the backup: the snapshot was not held.`);
    }
  }
  yield `${JSON.stringify({ end: true, rows: total, sha256: hash.digest("hex") })}\n`;
}

/**
 * Streams a consistent backup of `database` (gzip) into `out` (a file path or a writable stream).
 * Resolves with the header written.
 */
export async function dumpDatabase(
  database: Database,
  out: NodeJS.WritableStream | string,
  progress?: DumpProgress,
): Promise<void> {
  const target = typeof out === "string" ? fs.createWriteStream(out) : out;
  if (database.pglite) {
    // A private copy: the server's own engine is held only for the moment of copying its files.
    const clone = (await database.pglite.clone()) as PGlite;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(clone) });
    try {
      await prisma.$transaction(
        async (tx) => {
          await pipeline(backupLinesOf(tx, "pglite", progress), createGzip(), target);
        },
        { timeout: 24 * 3600_000, maxWait: 60_000 },
      );
    } finally {
      await prisma.$disconnect();
      await clone.close();
    }
    return;
  }
  await database.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      await pipeline(backupLinesOf(tx, "postgres", progress), createGzip(), target);
    },
    { timeout: 24 * 3600_000, maxWait: 60_000 },
  );
}
