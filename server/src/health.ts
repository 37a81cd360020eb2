import type http from "node:http";
import { type Database, pendingMigrations } from "@d05/prisma";
import { embeddedImportWriting } from "@d05/schema";

/** A readiness probe waits this long for the database before answering 503. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

/**
 * Two questions an orchestrator asks, answered separately:
 * - /livez "is the process alive?": the event loop answers; never touches the database, so a
 *   database outage does not get a healthy process restarted in a loop.
 * - /readyz "may it take traffic?": every migration this build knows has been applied, the database
 *   answers within READY_CHECK_TIMEOUT_MS, and the server is not shutting down (a draining server
 *   answers 503 so the load balancer sends new requests elsewhere).
 * /healthz keeps its earlier meaning (the database answers) for existing monitors.
 */
export function createHealthChecks(database: Database) {
  let draining = false;
  // Once complete, the migrations stay applied for this process's lifetime: asked until then only.
  let migrated = false;

  const reply = (res: http.ServerResponse, status: number, body: Record<string, unknown>) =>
    res
      .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify(body));

  async function databaseAnswers(): Promise<boolean> {
    // Embedded PGlite serves one session: during an import's write every query waits for it, and
    // the database is known to be working.
    if (embeddedImportWriting(database)) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
    });
    const query = database.prisma.$queryRawUnsafe("SELECT 1").then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** From now on /readyz answers 503 (shutdown has begun). */
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    livez(res: http.ServerResponse) {
      reply(res, 200, { status: "alive" });
    },
    async readyz(res: http.ServerResponse) {
      if (draining) return reply(res, 503, { status: "shutting down" });
      if (!(await databaseAnswers())) return reply(res, 503, { status: "database unavailable" });
      if (!migrated) {
        const pending = await pendingMigrations(database.prisma).catch(() => null);
        if (pending === null) return reply(res, 503, { status: "database unavailable" });
        if (pending.length) return reply(res, 503, { status: "migrations pending", pending });
        migrated = true;
      }
      reply(res, 200, { status: "ready" });
    },
    async healthz(res: http.ServerResponse) {
      if (await databaseAnswers()) reply(res, 200, { status: "ok" });
      else reply(res, 503, { status: "database unavailable" });
    },
  };
}

export type HealthChecks = ReturnType<typeof createHealthChecks>;
