// The audit_scope migration on a database that already holds audit entries: each gets the unit of
// the record it describes (from its snapshot first, else the record as it is now, else the unit of
// the account that wrote as it was then) and that unit's ancestors.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@d05/prisma";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backends, createEmptyPostgresDatabase } from "../support/databases";
import { repoRoot } from "../support/processes";

const MIGRATIONS = path.join(repoRoot, "prisma", "migrations");
const folders = fs
  .readdirSync(MIGRATIONS)
  .filter((name) => fs.existsSync(path.join(MIGRATIONS, name, "migration.sql")))
  .sort();
const AUDIT_SCOPE = folders.findIndex((name) => name.endsWith("_audit_scope"));
const sqlOf = (name: string) =>
  fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");

/** An empty database of either backend, spoken to in plain SQL (scripts of many statements). */
interface SqlClient {
  script(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function emptyDatabase(backend: Backend): Promise<SqlClient> {
  if (backend === "pglite") {
    const db = await openDatabase({ kind: "memory" });
    const adapter = await db.adapterFactory.connect();
    return {
      script: (sql) => adapter.executeScript(sql),
      query: (sql) => db.prisma.$queryRawUnsafe(sql),
      async close() {
        await adapter.dispose();
        await db.close();
      },
    };
  }
  // pg's simple query protocol runs a whole script (Prisma's pg adapter splits it at each `;`).
  const database = await createEmptyPostgresDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    script: async (sql) => void (await client.query(sql)),
    query: async (sql) => (await client.query(sql)).rows,
    async close() {
      await client.end();
      await database.drop();
    },
  };
}

describe.each(backends)("the audit_scope migration on existing entries (%s)", (backend) => {
  let client: SqlClient;

  beforeAll(async () => {
    client = await emptyDatabase(backend);
    expect(AUDIT_SCOPE).toBeGreaterThan(0);
    // The database as it was before: every earlier migration.
    for (const name of folders.slice(0, AUDIT_SCOPE)) await client.script(sqlOf(name));

    // Province 1 with communes 2 (A) and 3 (B); chi bộ 4 moved from A to B; a reporter (1) moved
    // from A to B after an import; an admin (2) of the province.
    await client.script(`
      INSERT INTO "Unit" ("id", "code", "name", "kind", "parentId", "path", "depth", "updatedAt") VALUES
        (1, 'P', 'Tỉnh', 'PROVINCE', NULL, '/1/', 0, now()),
        (2, 'A', 'Xã A', 'COMMUNE', 1, '/1/2/', 1, now()),
        (3, 'B', 'Xã B', 'COMMUNE', 1, '/1/3/', 1, now()),
        (4, 'C', 'Chi bộ', 'PARTY_CELL', 3, '/1/3/4/', 2, now());
      INSERT INTO "UnitClosure" ("ancestorId", "descendantId", "distance") VALUES
        (1, 1, 0), (2, 2, 0), (3, 3, 0), (4, 4, 0), (1, 2, 1), (1, 3, 1), (3, 4, 1), (1, 4, 2);
      INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "role", "unitId", "updatedAt") VALUES
        (1, 'rep', 'rep', 'x', 'REPORTER', 3, now()),
        (2, 'admin', 'admin', 'x', 'ADMIN', 1, now());
      INSERT INTO "Activity" ("id", "unitId", "kind", "title", "occurredOn", "attendance", "updatedAt")
        VALUES (10, 3, 'CONFERENCE', 'Hội nghị', '2025-03-15', 10, now());
      INSERT INTO "AuditLog" ("id", "userId", "action", "entity", "entityId", "before", "after") VALUES
        (1, 1, 'recordActivity', 'Activity', '10', NULL, '{"unitId": 2, "title": "Hội nghị"}'),
        (2, 2, 'correctActivity', 'Activity', '10', '{"unitId": 2}', '{"unitId": 3}'),
        (3, 1, 'deleteActivity', 'Activity', '11', '{"unitId": 2}', NULL),
        (4, 1, 'setStatus', 'Activity', '10', '{"status": "A"}', '{"status": "B"}'),
        (5, 2, 'moveUnit', 'Unit', '4', '{"parentId": 2}', '{"parentId": 3}'),
        (6, 1, 'importRecords', 'Activity', 'abc123', NULL, '{"rows": 5}'),
        (7, 2, 'updateUser', 'User', '1', '{"unitId": 2}', '{"unitId": 3}'),
        (8, 1, 'importRecords', 'Activity', 'def456', NULL, '{"rows": 2}'),
        (9, NULL, 'seed', 'Unit', NULL, NULL, NULL);
      SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), 9);
    `);
    await client.script(sqlOf(folders[AUDIT_SCOPE] as string));
  });
  afterAll(() => client?.close());

  it("gives every existing entry the unit of its record and that unit's ancestors", async () => {
    const rows = await client.query<{ id: bigint; unitId: number | null; unitPath: number[] }>(
      `SELECT "id", "unitId", "unitPath" FROM "AuditLog" ORDER BY "id"`,
    );
    expect(rows.map((r) => [Number(r.id), r.unitId, r.unitPath])).toEqual([
      [1, 2, [1, 2]], // the snapshot's unit, not the writer's (now B)
      [2, 3, [1, 2, 3]], // a move: both communes
      [3, 2, [1, 2]], // a deletion: the unit before
      [4, 3, [1, 3]], // no unit in the snapshot: the record as it is now
      [5, 4, [1, 2, 3, 4]], // a unit's move: the unit, its old and new parents
      [6, 2, [1, 2]], // an import: the writer's unit then (A, before the move of entry 7)
      [7, 3, [1, 2, 3]], // an account's move: both sides
      [8, 3, [1, 3]], // an import after the move: the writer's unit since
      [9, null, []], // nothing to go by: top-level administrators only
    ]);
  });

  it("scopes entries written after it by the same rules", async () => {
    const rows = await client.query<{ unitId: number; unitPath: number[] }>(
      `INSERT INTO "AuditLog" ("userId", "action", "entity", "entityId", "after")
       VALUES (2, 'recordActivity', 'Activity', '12', '{"unitId": 4}')
       RETURNING "unitId", "unitPath"`,
    );
    expect(rows[0]).toEqual({ unitId: 4, unitPath: [1, 3, 4] });
  });
});
