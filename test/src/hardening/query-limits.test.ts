import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, type RecordsWorld, signIn } from "../api/records-fixtures";
import { bearer, type LiveClient, liveClient } from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";
import {
  nestedUnits,
  prepareHardeningWorld,
  RESPONSE_TYPE,
  rawRequest,
  TOO_DEEP,
} from "./fixtures";

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

// The limits are protocol-level (parse, validate, execute): the same on either database, so
// one backend is enough here.
describe("limits on ad-hoc queries", () => {
  let server: TestServer;
  let world: RecordsWorld;
  const tokens: Record<string, string> = {};
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer("pglite", async (database) => {
      world = await prepareHardeningWorld(database);
    });
    for (const username of ["admin", "analyst", "viewer-a", "reporter-a"]) {
      tokens[username] = await signIn(server, username);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  const post = async (query: string, token?: string, variables?: Record<string, unknown>) => {
    const { status, body } = await server.graphql(query, variables, token);
    return { status, body: body as GraphQLBody };
  };
  const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

  async function expectStillServing() {
    const { status, body } = await post("{ units { totalCount } }", tokens.admin);
    expect(status).toBe(200);
    expect(body.data).toEqual({ units: { totalCount: 4 } });
  }

  it("refuses a query deeper than 12 levels with 400 and QUERY_TOO_DEEP, and keeps serving", async () => {
    const { status, body } = await post(TOO_DEEP, tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_DEEP");
    expect(body.errors?.[0]?.message).toBe("Truy vấn quá sâu: 13 cấp lồng nhau, tối đa 12 cấp.");
    // Twelve levels pass.
    const ok = await post(`{ units { edges { node { ${nestedUnits(2)} } } } }`, tokens.admin);
    expect(ok.status).toBe(200);
    await expectStillServing();
  });

  it("does not let fragments hide depth", async () => {
    const query = `{ units { ...U } } fragment U on UnitsConnection { edges { node { ${nestedUnits(3)} } } }`;
    const { status, body } = await post(query, tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_DEEP");
  });

  it("refuses more than 30 aliases with TOO_MANY_ALIASES", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: health`).join(" ");
    const { status, body } = await post(`{ ${aliases} }`, tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("TOO_MANY_ALIASES");
    expect(body.errors?.[0]?.message).toMatch(/31 bí danh, tối đa 30/);
    await expectStillServing();
  });

  it("refuses a document of more than 2,000 tokens with QUERY_TOO_LONG, while parsing", async () => {
    const { status, body } = await post(`{ ${"health ".repeat(2_100)}}`, tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_LONG");
    expect(body.errors?.[0]?.message).toMatch(/vượt quá 2\.000 ký hiệu/);
    await expectStillServing();
  });

  it("refuses a query over the cost budget with QUERY_TOO_COMPLEX, naming cost and budget", async () => {
    const query = `{ units(first: 500) { edges { node { children(first: 500) { edges { node { name code } } } } } } }`;
    const { status, body } = await post(query, tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors?.[0]?.extensions?.limit).toBe(10_000);
    expect(body.errors?.[0]?.message).toMatch(/vượt hạn mức 10\.000/);
    await expectStillServing();
  });

  it("counts page sizes given in variables toward the cost", async () => {
    const query = `query($n: Int) { units(first: $n) { edges { node { children(first: $n) { edges { node { name } } } } } } }`;
    const small = await post(query, tokens.admin, { n: 10 });
    expect(small.status).toBe(200);
    const large = await post(query, tokens.admin, { n: 400 });
    expect(large.status).toBe(400);
    expect(codeOf(large.body)).toBe("QUERY_TOO_COMPLEX");
    // Costs are remembered per document and page sizes: each size keeps its own verdict, and
    // variables that do not coerce are still refused for a document seen before.
    expect((await post(query, tokens.admin, { n: 10 })).status).toBe(200);
    const bad = await post(query, tokens.admin, { n: "ten" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.message).toContain('Variable "$n" got invalid value "ten"');
  });

  it("counts analytics fields at their declared cost (50 each)", async () => {
    const unitId = gid("Unit", world.provinceId);
    const overview = (i: number) =>
      `o${i}: overview(unitId: "${unitId}", period: { from: "2025-01-01", to: "2025-12-31" }) { ... on Overview { unit { name } } }`;
    // 50 + unit 1 + name 1 = 52 per alias: 3 fit in a budget of 160, 4 do not.
    const within = await post(`{ ${[0, 1, 2].map(overview).join(" ")} }`, tokens.admin);
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
    const tight = await startTestServer("pglite", undefined, { limits: { maxCost: 160 } });
    try {
      const over = await tight.graphql(`{ ${[0, 1, 2, 3].map(overview).join(" ")} }`);
      expect(over.status).toBe(400);
      expect(over.body.errors?.[0]?.message).toMatch(/chi phí 208, vượt hạn mức 160/);
    } finally {
      await tight.stop();
    }
  });

  it("refuses a page larger than 500 with PAGE_SIZE_TOO_LARGE instead of silently cutting it", async () => {
    const { status, body } = await post("{ units(first: 501) { totalCount } }", tokens.admin);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("PAGE_SIZE_TOO_LARGE");
    expect(body.errors?.[0]?.message).toMatch(/tối đa 500 bản ghi \(đã hỏi 501\)/);
    const nested = await post(
      `{ units(first: 1) { edges { node { children(last: 1000) { totalCount } } } } }`,
      tokens.admin,
    );
    expect(nested.body.errors?.[0]?.extensions?.code).toBe("PAGE_SIZE_TOO_LARGE");
    const ok = await post("{ units(first: 500) { totalCount } }", tokens.admin);
    expect(ok.body).toEqual({ data: { units: { totalCount: 4 } } });
  });

  it("applies the limits to subscriptions over SSE", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${tokens.admin}`,
      },
      body: JSON.stringify({ query: deepSubscription(world.provinceId) }),
    });
    const text = await response.text();
    expect(text).toContain("QUERY_TOO_DEEP");
    expect(text).not.toContain('"kind"');
  });

  it("applies the limits to subscriptions and queries over WebSocket", async () => {
    const client = liveClient(server.url, bearer(tokens.admin as string));
    clients.push(client);
    const deep = client.subscribe(deepSubscription(world.provinceId));
    await deep.done;
    expect(JSON.stringify(deep.results.error)).toContain("QUERY_TOO_DEEP");
    expect(deep.results.values).toEqual([]);

    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: health`).join(" ");
    const aliased = client.subscribe(`query { ${aliases} }`);
    await aliased.done;
    expect(JSON.stringify(aliased.results.error)).toContain("TOO_MANY_ALIASES");

    const long = client.subscribe(`{ ${"health ".repeat(2_100)}}`);
    await long.done;
    expect(JSON.stringify(long.results.error)).toContain("QUERY_TOO_LONG");

    const page = client.subscribe("{ units(first: 501) { totalCount } }");
    await page.done;
    expect(JSON.stringify(page.results.values)).toContain("PAGE_SIZE_TOO_LARGE");

    // The connection survives every refusal.
    const fine = client.subscribe<{ units: { totalCount: number } }>("{ units { totalCount } }");
    expect(await fine.data.nth(0)).toEqual({ units: { totalCount: 4 } });
  });

  describe("introspection", () => {
    const SCHEMA = "{ __schema { queryType { name } } }";

    it.each([
      ["anonymous callers", undefined],
      ["viewers", "viewer-a"],
      ["reporters", "reporter-a"],
    ])("is refused to %s with INTROSPECTION_DISABLED, explaining who may", async (_, who) => {
      for (const query of [SCHEMA, '{ __type(name: "Unit") { name } }']) {
        const { status, body } = await post(query, who ? tokens[who] : undefined);
        expect(status).toBe(400);
        expect(codeOf(body)).toBe("INTROSPECTION_DISABLED");
        expect(body.errors?.[0]?.message).toMatch(/phân tích viên và quản trị viên.*"Headers"/);
      }
      // __typename is not introspection: clients such as urql add it everywhere.
      expect((await post("{ __typename }", who ? tokens[who] : undefined)).body).toEqual({
        data: { __typename: "Query" },
      });
    });

    it.each([
      ["analysts", "analyst"],
      ["administrators", "admin"],
    ])("is allowed to %s, including GraphiQL's full introspection query", async (_, who) => {
      const { status, body } = await post(getIntrospectionQuery(), tokens[who]);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.__schema).toMatchObject({ queryType: { name: "Query" } });
    });

    it("hides field suggestions from those who may not introspect", async () => {
      const anonymous = await post("{ helth }");
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.errors?.[0]?.message).toBe(
        'Cannot query field "helth" on type "Query".',
      );
      const analyst = await post("{ helth }", tokens.analyst);
      expect(analyst.body.errors?.[0]?.message).toMatch(/Did you mean "health"\?/);
    });

    it("hides suggestions in variable errors from those who may not introspect", async () => {
      const byKind = "query($k: UnitKind!) { units(filter: { kind: $k }) { totalCount } }";
      const byFilter = "query($f: UnitFilter) { units(filter: $f) { totalCount } }";
      for (const who of [undefined, "viewer-a", "reporter-a"]) {
        const token = who ? tokens[who] : undefined;
        const kind = await post(byKind, token, { k: "COMMUN" });
        expect(kind.status).toBe(400);
        expect(kind.body.errors?.[0]?.message).toBe(
          'Variable "$k" got invalid value "COMMUN"; Value "COMMUN" does not exist in "UnitKind" enum.',
        );
        const field = await post(byFilter, token, { f: { kindd: "COMMUNE" } });
        expect(field.status).toBe(400);
        expect(field.body.errors?.[0]?.message).toBe(
          'Variable "$f" got invalid value { kindd: "COMMUNE" }; Field "kindd" is not defined by type "UnitFilter".',
        );
        // The same document asked again: nothing remembered from the first answer leaks through.
        const again = await post(byKind, token, { k: "COMMUN" });
        expect(JSON.stringify(again.body)).not.toMatch(/Did you mean|COMMUNE/);
      }
      const analyst = await post(byKind, tokens.analyst, { k: "COMMUN" });
      expect(analyst.body.errors?.[0]?.message).toMatch(/Did you mean the enum value "COMMUNE"\?/);
      const viaSocket = liveClient(server.url, bearer(tokens["viewer-a"] as string));
      clients.push(viaSocket);
      const refused = viaSocket.subscribe(byKind, { k: "COMMUN" });
      await refused.done;
      const answer = JSON.stringify([refused.results.values, refused.results.error]);
      expect(answer).toContain('does not exist in \\"UnitKind\\" enum');
      expect(answer).not.toContain("Did you mean");
    });

    it("is refused over WebSocket to a viewer and allowed to an analyst", async () => {
      const viewer = liveClient(server.url, bearer(tokens["viewer-a"] as string));
      const analyst = liveClient(server.url, bearer(tokens.analyst as string));
      clients.push(viewer, analyst);
      const refused = viewer.subscribe(SCHEMA);
      await refused.done;
      expect(JSON.stringify(refused.results.error)).toContain("INTROSPECTION_DISABLED");
      const allowed = analyst.subscribe<{ __schema: { queryType: { name: string } } }>(SCHEMA);
      expect(await allowed.data.nth(0)).toEqual({ __schema: { queryType: { name: "Query" } } });
    });
  });

  describe("request bodies", () => {
    it("refuses a body over 16 MiB with 413 from its Content-Length, without reading it", async () => {
      // Announces 1 GiB and sends none of it: the answer cannot depend on reading the body.
      const response = await rawRequest(server.url, {
        "content-type": "application/json",
        "content-length": String(1024 ** 3),
      });
      expect(response.status).toBe(413);
      expect(response.headers.connection).toBe("close");
      const body = JSON.parse(response.text) as GraphQLBody;
      expect(body.errors?.[0]?.extensions?.code).toBe("REQUEST_TOO_LARGE");
      expect(body.errors?.[0]?.message).toMatch(/tối đa 16\.777\.216 byte/);
      await expectStillServing();
    });

    it("accepts a body without a Content-Length (chunked)", async () => {
      const response = await rawRequest(
        server.url,
        {
          "content-type": "application/json",
          accept: RESPONSE_TYPE,
          "transfer-encoding": "chunked",
        },
        '{"query":"{ health }"}',
        true,
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ data: { health: true } });
    });

    it("accepts a body just under the limit", async () => {
      const padding = "x".repeat(15 * 1024 * 1024);
      const { status, body } = await post(
        "query($pad: String!) { unitByCode(code: $pad) { name } }",
        tokens.admin,
        { pad: padding },
      );
      // Read and parsed whole: what answers is the argument's own rule (a field error, so 200 with
      // data.unitByCode null), not the size limit.
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(body.errors?.[0]?.message).toMatch(/^code: Quá dài/);
    });
  });

  describe("CSRF prevention", () => {
    const form = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: RESPONSE_TYPE,
          ...headers,
        },
        body: `query=${encodeURIComponent("{ health }")}`,
      });

    it("refuses a form POST (which a browser sends cross-site without preflight) with 403", async () => {
      const response = await form();
      expect(response.status).toBe(403);
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors?.[0]?.extensions?.code).toBe("CSRF_REFUSED");
      expect(body.errors?.[0]?.message).toMatch(/X-GraphQL-Yoga-CSRF/);
    });

    it("accepts the same request with the CSRF header", async () => {
      const response = await form({ "x-graphql-yoga-csrf": "1" });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { health: true } });
    });

    it("accepts JSON POSTs and GETs with or without a token", async () => {
      expect((await post("{ health }")).status).toBe(200);
      const get = (headers: Record<string, string>) =>
        fetch(`${server.url}/graphql?query=${encodeURIComponent("{ me { username } }")}`, {
          headers: { accept: RESPONSE_TYPE, ...headers },
        });
      expect(await (await get({})).json()).toEqual({ data: { me: null } });
      expect(await (await get({ authorization: `Bearer ${tokens.admin}` })).json()).toEqual({
        data: { me: { username: "admin" } },
      });
    });
  });
});

function deepSubscription(unitId: number): string {
  return `subscription { liveFigures(unitId: "${gid("Unit", unitId)}") {
    overview(period: { from: "2025-01-01", to: "2025-12-31" }) { unit { ${nestedUnits(3)} } }
  } }`;
}

describe("a server with strict CSRF prevention and a 1 KiB body limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite", undefined, {
      limits: { csrf: "strict", maxBodyBytes: 1024 },
    });
  });
  afterAll(() => server?.stop());

  const get = (headers: Record<string, string>) =>
    fetch(`${server.url}/graphql?query=${encodeURIComponent("{ health }")}`, {
      headers: { accept: RESPONSE_TYPE, ...headers },
    });

  it("refuses a simple GET without the header with 403", async () => {
    const response = await get({});
    expect(response.status).toBe(403);
    expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe(
      "CSRF_REFUSED",
    );
  });

  it("accepts a GET with the CSRF header, and still serves GraphiQL to a browser", async () => {
    const response = await get({ "x-graphql-yoga-csrf": "1" });
    expect(await response.json()).toEqual({ data: { health: true } });
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("GraphiQL");
  });

  it("counts a chunked body as it streams in and refuses it past the limit with 413", async () => {
    const response = await rawRequest(
      server.url,
      { "content-type": "application/json", accept: RESPONSE_TYPE, "transfer-encoding": "chunked" },
      JSON.stringify({ query: "{ health }", variables: { pad: "x".repeat(4096) } }),
      true,
    );
    expect(response.status).toBe(413);
    expect(response.text).toContain("Request body too large");
  });

  it("closes a WebSocket whose message exceeds the limit (1009)", async () => {
    const { liveClient: open } = await import("../live/helpers");
    const client = open(server.url, { token: "x".repeat(4096) });
    const closed = await client.closes.nth(0);
    expect(closed.code).toBe(1009);
    await client.dispose();
  });
});
