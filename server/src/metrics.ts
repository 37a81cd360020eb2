import type http from "node:http";
import type { Plugin } from "graphql-yoga";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { PubSubCounters } from "./pubsub";

/**
 * Prometheus metrics of one app. Each app has its own registry (tests run several in a process).
 * Names follow Prometheus conventions: counters end in _total, the prefix is the product's.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: "d05_http_requests_total",
    help: "HTTP requests served, by route (graphql, healthz, metrics, static).",
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
    help: "Subscription results sent to clients (after coalescing).",
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
    countRequest: (route: string) => httpRequests.inc({ route }),
    webSocketOpened: () => webSockets.inc(),
    webSocketClosed: () => webSockets.dec(),
    async serve(res: http.ServerResponse): Promise<void> {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
