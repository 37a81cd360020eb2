// A server over the demo data with a demo account signed in: the start every test that reads the
// demo's figures needs, and the two look-ups it makes (a token, a unit's global id by its code).
// The e2e support (e2e/app.ts) uses the same look-ups over its restartable server.
import type { Role } from "@d05/prisma";
import type { Backend } from "./databases";
import { startTestServer, type TestServer } from "./server";

/** Anything that answers a GraphQL operation: a test server or the e2e's demo server. */
export type GraphqlClient = Pick<TestServer, "graphql">;

export interface Credentials {
  username: string;
  password: string;
}

/** Signs in through the login mutation; the bearer token. */
export async function signIn(client: GraphqlClient, account: Credentials): Promise<string> {
  const { body } = await client.graphql<{ login: { data?: { token: string } } }>(
    `mutation ($u: String!, $p: String!) {
      login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
    }`,
    { u: account.username, p: account.password },
  );
  const token = body.data?.login.data?.token;
  if (!token) throw new Error(`could not sign in as ${account.username}`);
  return token;
}

/** The global id of the unit with this code, as the signed-in account sees it. */
export async function unitIdByCode(
  client: GraphqlClient,
  code: string,
  token: string,
): Promise<string> {
  const { body } = await client.graphql<{ unitByCode: { id: string } | null }>(
    "query ($code: String!) { unitByCode(code: $code) { id } }",
    { code },
    token,
  );
  const id = body.data?.unitByCode?.id;
  if (!id) throw new Error(`no unit ${code}: ${JSON.stringify(body.errors)}`);
  return id;
}

export interface DemoFixture {
  server: TestServer;
  /** The token of the first demo account of the role. */
  token: string;
  /** The global id of a demo unit by its code. */
  unitId(code: string): Promise<string>;
}

/** A test server over a fresh database of `backend` seeded with the demo, signed in as `role`. */
export async function startDemoFixture(
  backend: Backend,
  role: Role = "ADMIN",
): Promise<DemoFixture> {
  const { DEMO_ACCOUNTS, seedDemo } = await import("@d05/prisma/seed");
  const server = await startTestServer(backend, (t) => seedDemo(t.db.prisma).then(() => {}));
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with the role ${role}`);
  const token = await signIn(server, account);
  return { server, token, unitId: (code) => unitIdByCode(server, code, token) };
}
