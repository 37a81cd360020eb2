// Restores a backup into a database, whole or not at all: the file is verified completely first
// (checksum, counts); the database is then brought to the backup's schema version, loaded in one
// transaction with triggers off (the rollups come from the file, then are rebuilt from the raw
// records with rebuild_rollups(), so they are right even if the file's were not), sequences moved
// past the restored ids, and the later migrations of this build applied.
import type { Database } from "../db";
import { applyMigrations } from "../migrate";
import { appliedMigrations, knownMigrations } from "../migrate/status";
import { applicationTables } from "./dump";
import { BackupError, type BackupHeader, backupLines, verifyBackup } from "./format";

/** Rows sent per INSERT … json_populate_recordset. */
const INSERT_ROWS = 1_000;

export interface RestoreOptions {
  /** Replace a database that holds data (default: refuse it). */
  replace?: boolean;
  progress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: number;
  /** Migrations applied after loading (the backup came from an older version). */
  migratedForward: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function restoreDatabase(
  database: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const header = await verifyBackup(file);
  const known = knownMigrations();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupError(
      `Tệp sao lưu đến từ phiên bản mới hơn (lược đồ có migration chưa biết: ${unknown.join(", ")}); hãy cập nhật phần mềm rồi khôi phục. Không có dữ liệu nào được ghi. / ` +
        `The backup comes from a newer version (unknown migrations: ${unknown.join(", ")}); upgrade this software, then restore. Nothing was written.`,
    );
  }
  const prisma = database.prisma;
  if (!options.replace && (await holdsData(database))) {
    throw new BackupError(
      "Cơ sở dữ liệu đích đang có dữ liệu; thêm --replace để thay thế toàn bộ. Không có dữ liệu nào được ghi. / " +
        "The target database holds data; pass --replace to replace all of it. Nothing was written.",
    );
  }

  // Start from an empty schema at the backup's version (a database migrated further cannot go back).
  await prisma.$executeRawUnsafe("DROP SCHEMA IF EXISTS public CASCADE");
  await prisma.$executeRawUnsafe("CREATE SCHEMA public");
  await applyMigrations(database.adapterFactory, header.migrations);

  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  let done = 0;
  options.progress?.(0, total);
  await prisma.$transaction(
    async (tx) => {
      // Triggers (rollup upkeep, and the foreign-key checks) off while the rows go in: the rows
      // were consistent in their snapshot, in whatever order the tables come.
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica").catch(() => {
        throw new BackupError(
          "Khôi phục cần quyền superuser của PostgreSQL (để tạm tắt trigger khi nạp dữ liệu); hãy dùng DATABASE_URL với người dùng postgres. / " +
            "Restoring needs a PostgreSQL superuser (to turn triggers off while loading); use a DATABASE_URL with the postgres user.",
        );
      });
      // The year rollups' triggers fire even with the others held (they follow the import's
      // replica-role moves): told a rebuild is under way, they stand aside too, and
      // rebuild_rollups() below recomputes the year rows with the rest.
      await tx.$executeRawUnsafe("SELECT set_config('d05.rebuilding_rollups', 'on', true)");
      let table: { name: string; rows: number; seen: number } | undefined;
      let batch: string[] = [];
      const flush = async () => {
        if (!table || !batch.length) return;
        await tx.$executeRawUnsafe(
          `INSERT INTO ${quote(table.name)} SELECT * FROM json_populate_recordset(NULL::${quote(table.name)}, $1::json)`,
          `[${batch.join(",")}]`,
        );
        done += batch.length;
        batch = [];
        options.progress?.(done, total);
      };
      let first = true;
      for await (const { line } of backupLines(file)) {
        if (first) {
          first = false;
          continue;
        }
        if (table && table.seen < table.rows) {
          batch.push(line);
          table.seen += 1;
          if (batch.length >= INSERT_ROWS) await flush();
          continue;
        }
        await flush();
        const marker = JSON.parse(line);
        if (marker.end) break;
        table = { name: marker.table, rows: marker.rows, seen: 0 };
      }
      await flush();
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = origin");
      await resetSequences(tx);
    },
    { timeout: 24 * 3600_000, maxWait: 60_000 },
  );

  const migratedForward = await applyMigrations(database.adapterFactory);
  // Derived tables recomputed from the raw records (and checked by the tests against plain SQL).
  await prisma.$executeRawUnsafe("SELECT rebuild_rollups()");
  return { header, rows: total, migratedForward };
}

/** True when any application table has a row (a server's start alone leaves them empty). */
async function holdsData(database: Database): Promise<boolean> {
  const applied = await appliedMigrations(database.prisma);
  if (!applied.length) return false;
  for (const name of await applicationTables(database.prisma)) {
    const rows = await database.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM ${quote(name)} LIMIT 1`,
    );
    if (rows.length) return true;
  }
  return false;
}

/** Every serial/identity sequence moved past the largest id restored. */
async function resetSequences(tx: {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}): Promise<void> {
  const columns = await tx.$queryRawUnsafe<{ tbl: string; col: string; seq: string }[]>(
    `SELECT c.table_name AS tbl, c.column_name AS col,
            pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
     FROM information_schema.columns c
     WHERE c.table_schema = current_schema()
       AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const { tbl, col, seq } of columns) {
    await tx.$queryRawUnsafe(
      `SELECT setval($1::regclass, COALESCE((SELECT max(${quote(col)}) FROM ${quote(tbl)}), 0) + 1, false)`,
      seq,
    );
  }
}
