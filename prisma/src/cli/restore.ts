// pnpm db:restore <file> [--replace] — restores a backup into the database named by
// DATABASE_URL / DATA_DIR: verified whole first, migrated forward if it is older, rollups rebuilt.
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreDatabase } from "../backup";
import { findRunningServer } from "../backup/running-server";
import { ConfigurationError, databaseConfigFromEnv, describeDatabase } from "../config";
import { openDatabase } from "../db";
import { createProgress } from "../generate/progress";
import { runCli } from "./run";

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: "boolean", default: false } },
  });
  const [given] = positionals;
  if (!given) throw new ConfigurationError("usage: pnpm db:restore <file> [--replace]");
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const config = databaseConfigFromEnv();
  if (config.kind === "pglite" && findRunningServer(config.dataDir)) {
    throw new ConfigurationError(
      `Máy chủ đang chạy trên ${config.dataDir}; hãy dừng nó trước khi khôi phục. / ` +
        `A server is running on ${config.dataDir}; stop it before restoring.`,
    );
  }
  console.error(`Restoring ${file} into ${describeDatabase(config)}`);
  const db = await openDatabase(config);
  let bar: ReturnType<typeof createProgress> | undefined;
  try {
    const summary = await restoreDatabase(db, file, {
      replace: values.replace,
      progress: (done, total) => {
        bar ??= createProgress("Khôi phục / restore", total);
        bar.update(done, done);
      },
    });
    (bar ?? createProgress("", 0)).finish(
      `Đã khôi phục / restored ${summary.rows.toLocaleString("en-US")} rows of ` +
        `${summary.header.tables.length} tables taken ${summary.header.createdAt}` +
        (summary.migratedForward.length
          ? `; migrated forward: ${summary.migratedForward.join(", ")}`
          : "") +
        "; rollups rebuilt.",
    );
  } finally {
    await db.close();
  }
});
