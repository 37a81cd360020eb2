import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@d05/prisma";
import { bearerToken, type Context, type LiveSettings, schema, viewerFromToken } from "@d05/schema";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga } from "graphql-yoga";
import { createMetrics } from "./metrics";
import { type ChangePubSub, createChangePubSub } from "./pubsub";
import { staticDashboard } from "./static";
import { attachWebSocket, tokenFromConnectionParams } from "./websocket";

export interface AppOptions {
  database: Database;
  authSecret: string;
  port?: number;
  host?: string;
  /** Redis for live events shared by every instance; absent means in-process. */
  redisUrl?: string;
  /** Prefix of the Redis channels (default "d05:"), so deployments or test runs can share a Redis. */
  redisChannelPrefix?: string;
  /** Coalescing of live pushes (default: one push per 250 ms, feed backlog of 100). */
  live?: Partial<LiveSettings>;
  /** Where log lines go (default: console.error). */
  log?: (message: string) => void;
}

/** What yoga's context factory receives: an HTTP request, or a graphql-ws connection. */
interface ServerContext {
  req: http.IncomingMessage;
  /** The connection_init payload, for operations over WebSocket. */
  connectionParams?: Record<string, unknown>;
}

export interface App {
  /** Listens; resolves with the base URL (port 0 picks a free port). */
  start(): Promise<string>;
  stop(): Promise<void>;
  yoga: ReturnType<typeof createYoga<ServerContext, Context>>;
  /** The change bus writes publish on and subscriptions listen to. */
  events: ChangePubSub;
}

/**
 * One port: GraphQL at /graphql over HTTP, SSE and WebSocket (graphql-ws), GraphiQL, /healthz,
 * /metrics (Prometheus), and the built dashboard at /.
 */
export function buildApp({
  database,
  authSecret,
  port = 4000,
  host = "0.0.0.0",
  redisUrl,
  redisChannelPrefix,
  live,
  log = (message) => console.error(message),
}: AppOptions): App {
  const auth = { secret: authSecret };
  const metrics = createMetrics();
  const events = createChangePubSub({
    redisUrl,
    channelPrefix: redisChannelPrefix,
    live,
    counters: metrics.bus,
    log,
  });

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    // GraphiQL bundled from npm rather than a CDN: the intranets this runs on are often offline.
    renderGraphiQL,
    graphiql: { title: "Chỉ thị 05 — GraphQL", defaultQuery: "{ health }" },
    landingPage: false,
    plugins: [metrics.plugin],
    context: async (initial): Promise<Context> => {
      // Over WebSocket there is no Request: the token came in connection_init.
      const token = initial.connectionParams
        ? tokenFromConnectionParams(initial.connectionParams)
        : bearerToken(initial.request.headers.get("authorization"));
      const base = { db: database, auth, events };
      if (!token) return { ...base, viewer: null };
      const check = await viewerFromToken(token, database.prisma, auth);
      return "viewer" in check
        ? { ...base, viewer: check.viewer }
        : { ...base, viewer: null, tokenProblem: check.problem };
    },
    logging: process.env.NODE_ENV === "test" ? "warn" : "info",
  });
  const dashboard = staticDashboard();

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/graphql" || path.startsWith("/graphql/")) {
      metrics.countRequest("graphql");
      return yoga(req, res, { req });
    }
    if (path === "/healthz") {
      metrics.countRequest("healthz");
      return health(database, res);
    }
    if (path === "/metrics") {
      metrics.countRequest("metrics");
      return metrics.serve(res);
    }
    metrics.countRequest("static");
    return dashboard(req, res);
  });
  const webSocket = attachWebSocket({
    server,
    yoga,
    database,
    auth,
    onOpen: metrics.webSocketOpened,
    onClose: metrics.webSocketClosed,
  });

  return {
    yoga,
    events,
    start: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${actual}`);
        });
      }),
    async stop() {
      await webSocket.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await events.close();
    },
  };
}

async function health(database: Database, res: http.ServerResponse): Promise<void> {
  try {
    await database.prisma.$queryRaw`SELECT 1`;
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
  } catch {
    res
      .writeHead(503, { "content-type": "application/json" })
      .end('{"status":"database unavailable"}');
  }
}
