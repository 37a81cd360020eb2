// The database side of the demo: one INSERT per table inside one transaction, sequences moved
// past the explicit ids, rollups rebuilt once, and a reset that empties every domain table.
import { Prisma, type PrismaClient } from "../generated/client.ts";
import type { DemoData } from "./builder";

/** Tables whose ids the seed assigns itself; their sequences must continue after them. */
const TABLES_WITH_IDS = [
  "Unit",
  "Theme",
  "User",
  "Activity",
  "Model",
  "ModelStatusChange",
  "ModelContribution",
  "Commitment",
  "Award",
] as const satisfies readonly Prisma.ModelName[];

/** Tables of records, whose triggers (if any) keep the analytics rollups. */
const RECORD_TABLES = [
  "Activity",
  "Model",
  "ModelStatusChange",
  "ModelContribution",
  "Commitment",
  "Award",
] as const satisfies readonly Prisma.ModelName[];

type Transaction = Prisma.TransactionClient;

/**
 * Inserts rows typed as Prisma's createMany input in one statement: the rows travel as a single
 * JSON parameter and PostgreSQL casts each field to its column's type. createMany binds one
 * parameter per value and took 5–8× longer for the same rows on PGlite (seconds, not a second).
 * Columns left out of the rows get their defaults.
 */
async function insertRows(tx: Transaction, table: Prisma.ModelName, rows: object[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const signature = columns.join(",");
  for (const row of rows) {
    if (Object.keys(row).join(",") !== signature)
      throw new Error(`${table} rows differ in columns`);
  }
  const list = columns.map((column) => `"${column}"`).join(", ");
  const json = JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    json,
  );
  if (inserted !== rows.length)
    throw new Error(`${table}: inserted ${inserted} of ${rows.length} rows`);
}

export async function writeDemo(
  prisma: PrismaClient,
  data: DemoData,
  users: Prisma.UserCreateManyInput[],
): Promise<void> {
  // Units and accounts are created now; records carry their own (deterministic) entry times.
  const now = new Date();
  const stamped = <T extends object>(rows: T[]) =>
    rows.map((row) => ({ ...row, createdAt: now, updatedAt: now }));
  await prisma.$transaction(
    async (tx) => {
      // Parents before children: every foreign key points at a table already written.
      await insertRows(tx, "Unit", stamped(data.units));
      await insertRows(tx, "UnitClosure", data.closures);
      // The units' membership histories replace the single entry their insert trigger wrote; the
      // units already hold today's figure, so the trigger that copies it back stands aside.
      await tx.$executeRawUnsafe(`ALTER TABLE "UnitMembership" DISABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`DELETE FROM "UnitMembership"`);
      await insertRows(tx, "UnitMembership", data.memberships);
      await tx.$executeRawUnsafe(`ALTER TABLE "UnitMembership" ENABLE TRIGGER USER`);
      await insertRows(tx, "Theme", data.themes);
      await insertRows(tx, "User", stamped(users));
      // Row-by-row rollup triggers would cost more than the load itself; when the schema offers
      // rebuild_rollups(), load with them off and rebuild once (the route the rollups'
      // migration documents for bulk loads). DDL is transactional: nothing leaks on failure.
      const [{ rebuild } = { rebuild: false }] = await tx.$queryRawUnsafe<{ rebuild: boolean }[]>(
        `SELECT to_regproc('rebuild_rollups') IS NOT NULL AS rebuild`,
      );
      if (rebuild) {
        for (const table of RECORD_TABLES) {
          await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
        }
      }
      await insertRows(tx, "Activity", data.activities);
      await insertRows(tx, "Model", data.models);
      await insertRows(tx, "ModelStatusChange", data.statusChanges);
      await insertRows(tx, "ModelContribution", data.contributions);
      await insertRows(tx, "Commitment", data.commitments);
      await insertRows(tx, "Award", data.awards);
      if (rebuild) {
        for (const table of RECORD_TABLES) {
          await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
        }
        await tx.$queryRawUnsafe(`SELECT rebuild_rollups()::text`);
      }
      // Explicit ids leave the serial sequences at 1; the next insert would collide without this.
      const resets = TABLES_WITH_IDS.map(
        (table) =>
          `setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      );
      await tx.$queryRawUnsafe(`SELECT ${resets.join(", ")}`);
    },
    // Embedded PGlite on a slow laptop: give the one big transaction room.
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/** True when the database holds no unit at all: a fresh install, ready for the demo. */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.unit.findFirst({ select: { id: true } })) === null;
}

/**
 * Deletes every row of every model's table and restarts their ids, for `pnpm db:seed`. Table names
 * are the model names (the schema maps none); CASCADE also empties any table that references them.
 */
export async function clearDatabase(prisma: PrismaClient): Promise<void> {
  const tables = Object.values(Prisma.ModelName).map((name) => `"${name}"`);
  await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
}
