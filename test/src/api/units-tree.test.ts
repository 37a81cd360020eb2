import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { login, prepareTree, unitGid } from "./units-fixtures";

const UNIT_FIELDS = `id code name kind depth childCount breadcrumb
  parent { code } ancestors { code }`;

describe.each(backends)("the unit tree on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  let admin: string;
  let reporter: string;
  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      ids = await prepareTree(database.db.prisma);
    });
    admin = await login(server, "admin");
    reporter = await login(server, "reporter-c1");
  });
  afterAll(() => server.stop());

  const id = (code: string) => unitGid(ids[code] as number);

  it("lists children, ancestors and descendants of a unit", async () => {
    const { body } = await server.graphql<{
      unit: {
        code: string;
        ancestors: { code: string }[];
        parent: { code: string };
        breadcrumb: string;
        children: { totalCount: number; edges: { node: { code: string } }[] };
        descendants: {
          totalCount: number;
          edges: { node: { distance: number; unit: { code: string } } }[];
        };
      };
    }>(
      `query($id: ID!) { unit(id: $id) { ${UNIT_FIELDS}
          children(kind: COMMUNE) { totalCount edges { node { code } } }
          descendants(kind: PARTY_CELL) { totalCount edges { node { distance unit { code } } } } } }`,
      { id: id("P1") },
      admin,
    );
    expect(body.errors).toBeUndefined();
    const unit = body.data?.unit;
    expect(unit?.code).toBe("P1");
    expect(unit?.parent.code).toBe("TW");
    expect(unit?.ancestors.map((a) => a.code)).toEqual(["TW"]);
    expect(unit?.breadcrumb).toBe("Ban Tuyên giáo Trung ương › Tỉnh Một");
    expect(unit?.children.totalCount).toBe(2);
    // By name; the collation decides where "Đ" goes, so compare as a set.
    expect(unit?.children.edges.map((e) => e.node.code).sort()).toEqual(["C1", "C2"]);
    expect(unit?.descendants.totalCount).toBe(2);
    expect(unit?.descendants.edges.map((e) => e.node.unit.code).sort()).toEqual([
      "C1-CB1",
      "C1-CB2",
    ]);
    expect(unit?.descendants.edges.map((e) => e.node.distance)).toEqual([2, 2]);

    const cell = await server.graphql<{ unitByCode: { ancestors: { code: string }[] } }>(
      `{ unitByCode(code: "C1-CB2") { ancestors { code } } }`,
      {},
      admin,
    );
    expect(cell.body.data?.unitByCode.ancestors.map((a) => a.code)).toEqual(["TW", "P1", "C1"]);
  });

  it("pages through units with a total count, filtered and ordered", async () => {
    const first = await server.graphql<{
      units: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { code: string } }[];
      };
    }>(
      `{ units(filter: { kind: COMMUNE }, orderBy: CODE_ASC, first: 2) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`,
      {},
      admin,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.units.totalCount).toBe(3);
    expect(first.body.data?.units.edges.map((e) => e.node.code)).toEqual(["C1", "C2"]);
    const next = await server.graphql<{ units: { edges: { node: { code: string } }[] } }>(
      `query($after: String) { units(filter: { kind: COMMUNE }, orderBy: CODE_ASC, first: 2, after: $after) {
          edges { node { code } } } }`,
      { after: first.body.data?.units.pageInfo.endCursor },
      admin,
    );
    expect(next.body.data?.units.edges.map((e) => e.node.code)).toEqual(["C3"]);

    const search = await server.graphql<{ units: { edges: { node: { code: string } }[] } }>(
      `query($under: ID) { units(filter: { search: "đông HÒA", underUnitId: $under }) { edges { node { code } } } }`,
      { under: id("P1") },
      admin,
    );
    expect(search.body.data?.units.edges.map((e) => e.node.code)).toEqual(["C1"]);
  });

  it("keeps a commune reporter inside its commune through every field", async () => {
    const list = await server.graphql<{
      units: { totalCount: number; edges: { node: { code: string } }[] };
    }>(`{ units { totalCount edges { node { code } } } }`, {}, reporter);
    expect(list.body.data?.units.totalCount).toBe(3);
    expect(list.body.data?.units.edges.map((e) => e.node.code).sort()).toEqual([
      "C1",
      "C1-CB1",
      "C1-CB2",
    ]);

    const outside = await server.graphql<Record<string, unknown>>(
      `query($p: ID!, $c: ID!) {
        province: unit(id: $p) { code }
        sibling: unit(id: $c) { code }
        byCode: unitByCode(code: "P1") { code }
        node(id: $p) { id }
        under: units(filter: { underUnitId: $p }) { totalCount }
      }`,
      { p: id("P1"), c: id("C2") },
      reporter,
    );
    expect(outside.body.errors).toBeUndefined();
    expect(outside.body.data).toEqual({
      province: null,
      sibling: null,
      byCode: null,
      node: null,
      under: { totalCount: 0 },
    });

    const own = await server.graphql<{
      unitByCode: { parent: null; ancestors: unknown[]; breadcrumb: string };
      cell: { parent: { code: string }; ancestors: { code: string }[]; breadcrumb: string };
    }>(
      `{ unitByCode(code: "C1") { parent { code } ancestors { code } breadcrumb }
         cell: unitByCode(code: "C1-CB1") { parent { code } ancestors { code } breadcrumb } }`,
      {},
      reporter,
    );
    expect(own.body.data?.unitByCode).toEqual({
      parent: null,
      ancestors: [],
      breadcrumb: "Xã Đông Hòa",
    });
    expect(own.body.data?.cell.parent).toEqual({ code: "C1" });
    expect(own.body.data?.cell.ancestors).toEqual([{ code: "C1" }]);
  });

  it("refuses anonymous callers with UNAUTHENTICATED", async () => {
    const { body } = await server.graphql(`{ units { totalCount } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
