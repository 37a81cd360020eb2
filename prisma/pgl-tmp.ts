import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, openDatabase } from "./src/index.ts";

let t = performance.now();
const lap = (l: string) => {
  const n = performance.now();
  console.log(l, Math.round(n - t));
  t = n;
};
const p0 = await PGlite.create();
lap("bare PGlite.create");
await p0.close();
const db = await openDatabase({ kind: "memory" });
lap("openDatabase memory");
await applyMigrations(db.adapterFactory);
lap("applyMigrations");
const blob = await db.pglite!.dumpDataDir("none");
lap("dumpDataDir " + blob.size);
const p2 = await PGlite.create({ loadDataDir: blob });
lap("PGlite from dump");
const r = await p2.query('select count(*) from "_prisma_migrations"');
lap("query " + JSON.stringify(r.rows));
const db2 = await openDatabase({ kind: "memory" });
lap("openDatabase memory again");
await applyMigrations(db2.adapterFactory);
lap("applyMigrations again");
