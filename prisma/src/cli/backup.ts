// pnpm db:backup <file> — a consistent backup of the database named by DATABASE_URL / DATA_DIR,
// taken while the server runs. PostgreSQL: read directly, in one REPEATABLE READ snapshot.
// Embedded PGlite: asked of the running server (only it may open the files); with no server
// running, read directly.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { dumpDatabase, verifyBackup } from "../backup";
import { BACKUP_KEY_HEADER, findRunningServer } from "../backup/running-server";
import { ConfigurationError, databaseConfigFromEnv, describeDatabase } from "../config";
import { openDatabase } from "../db";
import { createProgress } from "../generate/progress";
import { runCli } from "./run";

runCli(async () => {
  const [given] = process.argv.slice(2);
  if (!given) throw new ConfigurationError("usage: pnpm db:backup <file>");
  // Relative to where the command was typed (pnpm runs scripts in prisma/).
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const partial = `${file}.partial`;
  const config = databaseConfigFromEnv();
  let bar: ReturnType<typeof createProgress> | undefined;
  const onProgress = (done: number, total: number) => {
    bar ??= createProgress("Sao lưu / backup", total);
    bar.update(done, done);
  };
  const server = config.kind === "pglite" ? findRunningServer(config.dataDir) : null;
  try {
    if (server) {
      console.error(`Backing up ${describeDatabase(config)} through the server at ${server.url}`);
      await fetchFromServer(server.url, server.backupKey, partial, onProgress);
    } else {
      console.error(`Backing up ${describeDatabase(config)}`);
      const db = await openDatabase(config);
      try {
        await dumpDatabase(db, partial, onProgress);
      } finally {
        await db.close();
      }
    }
    const header = await verifyBackup(partial);
    fs.renameSync(partial, file);
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    const sha = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    (bar ?? createProgress("", 0)).finish(
      `Đã sao lưu / backed up ${rows.toLocaleString("en-US")} rows of ${header.tables.length} tables ` +
        `(schema ${header.migrations.at(-1) ?? "none"}) to ${file} ` +
        `(${fs.statSync(file).size.toLocaleString("en-US")} bytes, file sha256 ${sha}).`,
    );
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
});

/** Streams the running server's backup into `file`, counting rows as they arrive for progress. */
async function fetchFromServer(
  url: string,
  key: string,
  file: string,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const response = await fetch(`${url}/admin/backup`, { headers: { [BACKUP_KEY_HEADER]: key } });
  if (!response.ok || !response.body) {
    throw new ConfigurationError(
      `The server at ${url} refused the backup (${response.status}): ${await response.text()}`,
    );
  }
  const [toFile, toCount] = teeOf(Readable.fromWeb(response.body as never));
  const counting = (async () => {
    const gunzip = createGunzip();
    toCount.pipe(gunzip);
    let total = 0;
    let done = -1;
    for await (const line of readline.createInterface({ input: gunzip })) {
      if (done < 0) {
        total = (JSON.parse(line).tables as { rows: number }[]).reduce((n, t) => n + t.rows, 0);
        done = 0;
      } else if (!line.startsWith('{"table":')) done += 1;
      if (done % 1000 === 0) onProgress(Math.min(done, total), total);
    }
    onProgress(total, total);
  })();
  await pipeline(toFile, fs.createWriteStream(file));
  await counting.catch(() => {});
}

function teeOf(source: Readable): [Readable, Readable] {
  const a = new PassThrough();
  const b = new PassThrough();
  source.on("data", (chunk) => {
    a.write(chunk);
    b.write(chunk);
  });
  source.on("end", () => {
    a.end();
    b.end();
  });
  source.on("error", (error) => {
    a.destroy(error);
    b.destroy(error);
  });
  return [a, b];
}
