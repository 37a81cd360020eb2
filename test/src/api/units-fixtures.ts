import { hashPassword, type PrismaClient, type Role, type UnitKind } from "@d05/prisma";
import { expect } from "vitest";
import { insertUnit } from "../../../schema/src/units/tree";
import type { Backend } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/** Relay global id of a unit, as the schema encodes it (base64 of "Unit:id"). */
export function unitGid(id: number): string {
  return Buffer.from(`Unit:${id}`).toString("base64");
}

export function userGid(id: number): string {
  return Buffer.from(`User:${id}`).toString("base64");
}

export const PASSWORD = "mat-khau-thu-nghiem-01";

/**
 * The tree the unit and account tests share:
 *   TW (agency, root) ─ P1 (province) ─ C1 (commune) ─ C1-CB1, C1-CB2 (chi bộ)
 *                     │               └ C2 (commune)
 *                     └ P2 (province) ─ C3 (commune)
 * and one account per role: admin@TW, admin-p1@P1, reporter-c1@C1, viewer-p1@P1, analyst-p1@P1.
 */
export async function prepareTree(prisma: PrismaClient): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  const add = async (code: string, name: string, kind: UnitKind, parent: string | null) => {
    const unit = await prisma.$transaction((tx) =>
      insertUnit(tx, { parentId: parent ? (ids[parent] ?? null) : null, code, name, kind }),
    );
    ids[code] = unit.id;
  };
  await add("TW", "Ban Tuyên giáo Trung ương", "AGENCY", null);
  await add("P1", "Tỉnh Một", "PROVINCE", "TW");
  await add("C1", "Xã Đông Hòa", "COMMUNE", "P1");
  await add("C1-CB1", "Chi bộ thôn Một", "PARTY_CELL", "C1");
  await add("C1-CB2", "Chi bộ thôn Hai", "PARTY_CELL", "C1");
  await add("C2", "Xã Tây Sơn", "COMMUNE", "P1");
  await add("P2", "Tỉnh Hai", "PROVINCE", "TW");
  await add("C3", "Xã Nam Phong", "COMMUNE", "P2");
  const passwordHash = await hashPassword(PASSWORD);
  const user = async (username: string, role: Role, unit: string) => {
    const created = await prisma.user.create({
      data: { username, displayName: username, passwordHash, role, unitId: ids[unit] as number },
    });
    ids[username] = created.id;
  };
  await user("admin", "ADMIN", "TW");
  await user("admin-p1", "ADMIN", "P1");
  await user("reporter-c1", "REPORTER", "C1");
  await user("viewer-p1", "VIEWER", "P1");
  await user("analyst-p1", "ANALYST", "P1");
  return ids;
}

/** Signs in and returns the bearer token. */
export async function login(server: TestServer, username: string, password = PASSWORD) {
  const { body } = await server.graphql<{ login: { data?: { token: string }; message?: string } }>(
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
        ... on MutationLoginSuccess { data { token } } ... on Error { message } } }`,
    { u: username, p: password },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data?.login.message).toBeUndefined();
  return body.data?.login.data?.token as string;
}

/** A test server over a fresh database holding the tree above, signed in as `username`. */
export async function startTreeServer(
  backend: Backend,
  username = "admin",
): Promise<{ server: TestServer; ids: Record<string, number>; token: string }> {
  let ids: Record<string, number> = {};
  const server = await startTestServer(backend, async (database) => {
    ids = await prepareTree(database.db.prisma);
  });
  return { server, ids, token: await login(server, username) };
}

/**
 * Closure rows recomputed from parentId alone by a recursive CTE, as sorted "a>d@n" strings:
 * the reference the maintained closure table must equal.
 */
export async function closureFromParents(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ a: number; d: number; n: number }[]>`
    WITH RECURSIVE c(a, d, n) AS (
      SELECT id, id, 0 FROM "Unit"
      UNION ALL
      SELECT c.a, u.id, c.n + 1 FROM c JOIN "Unit" u ON u."parentId" = c.d
    )
    SELECT a, d, n FROM c`;
  return rows.map((r) => `${r.a}>${r.d}@${r.n}`).sort();
}

export async function storedClosure(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.unitClosure.findMany();
  return rows.map((r) => `${r.ancestorId}>${r.descendantId}@${r.distance}`).sort();
}

/** Paths and depths recomputed from parentId, compared with the stored ones. */
export async function pathMismatches(prisma: PrismaClient): Promise<unknown[]> {
  return prisma.$queryRaw`
    WITH RECURSIVE t(id, path, depth) AS (
      SELECT id, '/' || id || '/', 0 FROM "Unit" WHERE "parentId" IS NULL
      UNION ALL
      SELECT u.id, t.path || u.id || '/', t.depth + 1 FROM t JOIN "Unit" u ON u."parentId" = t.id
    )
    SELECT u.id, u.path, t.path AS expected FROM "Unit" u JOIN t ON t.id = u.id
     WHERE u.path <> t.path OR u.depth <> t.depth`;
}
