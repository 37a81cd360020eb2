// pnpm db:backup of a live database while writes run, then pnpm db:restore into an empty one:
// every table of the file comes back as it was, the snapshot is consistent (each write whole, the
// rollups in the file equal the ones rebuilt from its raw records), an analytics answer on the
// restored database agrees with its raw rows, and the live source is what the backup saw plus
// later writes. A damaged file is refused with a clear message and nothing is written.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { applyMigrations, type Database, openDatabase, repositoryRoot } from "@d05/prisma";
import { backupLines, restoreDatabase } from "@d05/prisma/backup";
import { afterAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld } from "../api/records-fixtures";
import { activityFigures } from "../hardening/faults-rollups";
import { graphql } from "../hardening/faults-support";
import { activityInput, RECORD } from "../live/helpers";
import { createEmptyPostgresDatabase, createTestDatabase } from "../support/databases";
import {
  type ProcessResult,
  runScript,
  type ServerProcess,
  spawnServer,
  stopServer,
} from "../support/processes";

const LOGIN = `mutation { login(username: "reporter-a", password: "mat-khau-thu-nghiem") {
  ... on MutationLoginSuccess { data { token } } } }`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "d05-backup-test-"));

function cli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return runScript(script, { NODE_ENV: "test", ...env }, 120_000, args);
}
const backup = (file: string, env: NodeJS.ProcessEnv) =>
  cli("prisma/src/cli/backup.ts", [file], env);
const restore = (file: string, env: NodeJS.ProcessEnv, ...flags: string[]) =>
  cli("prisma/src/cli/restore.ts", [file, ...flags], env);

/** Rows of every table in a backup file, each row parsed (so text formatting does not matter). */
async function tablesInFile(file: string): Promise<Map<string, unknown[]>> {
  const tables = new Map<string, unknown[]>();
  let current: { rows: unknown[]; left: number } | undefined;
  let first = true;
  for await (const { line } of backupLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (current && current.left > 0) {
      current.rows.push(JSON.parse(line));
      current.left -= 1;
      continue;
    }
    const marker = JSON.parse(line);
    if (marker.end) break;
    current = { rows: [], left: marker.rows };
    tables.set(marker.table, current.rows);
  }
  return tables;
}

async function tableRows(db: Database, table: string): Promise<unknown[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ j: string }[]>(
    `SELECT row_to_json(t)::text AS j FROM "${table}" t`,
  );
  return rows.map((r) => JSON.parse(r.j));
}

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

interface Side {
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  close(db: Database): Promise<void>;
  cleanUp(): Promise<void>;
}

async function postgresSource(): Promise<Side & { world: RecordsWorld }> {
  const database = await createTestDatabase("postgres");
  const world = await prepareRecordsWorld(database);
  return {
    world,
    env: { DATABASE_URL: database.url },
    open: async () => database.db,
    close: async () => {},
    cleanUp: () => database.drop(),
  };
}

async function pgliteSource(): Promise<Side & { world: RecordsWorld }> {
  const dataDir = fs.mkdtempSync(path.join(tmp, "source-"));
  const setup = await openDatabase({ kind: "pglite", dataDir });
  await applyMigrations(setup.adapterFactory);
  const world = await prepareRecordsWorld({
    backend: "pglite",
    db: setup,
    url: "",
    drop: async () => {},
  });
  await setup.close();
  return { world, ...pgliteSide(dataDir) };
}

function pgliteSide(dataDir: string): Side {
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    open: () => openDatabase({ kind: "pglite", dataDir }),
    close: (db) => db.close(),
    cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function emptyTarget(backend: "postgres" | "pglite"): Promise<Side> {
  if (backend === "pglite") return pgliteSide(path.join(tmp, `target-${Date.now()}`));
  const empty = await createEmptyPostgresDatabase();
  let opened: Database | undefined;
  return {
    env: { DATABASE_URL: empty.url },
    open: async () => {
      opened ??= await openDatabase({ kind: "postgres", url: empty.url });
      return opened;
    },
    close: async () => {},
    async cleanUp() {
      await opened?.close();
      await empty.drop();
    },
  };
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ["PostgreSQL", "postgres", postgresSource],
  ["PGlite (DATA_DIR)", "pglite", pgliteSource],
] as const)("backup and restore of a live %s database", (_name, backend, makeSource) => {
  const sides: Side[] = [];
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await stopServer(server);
    for (const side of sides) await side.cleanUp();
  });

  it("backs up while writes run and restores every table into an empty database", async () => {
    const source = await makeSource();
    sides.push(source);
    server = await spawnServer(source.env);
    const { url } = server;
    const login = await graphql<{ login: { data: { token: string } } }>(url, LOGIN);
    const token = login.body.data?.login.data.token as string;
    const unitId = gid("Unit", source.world.communeAId);

    // Writes keep landing, one after another, until the backup is done.
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        const reply = await graphql(url, RECORD, { input: activityInput(unitId, 7) }, token);
        if (reply.status !== 200) throw new Error(reply.text);
        written += 1;
      }
    })();
    while (written < 5) await new Promise((r) => setTimeout(r, 20));
    const file = path.join(tmp, `${backend}.d05backup`);
    const backedUp = await backup(file, source.env);
    writing = false;
    await writes;
    expect(backedUp.stderr).toMatch(/backed up [\d,]+ rows of \d+ tables/);
    expect(backedUp.code).toBe(0);
    if (backend === "pglite") expect(backedUp.stderr).toContain("through the server at");

    const target = await emptyTarget(backend);
    sides.push(target);
    const restored = await restore(file, target.env);
    expect(restored.stderr).toMatch(/restored [\d,]+ rows/);
    expect(restored.code).toBe(0);

    const inFile = await tablesInFile(file);
    expect(inFile.size).toBeGreaterThan(15);
    await stopServer(server);
    server = undefined;
    const sourceDb = await source.open();
    const targetDb = await target.open();
    try {
      // Every table comes back exactly as in the file; rollup tables, rebuilt from the raw rows on
      // restore, equal the ones the live database kept: the snapshot was consistent.
      for (const [table, rows] of inFile) {
        expect(sorted(await tableRows(targetDb, table)), table).toEqual(sorted(rows));
      }
      const activities = inFile.get("Activity") ?? [];
      const audits = (inFile.get("AuditLog") ?? []) as { entity?: string; action?: string }[];
      // Some of the concurrent writes are in it, each with its audit row; the source has more.
      expect(activities.length).toBeGreaterThanOrEqual(5);
      expect(activities.length).toBeLessThan(written);
      // The live source holds everything the backup saw (plus the writes after it).
      for (const table of ["Unit", "UnitClosure", "User", "Theme", "Activity"]) {
        const live = new Set(sorted(await tableRows(sourceDb, table)));
        for (const row of sorted(inFile.get(table) ?? [])) expect(live.has(row), table).toBe(true);
      }
      expect(audits.length).toBeGreaterThanOrEqual(activities.length);
      // An analytics answer on the restored database: rollup figures agree with the raw records.
      const figures = await activityFigures(targetDb, source.world.provinceId);
      expect(figures.rollup).toEqual(figures.raw);
      expect(figures.raw?.records).toBe(activities.length);
      // New records after a restore get fresh ids (sequences moved past the restored ones).
      await expect(
        targetDb.prisma.theme.create({
          data: { year: 2031, title: "Sau khôi phục", description: "" },
        }),
      ).resolves.toMatchObject({ year: 2031 });
    } finally {
      await source.close(sourceDb);
      await target.close(targetDb);
    }
  }, 300_000);

  it("refuses a damaged, a truncated or a newer file and writes nothing; migrates an older one", async () => {
    const file = path.join(tmp, `${backend}.d05backup`);
    const good = fs.readFileSync(file);
    const target = await emptyTarget(backend);
    sides.push(target);

    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    const truncated = good.subarray(0, Math.floor(good.length * 0.7));
    const lines = gunzipSync(good).toString("utf8").split("\n");
    const header = JSON.parse(lines[0] as string);
    /** A well-formed file (its checksum recomputed) from the given header and rows. */
    const rewrite = (first: { tables: { rows: number }[] }, rows: string[]) => {
      const body = [JSON.stringify(first), ...rows];
      const trailer = JSON.parse(lines.at(-2) as string);
      const sha256 = createHash("sha256")
        .update(body.map((l) => `${l}\n`).join(""))
        .digest("hex");
      const total = first.tables.reduce((n, t) => n + t.rows, 0);
      return gzipSync(
        [...body, JSON.stringify({ ...trailer, rows: total, sha256 }), ""].join("\n"),
      );
    };
    // Valid gzip, one row edited: only the checksum can tell.
    const edited = lines.map((l, i) =>
      i === 3 ? l.replace(/\d/, (d) => String((+d + 1) % 10)) : l,
    );
    const newer = rewrite(
      { ...header, migrations: [...header.migrations, "29990101000000_future"] },
      lines.slice(1, -2),
    );
    const write = (name: string, bytes: Buffer) => {
      const bad = path.join(tmp, `${backend}-${name}.d05backup`);
      fs.writeFileSync(bad, bytes);
      return bad;
    };

    // The command: exit 1, one line in both languages, no stack.
    const result = await restore(write("flipped", flipped), target.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bị hỏng.*damaged.*nothing was written/s);
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const db = await target.open();
    try {
      const cases = [
        ["truncated", truncated, /bị hỏng.*damaged/s],
        ["edited", gzipSync(edited.join("\n")), /SHA-256 mismatch/],
        ["newer", newer, /phiên bản mới hơn.*newer version.*29990101000000_future/s],
      ] as const;
      for (const [name, bytes, message] of cases) {
        await expect(restoreDatabase(db, write(name, bytes)), name).rejects.toThrow(message);
      }
      // Nothing was written: not even the migrations table.
      const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(row?.n).toBe(0);

      // A backup from the version before the last migration: restored at its version, then
      // migrated forward. Its file holds neither the tables that migration creates nor (as a
      // file from before figures_records would not) the membership history, which the restore's
      // rollup rebuild fills from the units' figures. (Fields a table did not have yet are
      // ignored on the way in, as an older file would not hold them.)
      const last = header.migrations.at(-1) as string;
      const lastSql = fs.readFileSync(
        path.join(repositoryRoot, "prisma", "migrations", last, "migration.sql"),
        "utf8",
      );
      const newTables = new Set(
        [...lastSql.matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1] as string),
      );
      const leftOut = new Set([...newTables, "UnitMembership"]);
      let skipping = 0;
      const olderRows = lines.slice(1, -2).filter((line) => {
        if (skipping > 0) {
          skipping -= 1;
          return false;
        }
        const marker = line.startsWith('{"table":') ? JSON.parse(line) : null;
        if (marker && leftOut.has(marker.table)) {
          skipping = marker.rows;
          return false;
        }
        return true;
      });
      const older = rewrite(
        {
          ...header,
          migrations: header.migrations.slice(0, -1),
          tables: header.tables.filter((t: { name: string }) => !leftOut.has(t.name)),
        },
        olderRows,
      );
      const summary = await restoreDatabase(db, write("older", older));
      expect(summary.migratedForward).toEqual([last]);
      const inFile = await tablesInFile(file);
      expect(sorted(await tableRows(db, "UnitClosure"))).toEqual(
        sorted(inFile.get("UnitClosure") ?? []),
      );
      // Each unit's membership history starts from its figure in the older file.
      expect((await tableRows(db, "UnitMembership")).length).toBeGreaterThan(0);
      // A database holding data is replaced only when asked.
      await expect(restoreDatabase(db, file)).rejects.toThrow(/--replace/);
      await expect(restoreDatabase(db, file, { replace: true })).resolves.toMatchObject({
        migratedForward: [],
      });
    } finally {
      await target.close(db);
    }
  }, 120_000);
});
