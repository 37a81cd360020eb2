import type http from "node:http";

/** How long a stopping server lets requests in flight finish (SHUTDOWN_GRACE_MS default). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * The HTTP responses not yet finished, so that a stopping server can wait for them instead of
 * cutting them (closeAllConnections() answered a request in flight with a reset connection).
 */
export function trackRequestsInFlight() {
  const open = new Set<http.ServerResponse>();
  let draining = false;
  const waiters = new Set<() => void>();
  return {
    /** Call at the start of every request. */
    add(res: http.ServerResponse) {
      open.add(res);
      // Keep-alive clients open a new connection (to another instance) after this response.
      if (draining) res.setHeader("connection", "close");
      res.once("close", () => {
        open.delete(res);
        if (open.size === 0) for (const wake of waiters) wake();
      });
    },
    get count() {
      return open.size;
    },
    /**
     * Stops `server` gracefully: no new connections, idle keep-alive connections closed,
     * `closeSockets` run (live WebSockets told to reconnect), event streams (SSE) ended at once
     * (they never finish on their own; their clients reconnect), then waits for the rest to
     * answer, at most `graceMs`, before cutting what is left. Resolves with the number cut.
     */
    async drain(
      server: http.Server,
      closeSockets: () => Promise<void>,
      graceMs: number,
    ): Promise<number> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of open) {
        if (!res.headersSent) res.setHeader("connection", "close");
        if (String(res.getHeader("content-type") ?? "").startsWith("text/event-stream")) {
          res.socket?.destroy();
        }
      }
      await closeSockets();
      if (open.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, graceMs);
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
      const cut = open.size;
      server.closeAllConnections();
      await closed;
      return cut;
    },
  };
}

/**
 * SIGTERM / SIGINT: `stop` runs once; a second signal, or `stop` outliving the grace period by
 * 5 s, exits at once (exit code 1) so a stuck shutdown never outlives the orchestrator's patience.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  graceMs: number,
  log: (m: string) => void,
) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing requests in flight (at most ${graceMs} ms), then exiting.`);
    setTimeout(() => {
      log("Shutdown took too long: exiting.");
      process.exit(1);
    }, graceMs + 5_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
