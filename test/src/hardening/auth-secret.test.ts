import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  authSecretProblem,
  loadOrCreateSecretFile,
  SECRET_FILE_NAME,
} from "@d05/server/auth-secret";
import { serverConfigFromEnv } from "@d05/server/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { spawnServer, stopServer } from "../support/processes";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import { createAccount, createUnit, PASSWORD } from "./support/world";

/** The development key an earlier version of this project shipped in its source. */
const PUBLISHED_SECRET = "d05-development-secret-do-not-use-in-production";

/**
 * An HS256 token shaped as the server issues them, signed by hand with any key (what an attacker
 * holding that key would do), with or without an expiry.
 */
function forge(
  secret: string,
  userId: number,
  options: { expires?: boolean; issuedAt?: number } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const iat = options.issuedAt ?? now;
  const claims = {
    ver: 0,
    sub: String(userId),
    iss: "d05",
    iat,
    ...(options.expires === false ? {} : { exp: now + 3600 }),
  };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256" })}.${part(claims)}`;
  const signature = createHmac("sha256", secret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "d05-secret-"));

async function me(url: string, token: string): Promise<{ status: number; username?: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ me { username } units { totalCount } }" }),
  });
  const body = (await response.json()) as { data?: { me: { username: string } | null } };
  return { status: response.status, username: body.data?.me?.username };
}

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } } }`,
      variables: { u: username, p: PASSWORD },
    }),
  });
  const body = (await response.json()) as { data?: { login: { data?: { token: string } } } };
  const token = body.data?.login.data?.token;
  if (!token) throw new Error(`cannot sign in: ${JSON.stringify(body)}`);
  return token;
}

describe("the token signing key when AUTH_SECRET is not set", () => {
  let database: TestDatabase;
  let adminId: number;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const unitId = await createUnit(database.db.prisma, null, "P", "Tỉnh", "PROVINCE");
    adminId = await createAccount(database.db.prisma, "admin", "ADMIN", unitId);
  });
  afterAll(() => database?.drop());

  it("refuses a token signed with the published development key, and keeps its own key across restarts", async () => {
    const dataDir = tempDir();
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, AUTH_SECRET: "" };
    const first = await spawnServer(env);
    let token: string;
    try {
      // Anyone who read the source could sign this one.
      const forged = forge(PUBLISHED_SECRET, adminId);
      expect((await me(first.url, forged)).username).toBeUndefined();
      expect((await me(first.url, forged)).status).toBe(401);

      // The server made its own key, readable by its owner only.
      const file = path.join(dataDir, SECRET_FILE_NAME);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, "utf8").trim().length).toBeGreaterThanOrEqual(32);
      token = await login(first.url, "admin");
      expect(await me(first.url, token)).toEqual({ status: 200, username: "admin" });
    } finally {
      await stopServer(first);
    }

    // A restart on the same DATA_DIR keeps the key: the sign-in still holds.
    const second = await spawnServer(env);
    try {
      expect(await me(second.url, token)).toEqual({ status: 200, username: "admin" });
    } finally {
      await stopServer(second);
    }
  }, 120_000);
});

describe("configured and stored keys", () => {
  it("has no key of its own: without AUTH_SECRET the configuration names none", () => {
    expect(serverConfigFromEnv({}).authSecret).toBeUndefined();
    expect(serverConfigFromEnv({ DATA_DIR: "/srv/d05" }).authSecretDir).toBe("/srv/d05");
  });

  it("refuses the published key and short keys as AUTH_SECRET, in development too", () => {
    expect(() => serverConfigFromEnv({ AUTH_SECRET: PUBLISHED_SECRET })).toThrow(/published/);
    expect(() => serverConfigFromEnv({ AUTH_SECRET: "short" })).toThrow(/at least 32/);
    expect(() => serverConfigFromEnv({ NODE_ENV: "production" })).toThrow(/needs AUTH_SECRET/);
    expect(authSecretProblem(TEST_AUTH_SECRET)).toBeNull();
  });

  it("makes a different random key per directory and refuses one others may read", async () => {
    const quiet = () => {};
    const dir = tempDir();
    const key = await loadOrCreateSecretFile(dir, quiet);
    expect(await loadOrCreateSecretFile(dir, quiet)).toBe(key);
    expect(await loadOrCreateSecretFile(tempDir(), quiet)).not.toBe(key);
    fs.chmodSync(path.join(dir, SECRET_FILE_NAME), 0o644);
    await expect(loadOrCreateSecretFile(dir, quiet)).rejects.toThrow(/chmod 600/);
    // A link to a key chosen elsewhere is not the server's own key.
    const linked = tempDir();
    fs.symlinkSync(path.join(dir, SECRET_FILE_NAME), path.join(linked, SECRET_FILE_NAME));
    await expect(loadOrCreateSecretFile(linked, quiet)).rejects.toThrow(/not a plain file/);
  });
});

describe("tokens the server did not issue as it issues them", () => {
  let server: TestServer;
  let adminId: number;
  beforeAll(async () => {
    server = await startTestServer("pglite", async (database) => {
      const unitId = await createUnit(database.db.prisma, null, "P", "Tỉnh", "PROVINCE");
      adminId = await createAccount(database.db.prisma, "admin", "ADMIN", unitId);
    });
  });
  afterAll(() => server?.stop());

  it("refuses a correctly signed token without an expiry", async () => {
    const valid = forge(TEST_AUTH_SECRET, adminId);
    expect((await me(server.url, valid)).username).toBe("admin");
    const forever = forge(TEST_AUTH_SECRET, adminId, { expires: false });
    expect(await me(server.url, forever)).toEqual({ status: 401, username: undefined });
  });

  it("refuses a token issued longer ago than tokens live", async () => {
    const old = forge(TEST_AUTH_SECRET, adminId, {
      issuedAt: Math.floor(Date.now() / 1000) - 13 * 3600,
    });
    expect((await me(server.url, old)).status).toBe(401);
  });
});
