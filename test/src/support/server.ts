import type { Database } from "@d05/prisma";
import { type App, type AppOptions, buildApp } from "@d05/server";
import { type Backend, createTestDatabase, type TestDatabase } from "./databases";

export const TEST_AUTH_SECRET = "test-secret-for-integration-tests-only-0123456789";

export interface TestServer {
  url: string;
  database: TestDatabase;
  /** POSTs a GraphQL operation; returns status and parsed body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }>;
  stop(): Promise<void>;
  /** The app itself (its change bus, yoga instance). */
  app: App;
}

/** POSTs GraphQL operations to the server at `url` (a test server's or the e2e demo server's). */
export function graphqlAt(url: string): TestServer["graphql"] {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
}

/** Extra app options for a test server (Redis, coalescing, limits). */
export type TestServerOptions = Omit<AppOptions, "database" | "authSecret" | "port" | "host"> & {
  /** What the app sees of the database (e.g. a client that fails or stalls on purpose). */
  wrapDatabase?: (db: Database) => Database;
};

/** A real server on a free port over a fresh database of the given backend. */
export async function startTestServer(
  backend: Backend,
  prepare?: (database: TestDatabase) => Promise<void>,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const database = await createTestDatabase(backend);
  await prepare?.(database);
  const { wrapDatabase, ...appOptions } = options;
  const app = buildApp({
    ...appOptions,
    database: wrapDatabase ? wrapDatabase(database.db) : database.db,
    authSecret: TEST_AUTH_SECRET,
    port: 0,
    host: "127.0.0.1",
  });
  const url = await app.start();
  return {
    url,
    database,
    app,
    graphql: graphqlAt(url),
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}
