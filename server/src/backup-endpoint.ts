import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Database } from "@d05/prisma";
import { BACKUP_KEY_HEADER, dumpDatabase } from "@d05/prisma/backup";

/**
 * GET /admin/backup: the running server streams a consistent backup of its own database
 * (`pnpm db:backup` calls it for an embedded PGlite database, whose files only this process may
 * open). Only a caller presenting the key this process wrote next to its data directory (owner-only
 * file; see running-server.ts) is served; without a key configured the route does not exist.
 */
export function backupEndpoint(
  database: Database,
  key: string | undefined,
  log: (m: string) => void,
) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const given = req.headers[BACKUP_KEY_HEADER];
    const json = (status: number, message: string) =>
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ message }));
    if (!key) return json(404, "Not found.");
    if (typeof given !== "string" || !sameSecret(given, key)) {
      return json(403, "Sai khóa sao lưu. / Wrong backup key.");
    }
    if (req.method !== "GET") return json(405, "Use GET.");
    res.writeHead(200, { "content-type": "application/gzip", "cache-control": "no-store" });
    try {
      await dumpDatabase(database, res);
    } catch (error) {
      log(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
      // A cut stream: the client's file has no end marker and is refused as incomplete.
      res.destroy();
    }
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
