import type http from "node:http";
import type { ReadRoute } from "@d05/prisma";
import type { ReadCache } from "@d05/schema";
import type { Plugin } from "graphql-yoga";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { ImportOutcome } from "./import-metrics";
import type { OperationObserver } from "./operations";
import type { PubSubCounters } from "./pubsub";

/** What the database's connection pool holds now (PostgreSQL); absent for embedded PGlite. */
export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsSources {
  /** The read cache's counters (absent: no cache). */
  reads?: () => ReturnType<ReadCache["stats"]> | undefined;
  /** The connection pool's state (absent: PGlite, one in-process connection). */
  pool?: () => PoolStats | undefined;
  /** Analytics reads by where they went (absent: no read replicas configured). */
  readRoutes?: () => Record<ReadRoute, number> | undefined;
}

/** Distinct operation names kept as label values; any further name is counted as "other". */
export const MAX_OPERATION_NAMES = 200;

/** Latency buckets (seconds): dashboard reads are expected under 50 ms, imports take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics of one app. Each app has its own registry (tests run several in a process).
 * Names follow Prometheus conventions: counters end in _total, the prefix is the product's.
 */
export function createMetrics(sources: MetricsSources = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: "d05_http_requests_total",
    help: "HTTP requests served, by route (graphql, livez, readyz, healthz, metrics, static).",
    labelNames: ["route"] as const,
    registers: [registry],
  });
  const webSockets = new Gauge({
    name: "d05_websocket_connections",
    help: "Open WebSocket (graphql-ws) connections.",
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: "d05_live_subscriptions",
    help: "Active live subscriptions (WebSocket and SSE) listening to the change bus.",
    registers: [registry],
  });
  const pushes = new Counter({
    name: "d05_live_pushes_total",
    help: "Subscription results resolved (after coalescing); a shared live group resolves one per push for all its subscribers.",
    registers: [registry],
  });
  const frames = new Counter({
    name: "d05_live_group_frames_total",
    help: "Pushes of shared live groups written to WebSocket subscribers (one per subscriber per push).",
    registers: [registry],
  });
  let liveGroupStats: (() => { groups: number; members: number }) | null = null;
  new Gauge({
    name: "d05_live_groups",
    help: "Shared live groups (WebSocket subscriptions sharing one listener and one execution per push).",
    registers: [registry],
    collect() {
      this.set(liveGroupStats?.().groups ?? 0);
    },
  });
  new Gauge({
    name: "d05_live_group_members",
    help: "WebSocket subscriptions whose pushes come from a shared live group (d05_live_subscriptions counts each group once).",
    registers: [registry],
    collect() {
      this.set(liveGroupStats?.().members ?? 0);
    },
  });
  const fanOutSeconds = new Histogram({
    name: "d05_live_group_fanout_seconds",
    help: "Time to write one shared live push to every subscriber of its group (yields to writes included).",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const published = new Counter({
    name: "d05_events_published_total",
    help: "Change events published, one per topic (the unit and each ancestor).",
    registers: [registry],
  });
  const received = new Counter({
    name: "d05_events_received_total",
    help: "Change events delivered from the bus to live subscriptions (before coalescing).",
    registers: [registry],
  });

  const operationSeconds = new Histogram({
    name: "d05_graphql_operation_duration_seconds",
    help: "Time to execute a GraphQL operation (a subscription: to set it up), by operation name, type and transport.",
    labelNames: ["operation_name", "operation_type", "transport"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: "d05_graphql_errors_total",
    help: "Errors in GraphQL responses, by extensions.code (HTTP: every error of the response, parse and validation included; WebSocket: execution errors).",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const importRows = new Counter({
    name: "d05_import_rows_total",
    help: "Spreadsheet import rows, by import kind (records, units) and what became of them (written, refused, dry_run).",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const imports = new Counter({
    name: "d05_imports_total",
    help: "Spreadsheet imports, by kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  new Counter({
    name: "d05_read_cache_lookups_total",
    help: "Read cache lookups (analytics answers, unit paths, accounts behind tokens), by result: hit, stale (an answer a write made stale, served while a newer one is computed), miss (computed while the reader waited).",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      const stats = sources.reads?.();
      if (!stats) return;
      this.reset();
      this.inc({ result: "hit" }, stats.hits);
      this.inc({ result: "stale" }, stats.stale);
      this.inc({ result: "miss" }, stats.misses);
    },
  });
  new Counter({
    name: "d05_read_cache_refreshes_total",
    help: "Answers recomputed in the background after a write, while the previous one was served (at most one at a time per question).",
    registers: [registry],
    collect() {
      const stats = sources.reads?.();
      if (!stats) return;
      this.reset();
      this.inc(stats.refreshes);
    },
  });
  new Gauge({
    name: "d05_read_cache_entries",
    help: "Answers held by the read cache.",
    registers: [registry],
    collect() {
      const stats = sources.reads?.();
      if (stats) this.set(stats.entries);
    },
  });
  new Gauge({
    name: "d05_database_pool_connections",
    help: "PostgreSQL pool connections by state: in_use (checked out), idle, max (DATABASE_POOL_SIZE). Embedded PGlite has one in-process connection and reports only max=1.",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      if (!pool) return this.set({ state: "max" }, 1);
      this.set({ state: "in_use" }, pool.total - pool.idle);
      this.set({ state: "idle" }, pool.idle);
      this.set({ state: "max" }, pool.max);
    },
  });
  new Counter({
    name: "d05_analytics_reads_total",
    help: "Analytics reads computed from the database (not the read cache) when read replicas are configured, by route: replica, or primary because the replicas lagged behind the last write (primary:lagging), could not be reached (primary:replica-unavailable) or failed mid-read (primary:replica-failed).",
    labelNames: ["route"] as const,
    registers: [registry],
    collect() {
      const routes = sources.readRoutes?.();
      if (!routes) return;
      this.reset();
      for (const [route, count] of Object.entries(routes)) this.inc({ route }, count);
    },
  });
  new Gauge({
    name: "d05_database_pool_waiting",
    help: "Queries waiting for a free PostgreSQL pool connection (saturation); 0 on PGlite.",
    registers: [registry],
    collect() {
      this.set(sources.pool?.()?.waiting ?? 0);
    },
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null) => {
    if (!name) return "anonymous";
    if (operationNames.has(name)) return name;
    // Operation names come from clients: bounded, so a client cannot grow the series without end.
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || operationNames.size >= MAX_OPERATION_NAMES)
      return "other";
    operationNames.add(name);
    return name;
  };
  const countErrors = (codes: string[]) => {
    for (const code of codes) errors.inc({ code: /^[A-Z0-9_]{1,64}$/.test(code) ? code : "OTHER" });
  };
  // Each series' child kept: prom-client otherwise hashes the label object on every observation
  // (bounded like the series: MAX_OPERATION_NAMES × types × transports).
  const operationSeries = new Map<string, ReturnType<typeof operationSeconds.labels>>();
  const observer: OperationObserver = {
    operation(report) {
      const name = operationLabel(report.name);
      const key = `${name}\n${report.type}\n${report.transport}`;
      let series = operationSeries.get(key);
      if (!series) {
        series = operationSeconds.labels({
          operation_name: name,
          operation_type: report.type,
          transport: report.transport,
        });
        operationSeries.set(key, series);
      }
      series.observe(report.durationMs / 1000);
      if (report.transport === "websocket") countErrors(report.errorCodes);
    },
    httpErrors: countErrors,
  };

  // Routes are the few names app.ts counts under.
  const routes = new Map<string, ReturnType<typeof httpRequests.labels>>();

  const bus: PubSubCounters = {
    published: () => published.inc(),
    received: () => received.inc(),
    subscribed: (delta) => subscriptions.inc(delta),
  };

  /** Counts what subscriptions push, whichever transport carries them. */
  const plugin: Plugin = {
    onSubscribe: () => ({
      onSubscribeResult: () => ({
        onNext: () => {
          pushes.inc();
        },
      }),
    }),
  };

  return {
    registry,
    bus,
    plugin,
    observer,
    countImport(outcome: ImportOutcome) {
      imports.inc({ kind: outcome.kind, outcome: outcome.outcome });
      importRows.inc({ kind: outcome.kind, outcome: outcome.outcome }, outcome.read);
    },
    countRequest(route: string) {
      let counter = routes.get(route);
      if (!counter) {
        counter = httpRequests.labels({ route });
        routes.set(route, counter);
      }
      counter.inc();
    },
    /** Errors of a WebSocket operation refused before it ran (validation, limits). */
    countRefused: (errors: readonly { extensions?: Record<string, unknown> }[]) =>
      countErrors(
        errors.map((e) =>
          typeof e.extensions?.code === "string" ? e.extensions.code : "GRAPHQL_VALIDATION_FAILED",
        ),
      ),
    /** Where the live groups' gauges read their figures (the WebSocket server's groups). */
    watchLiveGroups(stats: () => { groups: number; members: number }) {
      liveGroupStats = stats;
    },
    /** A live group's push written to its subscribers' sockets: how many, in how long. */
    liveFanOut: (count: number, durationMs: number) => {
      frames.inc(count);
      fanOutSeconds.observe(durationMs / 1000);
    },
    webSocketOpened: () => webSockets.inc(),
    webSocketClosed: () => webSockets.dec(),
    async serve(res: http.ServerResponse): Promise<void> {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
