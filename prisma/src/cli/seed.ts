// pnpm db:seed — (re)loads the deterministic demo into the database named by DATABASE_URL / DATA_DIR.
import { databaseConfigFromEnv, describeDatabase } from "../config";
import { openDatabase } from "../db";
import { applyMigrations } from "../migrate";
import { clearDatabase, seedDemo } from "../seed";
import { runCli } from "./run";

runCli(async () => {
  const config = databaseConfigFromEnv();
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.adapterFactory);
    await clearDatabase(db.prisma);
    const s = await seedDemo(db.prisma);
    console.log(
      `Loaded the demo into ${describeDatabase(config)} in ${s.milliseconds} ms: ${s.units} units, ` +
        `${s.activities} activities, ${s.models} models, ${s.commitments} commitments, ${s.awards} awards, ` +
        `${s.users} accounts.`,
    );
  } finally {
    await db.close();
  }
});
