// The world the authorization, bad-input and fuzz tests share: a province P with communes A and B,
// records on both sides, and one account per role scoped to A (plus an administrator of P and a
// reporter of B). Helpers create fresh records so that each case has its own target.
import { hashPassword, type PrismaClient, type Role, type UnitKind } from "@d05/prisma";
import { insertUnit } from "../../../../schema/src/units/tree";
import type { TestDatabase } from "../../support/databases";
import type { TestServer } from "../../support/server";

export const PASSWORD = "mat-khau-kiem-thu-01";

/** Relay global id (base64 of "Type:id"), as the schema encodes it. */
export function gid(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

/** A past day well inside the campaign (the rollups and the rules accept it). */
export const DAY = "2025-03-15";
export const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

export { futureVietnamDay, vietnamDay } from "../../api/records-fixtures";

export interface Side {
  communeId: number;
  cellId: number;
  activityId: number;
  modelId: number;
  awardId: number;
  commitmentId: number;
}

export interface World {
  provinceId: number;
  themeId: number;
  /** An agency under A: the only kind under a commune a province may be imported into. */
  agencyAId: number;
  a: Side;
  b: Side;
  /** Account ids by username. */
  users: Record<string, number>;
}

/** Names and codes of B's subtree: no answer to A's accounts may contain them. */
export const B_SECRETS = ["Xã Bình Minh", "X-B", "Chi bộ Bình Minh 1", "CB-B1", "Bí mật B"];

export const ACCOUNTS = {
  "reporter-a": { role: "REPORTER", unit: "A" },
  "viewer-a": { role: "VIEWER", unit: "A" },
  "analyst-a": { role: "ANALYST", unit: "A" },
  "admin-a": { role: "ADMIN", unit: "A" },
  "admin-p": { role: "ADMIN", unit: "P" },
  "reporter-b": { role: "REPORTER", unit: "B" },
} as const satisfies Record<string, { role: Role; unit: "A" | "B" | "P" }>;
export type Account = keyof typeof ACCOUNTS;

let counter = 0;
/** A short unique suffix for codes, usernames and titles. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function createUnit(
  prisma: PrismaClient,
  parentId: number | null,
  code: string,
  name: string,
  kind: UnitKind,
): Promise<number> {
  const unit = await prisma.$transaction((tx) => insertUnit(tx, { parentId, code, name, kind }));
  return unit.id;
}

export async function createActivity(prisma: PrismaClient, unitId: number, title = "Hội nghị") {
  const row = await prisma.activity.create({
    data: {
      unitId,
      kind: "CONFERENCE",
      title,
      occurredOn: utc(DAY),
      sessions: 2,
      attendance: 120,
    },
  });
  return row.id;
}

export async function createModel(prisma: PrismaClient, unitId: number, name = "Mô hình") {
  const row = await prisma.model.create({
    data: {
      unitId,
      name,
      sector: "ECONOMY",
      level: "COMMUNE",
      leadOrganisation: "WOMEN_UNION",
      startedOn: utc("2024-01-10"),
      status: "REGISTERED",
      statusHistory: { create: { status: "REGISTERED", effectiveOn: utc("2024-01-10") } },
      contributions: {
        create: { recordedOn: utc(DAY), participants: 40, cashVnd: 5_000_000n, landM2: 30 },
      },
    },
  });
  return row.id;
}

export async function createAward(
  prisma: PrismaClient,
  unitId: number,
  modelId: number | null = null,
  recipientName = "Nguyễn Văn A",
) {
  const row = await prisma.award.create({
    data: {
      unitId,
      recipientKind: "INDIVIDUAL",
      recipientName,
      recipientCount: 1,
      level: "PROVINCE",
      form: "CERTIFICATE_OF_MERIT",
      awardedOn: utc(DAY),
      emulationYear: utc(DAY).getUTCFullYear(),
      modelId,
    },
  });
  return row.id;
}

export async function createCommitment(prisma: PrismaClient, unitId: number, title = "Đề tài") {
  const row = await prisma.commitment.create({
    data: { unitId, year: 2025, kind: "INITIATIVE", title, registeredOn: utc("2025-01-05") },
  });
  return row.id;
}

let passwordHash: string | null = null;
export async function createAccount(
  prisma: PrismaClient,
  username: string,
  role: Role,
  unitId: number,
): Promise<number> {
  passwordHash ??= await hashPassword(PASSWORD);
  const user = await prisma.user.create({
    data: { username, displayName: username, passwordHash, role, unitId },
  });
  return user.id;
}

async function side(
  prisma: PrismaClient,
  provinceId: number,
  letter: "A" | "B",
  name: string,
): Promise<Side> {
  const communeId = await createUnit(prisma, provinceId, `X-${letter}`, name, "COMMUNE");
  const cellName = letter === "B" ? "Chi bộ Bình Minh 1" : "Chi bộ An Bình 1";
  const cellId = await createUnit(prisma, communeId, `CB-${letter}1`, cellName, "PARTY_CELL");
  await prisma.unit.update({ where: { id: communeId }, data: { partyMembers: 200 } });
  await prisma.unit.update({ where: { id: cellId }, data: { partyMembers: 50 } });
  const secret = letter === "B" ? "Bí mật B" : "Công khai A";
  const activityId = await createActivity(prisma, cellId, `${secret}: hội nghị`);
  const modelId = await createModel(prisma, communeId, `${secret}: mô hình`);
  const awardId = await createAward(prisma, cellId, null, `${secret}: người được khen`);
  const commitmentId = await createCommitment(prisma, cellId, `${secret}: đề tài`);
  await createActivity(prisma, communeId, `${secret}: hội nghị xã`);
  return { communeId, cellId, activityId, modelId, awardId, commitmentId };
}

/** Fills a fresh database with the shared world. */
export async function prepareWorld(database: TestDatabase): Promise<World> {
  const prisma = database.db.prisma;
  const provinceId = await createUnit(prisma, null, "P01", "Tỉnh Kiểm Thử", "PROVINCE");
  const theme = await prisma.theme.create({
    data: { year: 2025, title: "Chuyên đề năm 2025", description: "Kiểm thử" },
  });
  const a = await side(prisma, provinceId, "A", "Xã An Bình");
  const b = await side(prisma, provinceId, "B", "Xã Bình Minh");
  const agencyAId = await createUnit(prisma, a.communeId, "AG-A", "Cơ quan xã An Bình", "AGENCY");
  const users: Record<string, number> = {};
  const unitOf = { A: a.communeId, B: b.communeId, P: provinceId };
  for (const [username, { role, unit }] of Object.entries(ACCOUNTS)) {
    users[username] = await createAccount(prisma, username, role, unitOf[unit]);
  }
  return { provinceId, themeId: theme.id, agencyAId, a, b, users };
}

export async function signIn(
  server: TestServer,
  username: string,
  password = PASSWORD,
): Promise<string> {
  const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
    `mutation($u: String!, $p: String!) {
      login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
    }`,
    { u: username, p: password },
  );
  const token = body.data?.login.data?.token;
  if (!token) throw new Error(`Cannot sign in as ${username}: ${JSON.stringify(body)}`);
  return token;
}

/**
 * One fingerprint per table (row count and a hash of every row), read in one statement: equal
 * fingerprints before and after a request mean it created, changed and deleted nothing.
 */
export async function tableFingerprints(prisma: PrismaClient): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
       AND table_name NOT LIKE '\\_prisma%' ESCAPE '\\'
     ORDER BY table_name`;
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS print FROM "${name}" t`,
  );
  const rows = await prisma.$queryRawUnsafe<{ name: string; print: string }[]>(
    parts.join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.print]));
}

/** Row counts per table (cheaper than fingerprints, for a quick "nothing written" check). */
export async function tableCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const prints = await tableFingerprints(prisma);
  return Object.fromEntries(
    Object.entries(prints).map(([name, print]) => [name, Number(print.split(":")[0])]),
  );
}

/** Answers `{ health }` with true: the server still serves after whatever came before. */
export async function assertServing(server: TestServer): Promise<boolean> {
  const { status, body } = await server.graphql<{ health: boolean }>("{ health }");
  return status === 200 && body.data?.health === true;
}

/** Every message of a GraphQL response: top-level errors and the typed error payloads. */
export function messagesOf(body: unknown): string {
  return JSON.stringify(body);
}
