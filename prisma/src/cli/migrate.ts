// pnpm db:migrate | db:migrate:create <name> | db:check — offline, through the wasm schema engine.
import { databaseConfigFromEnv, describeDatabase } from "../config";
import { openDatabase } from "../db";
import { applyMigrations, diffSchemaAgainstMigrations, writeMigration } from "../migrate";
import { runCli } from "./run";

const [command, name] = process.argv.slice(2);

runCli(async () => {
  if (command === "deploy") {
    const config = databaseConfigFromEnv();
    const db = await openDatabase(config);
    try {
      const applied = await applyMigrations(db.adapterFactory);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(", ")}`
          : `${describeDatabase(config)} is up to date.`,
      );
    } finally {
      await db.close();
    }
  } else if (command === "create") {
    if (!name) throw new Error("usage: pnpm db:migrate:create <name>");
    const sql = await diffSchemaAgainstMigrations();
    if (sql === null)
      return console.log("schema.prisma and the migrations agree; nothing to write.");
    console.log(`Wrote ${await writeMigration(name, sql)}`);
  } else if (command === "check") {
    const sql = await diffSchemaAgainstMigrations();
    if (sql === null) return console.log("schema.prisma and the migrations agree.");
    console.error(
      `schema.prisma and the migrations disagree; run pnpm db:migrate:create <name>:\n${sql}`,
    );
    process.exit(1);
  } else {
    throw new Error("usage: migrate.ts deploy | create <name> | check");
  }
});
