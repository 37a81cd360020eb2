// Saved views on both databases: shared with the accounts whose scope holds the view's unit,
// renamed and deleted only by their owner (or an administrator of that scope), refused with typed
// Vietnamese errors, audited, and safe to retry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { login, prepareTree, unitGid } from "./units-fixtures";

interface Payload {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  data?: unknown;
}

const VIEW_FIELDS = "id name path query mine ownerName unit { code }";
const SAVE = `mutation($input: SaveViewInput!) { result: saveView(input: $input) {
  __typename ... on Error { message } ... on InputError { issues { path message } }
  ... on MutationSaveViewSuccess { data { ${VIEW_FIELDS} } } } }`;
const RENAME = `mutation($input: RenameViewInput!) { result: renameView(input: $input) {
  __typename ... on Error { message } ... on InputError { issues { path message } }
  ... on MutationRenameViewSuccess { data { ${VIEW_FIELDS} } } } }`;
const DELETE = `mutation($input: DeleteViewInput!) { result: deleteView(input: $input) {
  __typename ... on Error { message } ... on MutationDeleteViewSuccess { data } } }`;
const LIST = `query($filter: SavedViewFilter) { savedViews(filter: $filter, first: 50) {
  totalCount edges { node { ${VIEW_FIELDS} } } } }`;

interface View {
  id: string;
  name: string;
  path: string;
  query: string;
  mine: boolean;
  ownerName: string;
  unit: { code: string };
}

describe.each(backends)("saved views on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      ids = await prepareTree(database.db.prisma);
    });
    for (const name of ["admin-p1", "reporter-c1", "viewer-p1"]) {
      tokens[name] = await login(server, name);
    }
  });
  afterAll(() => server.stop());

  const unit = (code: string) => unitGid(ids[code] as number);
  async function run(query: string, input: Record<string, unknown>, as: string) {
    const { body } = await server.graphql<{ result: Payload }>(query, { input }, tokens[as]);
    expect(body.errors).toBeUndefined();
    return body.data?.result as Payload;
  }
  async function list(as: string, filter?: Record<string, unknown>) {
    const { body } = await server.graphql<{
      savedViews: { totalCount: number; edges: { node: View }[] };
    }>(LIST, { filter }, tokens[as]);
    expect(body.errors).toBeUndefined();
    return body.data?.savedViews.edges.map((e) => e.node) ?? [];
  }
  const prisma = () => server.database.db.prisma;

  let communeView: View;
  let provinceView: View;

  it("saves a view with its unit, page and address, and shares it with the scopes holding its unit", async () => {
    const saved = await run(
      SAVE,
      {
        name: "Mô hình kinh tế xã Đông Hòa",
        unitId: unit("C1"),
        path: "/mo-hinh",
        // The unit travels apart; the parameters are kept in one order whatever the order sent.
        query: "?sector=ECONOMY&unit=ignored&p=2025",
        idempotencyKey: "luu-goc-nhin-1",
      },
      "viewer-p1",
    );
    expect(saved.__typename).toBe("MutationSaveViewSuccess");
    communeView = saved.data as View;
    expect(communeView).toMatchObject({
      name: "Mô hình kinh tế xã Đông Hòa",
      path: "/mo-hinh",
      query: "p=2025&sector=ECONOMY",
      mine: true,
      ownerName: "viewer-p1",
      unit: { code: "C1" },
    });
    const province = await run(
      SAVE,
      { name: "Toàn tỉnh 2025", unitId: unit("P1"), path: "/", query: "p=2025" },
      "viewer-p1",
    );
    provinceView = province.data as View;

    // The commune's reporter sees the commune's view, not the province's.
    const seenByCommune = await list("reporter-c1");
    expect(seenByCommune.map((v) => v.name)).toEqual(["Mô hình kinh tế xã Đông Hòa"]);
    expect(seenByCommune[0]?.mine).toBe(false);
    // The province's administrator sees both; narrowed to C1, one.
    expect((await list("admin-p1")).map((v) => v.name).sort()).toEqual([
      "Mô hình kinh tế xã Đông Hòa",
      "Toàn tỉnh 2025",
    ]);
    expect((await list("admin-p1", { underUnitId: unit("C1") })).length).toBe(1);
    expect((await list("viewer-p1", { mine: true })).length).toBe(2);
    // node(id:) keeps to the same rule.
    const { body } = await server.graphql<{ node: { name: string } | null }>(
      `query($id: ID!) { node(id: $id) { ... on SavedView { name } } }`,
      { id: provinceView.id },
      tokens["reporter-c1"],
    );
    expect(body.data?.node).toBeNull();
  });

  it("answers a retried save with the first view, writing it once", async () => {
    const again = await run(
      SAVE,
      {
        name: "Mô hình kinh tế xã Đông Hòa",
        unitId: unit("C1"),
        path: "/mo-hinh",
        query: "p=2025&sector=ECONOMY",
        idempotencyKey: "luu-goc-nhin-1",
      },
      "viewer-p1",
    );
    expect(again.__typename).toBe("MutationSaveViewSuccess");
    expect((again.data as View).id).toBe(communeView.id);
    expect(await prisma().savedView.count()).toBe(2);
  });

  it("refuses with typed Vietnamese errors: a taken name, a unit out of scope, an unknown page", async () => {
    const taken = await run(
      SAVE,
      { name: " Toàn tỉnh 2025 ", unitId: unit("C1"), path: "/", query: "" },
      "viewer-p1",
    );
    expect(taken.__typename).toBe("InputError");
    expect(taken.issues?.[0]?.path).toEqual(["input", "name"]);
    expect(taken.issues?.[0]?.message).toContain('Bạn đã có một góc nhìn tên "Toàn tỉnh 2025"');
    // The same refusal for a caller reading English.
    const english = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-language": "en",
        authorization: `Bearer ${tokens["viewer-p1"]}`,
      },
      body: JSON.stringify({
        query: SAVE,
        variables: { input: { name: "Toàn tỉnh 2025", unitId: unit("C1"), path: "/", query: "" } },
      }),
    }).then((r) => r.json() as Promise<{ data: { result: Payload } }>);
    expect(english.data.result.issues?.[0]?.message).toBe(
      'You already have a saved view named "Toàn tỉnh 2025"; choose another name.',
    );

    const outside = await run(
      SAVE,
      { name: "Xã bên cạnh", unitId: unit("C2"), path: "/", query: "" },
      "reporter-c1",
    );
    expect(outside.__typename).toBe("NotFoundError");
    expect(outside.message).toContain("Không tìm thấy đơn vị");

    const page = await run(
      SAVE,
      { name: "Trang lạ", unitId: unit("C1"), path: "/admin", query: "" },
      "reporter-c1",
    );
    expect(page.__typename).toBe("InputError");
    expect(page.issues?.[0]?.path).toEqual(["input", "path"]);

    const blank = await run(
      SAVE,
      { name: "   ", unitId: unit("C1"), path: "/", query: "" },
      "reporter-c1",
    );
    expect(blank.__typename).toBe("InputError");
    expect(blank.issues?.[0]?.message).toBe("Không được để trống.");
    expect(await prisma().savedView.count()).toBe(2);
  });

  it("refuses an idempotency key PostgreSQL cannot hold (a NUL) with a typed error, not a 500", async () => {
    const { body } = await server.graphql<{ result: Payload }>(
      DELETE,
      { input: { id: unitGid(1), idempotencyKey: "a\u0000b" } },
      tokens["reporter-c1"],
    );
    expect(JSON.stringify(body.errors ?? [])).not.toContain("INTERNAL_SERVER_ERROR");
    const result = body.data?.result ?? { __typename: "" };
    expect(result.__typename).toBe("InputError");
  });

  it("lets only the owner rename, and the owner or an administrator of the scope delete", async () => {
    const notOwner = await run(RENAME, { id: communeView.id, name: "Của tôi" }, "reporter-c1");
    expect(notOwner.__typename).toBe("ForbiddenError");
    expect(notOwner.message).toContain("Chỉ người lưu góc nhìn này");

    const renamed = await run(
      RENAME,
      { id: communeView.id, name: "Kinh tế Đông Hòa" },
      "viewer-p1",
    );
    expect((renamed.data as View).name).toBe("Kinh tế Đông Hòa");
    // The same rename again changes nothing and is not audited twice.
    const same = await run(RENAME, { id: communeView.id, name: "Kinh tế Đông Hòa" }, "viewer-p1");
    expect(same.__typename).toBe("MutationRenameViewSuccess");
    const clash = await run(RENAME, { id: communeView.id, name: "Toàn tỉnh 2025" }, "viewer-p1");
    expect(clash.__typename).toBe("InputError");

    // Out of the reporter's scope reads as missing; in it but not theirs, forbidden.
    const hidden = await run(DELETE, { id: provinceView.id }, "reporter-c1");
    expect(hidden.__typename).toBe("NotFoundError");
    const notTheirs = await run(DELETE, { id: communeView.id }, "reporter-c1");
    expect(notTheirs.__typename).toBe("ForbiddenError");

    const deleted = await run(
      DELETE,
      { id: communeView.id, idempotencyKey: "xoa-goc-nhin-1" },
      "admin-p1",
    );
    expect(deleted).toMatchObject({
      __typename: "MutationDeleteViewSuccess",
      data: communeView.id,
    });
    // A retry after a lost answer says the same, though the view is gone.
    const retried = await run(
      DELETE,
      { id: communeView.id, idempotencyKey: "xoa-goc-nhin-1" },
      "admin-p1",
    );
    expect(retried).toMatchObject({
      __typename: "MutationDeleteViewSuccess",
      data: communeView.id,
    });
    const own = await run(DELETE, { id: provinceView.id }, "viewer-p1");
    expect(own.__typename).toBe("MutationDeleteViewSuccess");
    expect(await prisma().savedView.count()).toBe(0);
  });

  it("audits every change with the view's unit, so the scope's administrators read it", async () => {
    const entries = await prisma().auditLog.findMany({
      where: { entity: "SavedView" },
      orderBy: { id: "asc" },
      select: { action: true, unitId: true, userId: true },
    });
    expect(entries.map((e) => e.action)).toEqual([
      "saveView",
      "saveView",
      "renameView",
      "deleteView",
      "deleteView",
    ]);
    expect(entries[0]?.unitId).toBe(ids.C1);
    expect(entries[1]?.unitId).toBe(ids.P1);
    expect(entries[3]).toMatchObject({ unitId: ids.C1, userId: ids["admin-p1"] });
  });
});
