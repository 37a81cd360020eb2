// Signing in (issue 17, item 7): its duration does not tell which usernames exist, passwords are
// kept as argon2id and older hashes upgraded at sign-in, and refused sign-ins are audited for the
// administrators of the account's subtree only, never with the password.
import { legacyScryptHash, verifyPassword } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { createAccount, gid, PASSWORD, prepareWorld, signIn, type World } from "./support/world";

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { __typename } }`;

type Entry = { action: string; entityId: string | null; after: Record<string, unknown> | null };
const AUDIT = `{ auditLog(first: 500, filter: { entity: "User" }) {
  edges { node { action entityId after } } } }`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe.each(backends)("signing in on %s", (backend) => {
  let server: TestServer;
  let world: World;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareWorld(database);
      const prisma = database.db.prisma;
      world.users["admin-b"] = await createAccount(prisma, "admin-b", "ADMIN", world.b.communeId);
      world.users.disabled = await createAccount(prisma, "disabled-a", "VIEWER", world.a.communeId);
      await prisma.user.update({ where: { id: world.users.disabled }, data: { active: false } });
    });
    for (const name of ["admin-a", "admin-b", "admin-p"]) tokens[name] = await signIn(server, name);
  });
  afterAll(() => server?.stop());

  async function attempt(username: string, password: string): Promise<string | undefined> {
    const { body } = await server.graphql<{ login: { __typename: string } }>(LOGIN, {
      u: username,
      p: password,
    });
    return body.data?.login.__typename;
  }

  async function timed(username: string): Promise<number> {
    const started = performance.now();
    expect(await attempt(username, "not-the-password")).toBe("AuthenticationError");
    return performance.now() - started;
  }

  it("takes as long for an unknown username or a disabled account as for a known one", async () => {
    await timed("viewer-a");
    await timed("nobody-here");
    const known: number[] = [];
    const unknown: number[] = [];
    const disabled: number[] = [];
    // Interleaved, and compared round by round: a burst of load on the machine falls on the three
    // attempts of one round alike, so it moves that round's ratios little and the medians of the
    // ratios not at all (the medians of the times alone did: 115 against 45 ms in one CI run).
    for (let i = 0; i < 11; i++) {
      known.push(await timed("viewer-a"));
      unknown.push(await timed(`nobody-${i}`));
      disabled.push(await timed("disabled-a"));
    }
    const ratio = (a: number[], b: number[]) => median(a.map((v, i) => v / (b[i] as number)));
    const figures = `known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, disabled ${median(disabled).toFixed(1)} ms`;
    console.log(`sign-in medians on ${backend}: ${figures}`);
    expect(ratio(unknown, known), figures).toBeGreaterThanOrEqual(0.5);
    expect(ratio(disabled, known), figures).toBeGreaterThanOrEqual(0.5);
    expect(ratio(known, unknown), figures).toBeGreaterThanOrEqual(0.5);
  });

  it("keeps new passwords as argon2id with OWASP's parameters", async () => {
    const user = await server.database.db.prisma.user.findUniqueOrThrow({
      where: { username: "viewer-a" },
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
  });

  it("upgrades an old scrypt hash to argon2id at the first sign-in that proves the password", async () => {
    const prisma = server.database.db.prisma;
    const id = await createAccount(prisma, `legacy-${backend}`, "VIEWER", world.a.communeId);
    const legacy = await legacyScryptHash(PASSWORD);
    await prisma.user.update({ where: { id }, data: { passwordHash: legacy } });
    const stored = async () =>
      (await prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;

    // A wrong password proves nothing: the old hash stays.
    expect(await attempt(`legacy-${backend}`, "not-the-password")).toBe("AuthenticationError");
    expect(await stored()).toBe(legacy);

    expect(await attempt(`legacy-${backend}`, PASSWORD)).toBe("MutationLoginSuccess");
    const upgraded = await stored();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await attempt(`legacy-${backend}`, PASSWORD)).toBe("MutationLoginSuccess");
    expect(await stored()).toBe(upgraded);
  });

  it("audits refused sign-ins, without the password, for the account's subtree only", async () => {
    const secret = "mat-khau-sai-bi-mat-42";
    expect(await attempt("reporter-a", secret)).toBe("AuthenticationError");
    expect(await attempt("ghost-user", secret)).toBe("AuthenticationError");

    const read = async (caller: string) => {
      const { body } = await server.graphql<{ auditLog: { edges: { node: Entry }[] } }>(
        AUDIT,
        {},
        tokens[caller],
      );
      expect(body.errors).toBeUndefined();
      return (body.data?.auditLog.edges ?? [])
        .map((e) => e.node)
        .filter((e) => e.action === "loginFailed");
    };
    const tried = (entries: Entry[]) => entries.map((e) => e.after?.username);

    const seenByA = await read("admin-a");
    const refused = seenByA.find((e) => e.after?.username === "reporter-a");
    expect(refused).toMatchObject({
      entityId: gid("User", world.users["reporter-a"] ?? 0),
      after: { username: "reporter-a", address: "127.0.0.1", reason: "wrong-password" },
    });
    // Another commune's administrator reads nothing of it; nor of unknown usernames.
    expect(tried(await read("admin-b"))).not.toContain("reporter-a");
    expect(tried(seenByA)).not.toContain("ghost-user");
    expect(tried(await read("admin-b"))).not.toContain("ghost-user");
    // A username that exists nowhere belongs to no subtree: the top-level administrator reads it.
    const seenByP = await read("admin-p");
    expect(tried(seenByP)).toEqual(expect.arrayContaining(["reporter-a", "ghost-user"]));

    // The password is nowhere in the audit log.
    const rows = await server.database.db.prisma.auditLog.findMany();
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      secret,
    );
  });
});
