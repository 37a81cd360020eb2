// The audit log is read by the unit of the record each entry describes, as it was when the write
// happened: moving the account that wrote, or the unit the record belongs to, changes nothing
// about who can read earlier entries (issue 17, item 5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { createAccount, DAY, gid, prepareWorld, signIn, type World } from "./support/world";

type Entry = {
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

const AUDIT = `{ auditLog(first: 500) { edges { node { action entity entityId before after } } } }`;

describe.each(backends)("audit log scope on %s", (backend) => {
  let server: TestServer;
  let world: World;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareWorld(database);
      world.users["admin-b"] = await createAccount(
        database.db.prisma,
        "admin-b",
        "ADMIN",
        world.b.communeId,
      );
    });
    for (const name of ["reporter-a", "admin-a", "admin-b", "admin-p"]) {
      tokens[name] = await signIn(server, name);
    }
  });
  afterAll(() => server?.stop());

  async function write(caller: string, name: string, input: Record<string, unknown>) {
    const type = `${name[0]?.toUpperCase()}${name.slice(1)}`;
    const { body } = await server.graphql<{
      result: { __typename: string; data?: { id: string } };
    }>(
      `mutation($input: ${type}Input!) { result: ${name}(input: $input) {
        __typename ... on Mutation${type}Success { data { id } } } }`,
      { input },
      tokens[caller],
    );
    expect(body.data?.result.__typename, JSON.stringify(body)).toBe(`Mutation${type}Success`);
    return body.data?.result.data?.id as string;
  }

  async function auditAs(caller: string): Promise<Entry[]> {
    const { body } = await server.graphql<{ auditLog: { edges: { node: Entry }[] } }>(
      AUDIT,
      {},
      tokens[caller],
    );
    expect(body.errors).toBeUndefined();
    return body.data?.auditLog.edges.map((e) => e.node) ?? [];
  }

  const titles = (entries: Entry[]) =>
    entries.flatMap((e) => [e.before?.title, e.after?.title]).filter((t) => t !== undefined);

  it("keeps an account's earlier writes with their unit after the account moves", async () => {
    // The reporter writes in commune A (Hạnh Sơn), then corrects it: before and after content.
    const id = await write("reporter-a", "recordActivity", {
      unitId: gid("Unit", world.a.communeId),
      kind: "CONFERENCE",
      title: "Nội bộ A: hội nghị",
      occurredOn: DAY,
      sessions: 1,
      attendance: 30,
    });
    await write("reporter-a", "correctActivity", { id, title: "Nội bộ A: hội nghị (sửa)" });

    // An administrator of the province moves the account to commune B (Long Bình).
    await write("admin-p", "updateUser", {
      id: gid("User", world.users["reporter-a"] as number),
      unitId: gid("Unit", world.b.communeId),
    });

    // B's administrator sees the move of the account now in B, and nothing of A's records.
    const seenByB = await auditAs("admin-b");
    expect(titles(seenByB).filter((t) => String(t).startsWith("Nội bộ A"))).toEqual([]);
    expect(seenByB.filter((e) => e.entity === "Activity")).toEqual([]);
    expect(seenByB.map((e) => e.action)).toContain("updateUser");

    // A's administrator still reads those writes on A's records, by whoever wrote them.
    const seenByA = await auditAs("admin-a");
    expect(titles(seenByA)).toEqual(
      expect.arrayContaining(["Nội bộ A: hội nghị", "Nội bộ A: hội nghị (sửa)"]),
    );
    // And sees that the account left (its unit was A's before the move).
    expect(seenByA.map((e) => e.action)).toContain("updateUser");

    // The moved account's writes in B now belong to B, not to A.
    await write("reporter-a", "recordActivity", {
      unitId: gid("Unit", world.b.communeId),
      kind: "CONFERENCE",
      title: "Nội bộ B: hội nghị",
      occurredOn: DAY,
      sessions: 1,
      attendance: 40,
    });
    expect(titles(await auditAs("admin-b"))).toContain("Nội bộ B: hội nghị");
    expect(titles(await auditAs("admin-a"))).not.toContain("Nội bộ B: hội nghị");
    // The province sees everything below it.
    expect(titles(await auditAs("admin-p"))).toEqual(
      expect.arrayContaining(["Nội bộ A: hội nghị (sửa)", "Nội bộ B: hội nghị"]),
    );
  });

  it("reads entries by the unit's path at the time of the write when the unit moves", async () => {
    // A chi bộ of A with a record written while it was A's.
    const cell = await write("admin-p", "createUnit", {
      parentId: gid("Unit", world.a.communeId),
      code: "CB-A-MOVE",
      name: "Chi bộ chuyển đi",
      kind: "PARTY_CELL",
    });
    await write("admin-a", "recordActivity", {
      unitId: cell,
      kind: "CONFERENCE",
      title: "Trước khi chuyển",
      occurredOn: DAY,
      sessions: 1,
      attendance: 10,
    });
    await write("admin-p", "moveUnit", { id: cell, newParentId: gid("Unit", world.b.communeId) });
    await write("admin-b", "recordActivity", {
      unitId: cell,
      kind: "CONFERENCE",
      title: "Sau khi chuyển",
      occurredOn: DAY,
      sessions: 1,
      attendance: 12,
    });

    const seenByA = await auditAs("admin-a");
    const seenByB = await auditAs("admin-b");
    expect(titles(seenByA)).toContain("Trước khi chuyển");
    expect(titles(seenByA)).not.toContain("Sau khi chuyển");
    expect(titles(seenByB)).toContain("Sau khi chuyển");
    expect(titles(seenByB)).not.toContain("Trước khi chuyển");
    // The move itself concerns both communes.
    const moves = (entries: Entry[]) => entries.filter((e) => e.action === "moveUnit");
    expect(moves(seenByA)).toHaveLength(1);
    expect(moves(seenByB)).toHaveLength(1);
  });

  it("shows a merger to the administrators of the unit merged into", async () => {
    const cell = await write("admin-p", "createUnit", {
      parentId: gid("Unit", world.provinceId),
      code: "X-MERGED",
      name: "Xã sáp nhập",
      kind: "COMMUNE",
    });
    await write("admin-p", "mergeUnit", {
      id: cell,
      intoUnitId: gid("Unit", world.b.communeId),
      effectiveOn: DAY,
    });
    const merges = async (caller: string) =>
      (await auditAs(caller)).filter((e) => e.action === "mergeUnit");
    expect(await merges("admin-b")).toHaveLength(1);
    expect(await merges("admin-a")).toHaveLength(0);
    expect(await merges("admin-p")).toHaveLength(1);
  });
});
