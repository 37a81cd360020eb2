import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, type RecordsWorld, signIn } from "../api/records-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import { prepareHardeningWorld } from "./fixtures";

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/** A Unit's descendants page inside `nodes`: what one id of a `nodes` list costs. */
const NODES_WITH_DESCENDANTS = `query($ids: [ID!]!, $n: Int) {
  nodes(ids: $ids) { id ... on Unit { descendants(kind: COMMUNE, first: $n) { edges { node { unit { id name } } } } } }
}`;

// The cost is computed from the document and the variables alone (protocol level): one backend
// is enough here. The load and time-limit tests (expensive-queries.test.ts) run on both.
describe("the cost of a query", () => {
  let server: TestServer;
  let world: RecordsWorld;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer("pglite", async (database) => {
      world = await prepareHardeningWorld(database);
    });
    for (const username of ["admin", "analyst", "viewer-a"]) {
      tokens[username] = await signIn(server, username);
    }
  });
  afterAll(() => server?.stop());

  const post = async (query: string, token?: string, variables?: Record<string, unknown>) => {
    const { status, body } = await server.graphql(query, variables, token);
    return { status, body: body as GraphQLBody };
  };
  const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
  const ids = (count: number) => Array.from({ length: count }, () => gid("Unit", world.provinceId));

  describe("nodes(ids:)", () => {
    it("refuses more than 100 ids with a typed error naming the argument", async () => {
      // The field's own rule, like every argument's: a typed error on `nodes`, no record loaded.
      const { body } = await post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", tokens.admin, {
        ids: ids(101),
      });
      expect(codeOf(body)).toBe("BAD_USER_INPUT");
      expect(body.errors?.[0]?.path).toEqual(["nodes"]);
      expect(body.errors?.[0]?.message).toMatch(/^ids: /);
      expect(body.errors?.[0]?.message).toMatch(/tối đa 100/);
      expect(body.errors?.[0]?.extensions?.issues).toEqual([
        // Each issue carries its English wording beside the Vietnamese (the message table).
        { path: ["ids"], message: expect.stringMatching(/100/), en: expect.stringMatching(/100/) },
      ]);
      expect(body.data ?? null).toBeNull();
      // The same with the list written in the document.
      const literal = await post(
        `{ nodes(ids: [${ids(101)
          .map((id) => `"${id}"`)
          .join(",")}]) { id } }`,
        tokens.admin,
      );
      expect(codeOf(literal.body)).toBe("BAD_USER_INPUT");
      expect(literal.body.data ?? null).toBeNull();
    });

    it("answers 100 ids", async () => {
      const { status, body } = await post(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        tokens.admin,
        { ids: ids(100) },
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.nodes).toHaveLength(100);
    });

    it("costs each id: 100 ids each asking for a page of 100 are over the budget", async () => {
      // Each id: nodes' item (id 1 + descendants 1 + 100 × (edges, node, unit, id, name: 5)).
      const { status, body } = await post(NODES_WITH_DESCENDANTS, tokens["viewer-a"], {
        ids: ids(100),
        n: 100,
      });
      expect(status).toBe(400);
      expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
      expect(body.errors?.[0]?.extensions?.cost).toBe(1 + 100 * (2 + 100 * 5));
      // Two ids of the same document are cheap; the verdict for one list is not reused for another.
      const few = await post(NODES_WITH_DESCENDANTS, tokens["viewer-a"], { ids: ids(2), n: 100 });
      expect(few.status).toBe(200);
      expect(few.body.errors).toBeUndefined();
      const many = await post(NODES_WITH_DESCENDANTS, tokens["viewer-a"], {
        ids: ids(100),
        n: 100,
      });
      expect(codeOf(many.body)).toBe("QUERY_TOO_COMPLEX");
    });

    it("costs a list written in the document by its length too", async () => {
      const list = ids(60)
        .map((id) => `"${id}"`)
        .join(",");
      const { status, body } = await post(
        `{ nodes(ids: [${list}]) { ... on Unit { descendants(kind: COMMUNE, first: 100) { edges { node { unit { id name } } } } } } }`,
        tokens.admin,
      );
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.cost).toBe(1 + 60 * (1 + 100 * 5));
    });
  });

  it("counts what will run: fragments wherever they are spread, not what @include leaves out", async () => {
    const query = `query($ids: [ID!]!, $with: Boolean!) {
      a: nodes(ids: $ids) { ...Page }
      b: nodes(ids: $ids) @include(if: $with) { ...Page }
    }
    fragment Page on Node { ... on Unit { descendants(kind: COMMUNE, first: 10) { edges { node { unit { id name } } } } } }`;
    // Each nodes field: 1 + 60 × (descendants 1 + 10 × 5) = 3061.
    const one = await post(query, tokens.admin, { ids: ids(60), with: false });
    expect(one.status).toBe(200);
    expect(one.body.errors).toBeUndefined();
    const both = await post(query, tokens.admin, { ids: ids(100), with: true });
    expect(both.body.errors?.[0]?.extensions?.cost).toBe(2 * (1 + 100 * 51));
  });

  it("keeps the budget for the rest of a query when one field's argument is invalid", async () => {
    // unitByCode's code fails its rule (too long); that must not switch off the cost check of the
    // expensive field beside it.
    const { status, body } = await post(
      `query($ids: [ID!]!) {
        unitByCode(code: "${"x".repeat(200)}") { id }
        nodes(ids: $ids) { ... on Unit { descendants(kind: COMMUNE, first: 500) { edges { node { unit { id name } } } } } }
      }`,
      tokens.admin,
      { ids: ids(100) },
    );
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
  });

  describe("is never one caller's answer for another", () => {
    const UNIT = "query($id: ID!) { unit(id: $id) { id name } }";

    it("an anonymous caller's invalid id does not make an admin's valid id fail", async () => {
      const bad = await post(UNIT, undefined, { id: "x" });
      expect(bad.body.data?.unit ?? null).toBeNull();
      expect(bad.body.errors?.length).toBeGreaterThan(0);
      const valid = gid("Unit", world.provinceId);
      for (const who of ["admin", "viewer-a", "analyst"]) {
        const { status, body } = await post(UNIT, tokens[who], { id: valid });
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        if (who === "viewer-a") expect(body.data).toEqual({ unit: null });
        else expect(body.data).toEqual({ unit: { id: valid, name: "Tỉnh Thử Nghiệm" } });
      }
      // And the caller with the bad id still hears about it, every time.
      const again = await post(UNIT, tokens.admin, { id: "x" });
      expect(again.body.errors?.[0]?.message).toMatch(/x/);
    });

    it("a caller's over-budget page does not refuse another caller's small one", async () => {
      const query = `query($n: Int) { units(first: $n) { edges { node { children(first: $n) { edges { node { name } } } } } } }`;
      expect(codeOf((await post(query, tokens["viewer-a"], { n: 400 })).body)).toBe(
        "QUERY_TOO_COMPLEX",
      );
      const small = await post(query, tokens.admin, { n: 5 });
      expect(small.status).toBe(200);
      expect(small.body.errors).toBeUndefined();
    });

    it("an invalid argument in one request is not reported to the next request of the same document", async () => {
      const query = "query($code: String!) { unitByCode(code: $code) { name } }";
      const tooLong = await post(query, tokens.admin, { code: "x".repeat(200) });
      expect(codeOf(tooLong.body)).toBe("BAD_USER_INPUT");
      const fine = await post(query, tokens.admin, { code: "P01" });
      expect(fine.body).toEqual({ data: { unitByCode: { name: "Tỉnh Thử Nghiệm" } } });
    });
  });
});
