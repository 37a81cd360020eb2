// Runs once before the node test files: builds the migrated database every test file starts
// from, so that each file copies it instead of migrating its own. A fresh in-memory PGlite costs
// seconds of CPU (initdb, then the migrations through the schema engine); loading a dumped image
// costs a fraction of one. On PostgreSQL, CREATE DATABASE … TEMPLATE copies the migrated
// catalogue. The test files find both through the environment (databases.ts), which the worker
// processes, and the server processes tests spawn, inherit.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, openDatabase } from "@d05/prisma";
import { adminQuery, POSTGRES_ADMIN_URL, withDatabase } from "./databases";

export const PGLITE_IMAGE_ENV = "D05_TEST_PGLITE_IMAGE";
export const POSTGRES_TEMPLATE_ENV = "D05_TEST_POSTGRES_TEMPLATE";

export default async function setup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "d05-test-"));
  const imagePath = path.join(dir, "pglite-migrated.tar");
  const pglite = await openDatabase({ kind: "memory" });
  await applyMigrations(pglite.adapterFactory);
  // A memory database is always PGlite.
  const image = await pglite.pglite!.dumpDataDir("none");
  fs.writeFileSync(imagePath, Buffer.from(await image.arrayBuffer()));
  await pglite.close();
  process.env[PGLITE_IMAGE_ENV] = imagePath;

  const template = `d05_template_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  const postgres = await openDatabase({
    kind: "postgres",
    url: withDatabase(POSTGRES_ADMIN_URL, template),
  });
  await applyMigrations(postgres.adapterFactory);
  await postgres.close();
  process.env[POSTGRES_TEMPLATE_ENV] = template;

  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
