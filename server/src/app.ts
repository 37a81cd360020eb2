import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@d05/prisma";
import { bearerToken, type Context, schema, viewerFromToken } from "@d05/schema";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga } from "graphql-yoga";
import { staticDashboard } from "./static";

export interface AppOptions {
  database: Database;
  authSecret: string;
  port?: number;
  host?: string;
}

export interface App {
  /** Listens; resolves with the base URL (port 0 picks a free port). */
  start(): Promise<string>;
  stop(): Promise<void>;
  yoga: ReturnType<typeof createYoga<{ req: http.IncomingMessage }, Context>>;
}

/** One port: GraphQL (+GraphiQL) at /graphql, /healthz, and the built dashboard at /. */
export function buildApp({ database, authSecret, port = 4000, host = "0.0.0.0" }: AppOptions): App {
  const auth = { secret: authSecret };
  const yoga = createYoga<{ req: http.IncomingMessage }, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    // GraphiQL bundled from npm rather than a CDN: the intranets this runs on are often offline.
    renderGraphiQL,
    graphiql: { title: "Chỉ thị 05 — GraphQL", defaultQuery: "{ health }" },
    landingPage: false,
    context: async ({ request }): Promise<Context> => {
      const token = bearerToken(request.headers.get("authorization"));
      if (!token) return { db: database, auth, viewer: null };
      const check = await viewerFromToken(token, database.prisma, auth);
      return "viewer" in check
        ? { db: database, auth, viewer: check.viewer }
        : { db: database, auth, viewer: null, tokenProblem: check.problem };
    },
    logging: process.env.NODE_ENV === "test" ? "warn" : "info",
  });
  const dashboard = staticDashboard();

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/graphql" || path.startsWith("/graphql/")) return yoga(req, res, { req });
    if (path === "/healthz") return health(database, res);
    return dashboard(req, res);
  });

  return {
    yoga,
    start: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${actual}`);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
