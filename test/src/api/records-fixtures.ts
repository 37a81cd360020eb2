import { hashPassword, type PrismaClient } from "@d05/prisma";
import type { TestDatabase } from "../support/databases";
import type { TestServer } from "../support/server";

/** Relay global id, as the schema encodes it (base64 of "Type:id"). */
export function gid(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

export const PASSWORD = "mat-khau-thu-nghiem";

/** The small world the records tests share: a province with two communes and a chi bộ under A. */
export interface RecordsWorld {
  provinceId: number;
  communeAId: number;
  communeBId: number;
  cellAId: number;
  themeId: number;
  reporterAId: number;
}

async function unit(
  prisma: PrismaClient,
  code: string,
  name: string,
  kind: "PROVINCE" | "COMMUNE" | "PARTY_CELL",
  parent: { id: number; path: string; depth: number } | null,
) {
  const created = await prisma.unit.create({
    data: {
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: "/",
      depth: parent ? parent.depth + 1 : 0,
    },
  });
  const path = `${parent?.path ?? "/"}${created.id}/`;
  await prisma.unit.update({ where: { id: created.id }, data: { path } });
  // Closure rows: itself at 0, then every ancestor of the parent one step further.
  const above = parent
    ? await prisma.unitClosure.findMany({ where: { descendantId: parent.id } })
    : [];
  await prisma.unitClosure.createMany({
    data: [
      { ancestorId: created.id, descendantId: created.id, distance: 0 },
      ...above.map((a) => ({
        ancestorId: a.ancestorId,
        descendantId: created.id,
        distance: a.distance + 1,
      })),
    ],
  });
  return { id: created.id, path, depth: created.depth };
}

/** Fills a fresh database: units with closure rows, a theme, and four accounts. */
export async function prepareRecordsWorld(database: TestDatabase): Promise<RecordsWorld> {
  const prisma = database.db.prisma;
  const province = await unit(prisma, "P01", "Tỉnh Thử Nghiệm", "PROVINCE", null);
  const communeA = await unit(prisma, "X-A", "Xã An Bình", "COMMUNE", province);
  const communeB = await unit(prisma, "X-B", "Xã Bình Minh", "COMMUNE", province);
  const cellA = await unit(prisma, "CB-A1", "Chi bộ thôn 1", "PARTY_CELL", communeA);
  const theme = await prisma.theme.create({
    data: { year: 2025, title: "Chuyên đề năm 2025", description: "Thử nghiệm" },
  });
  const passwordHash = await hashPassword(PASSWORD);
  const user = (username: string, role: "ADMIN" | "REPORTER" | "VIEWER", unitId: number) =>
    prisma.user.create({ data: { username, displayName: username, passwordHash, role, unitId } });
  const reporterA = await user("reporter-a", "REPORTER", communeA.id);
  await user("reporter-b", "REPORTER", communeB.id);
  await user("viewer-a", "VIEWER", communeA.id);
  await user("admin", "ADMIN", province.id);
  return {
    provinceId: province.id,
    communeAId: communeA.id,
    communeBId: communeB.id,
    cellAId: cellA.id,
    themeId: theme.id,
    reporterAId: reporterA.id,
  };
}

export async function signIn(server: TestServer, username: string): Promise<string> {
  const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
    `mutation($u: String!, $p: String!) {
      login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
    }`,
    { u: username, p: PASSWORD },
  );
  const token = body.data?.login.data?.token;
  if (!token) throw new Error(`Cannot sign in as ${username}: ${JSON.stringify(body)}`);
  return token;
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD, and days relative to it. */
export function vietnamDay(offsetDays = 0): string {
  const now = new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000);
  return now.toISOString().slice(0, 10);
}

/**
 * A day the server reads as "in the future" whenever the test runs. Two days ahead, not one:
 * test tables are built when the file is collected, and a file collected just before midnight in
 * Vietnam runs after it, when "tomorrow" has become today.
 */
export const futureVietnamDay = () => vietnamDay(2);

/** The `__typename`/issue paths of a union payload, for compact assertions. */
export const ERROR_FIELDS = `
  __typename
  ... on Error { message }
  ... on InputError { issues { path message } }
  ... on NotFoundError { entity entityId }
`;
