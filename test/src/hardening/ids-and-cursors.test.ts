// A global id or a cursor the server never issued (a non-numeric or above-32-bit number, bad
// base64, a forged cursor) is a typed error naming what is wrong, never INTERNAL_SERVER_ERROR:
// every field that takes an id (queries, mutations, node/nodes, filters, subscriptions) and every
// connection's after/before, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type LiveClient, liveClient } from "../live/helpers";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { assertServing, DAY, gid, prepareWorld, signIn, type World } from "./support/world";

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** Ids of `typename` the server never issues. */
function badIdsOf(typename: string): string[] {
  return [
    b64(`${typename}:99999999999`), // above 32 bits (the Int columns)
    b64(`${typename}:2147483648`), // 2^31: one past the largest Int
    b64(`${typename}:abc`),
    b64(`${typename}:1.5`),
    b64(`${typename}:1e3`),
    b64(`${typename}:0x10`),
    b64(`${typename}:-1`),
    "not base64!",
    "9".repeat(40),
  ];
}

/** Cursors nobody was given: a forged payload, an out-of-range number, junk. */
const BAD_CURSORS = [
  b64("GPC:N:99999999999"),
  b64("GPC:N:abc"),
  b64("GPC:S:1"),
  b64("GPC:T:[1,2]"),
  b64("GPC:O:{}"),
  b64("XYZ:N:1"),
  "not base64!",
  b64("GPC:N:1.5"),
];

interface Case {
  name: string;
  /** The argument (path) the error must name. */
  argument: string;
  query: string;
  variables: (bad: string) => Record<string, unknown>;
  bad: string[];
}

/** Selection of a result union: its typed errors. */
const UNION =
  "{ __typename ... on Error { message } ... on InputError { issues { path message } } }";
const METRICS = `query($i: MetricsInput!) { metrics(input: $i) ${UNION} }`;

const PERIOD = { from: "2025-01-01", to: "2025-12-31" };

function cases(w: World): Case[] {
  const unit = gid("Unit", w.a.communeId);
  const mutation = (name: string, input: string) =>
    `mutation($input: ${input}!) { ${name}(input: $input) { __typename ... on Error { message } ... on InputError { issues { path message } } } }`;
  const lookups = ["Activity", "Award", "Commitment", "Model", "Theme", "Unit", "User"].map(
    (typename): Case => ({
      name: `${typename.toLowerCase()}(id)`,
      argument: "id",
      query: `query($id: ID!) { ${typename.toLowerCase()}(id: $id) { id } }`,
      variables: (bad) => ({ id: bad }),
      bad: badIdsOf(typename),
    }),
  );
  const connections = ["activities", "awards", "commitments", "models", "units", "users"].flatMap(
    (field): Case[] =>
      (["after", "before"] as const).map((arg) => ({
        name: `${field}(${arg})`,
        argument: arg,
        query: `query($c: String) { ${field}(${arg}: $c, ${arg === "after" ? "first" : "last"}: 2) { edges { node { id } } } }`,
        variables: (bad) => ({ c: bad }),
        bad: BAD_CURSORS,
      })),
  );
  return [
    ...lookups,
    {
      name: "node(id)",
      argument: "id",
      query: "query($id: ID!) { node(id: $id) { id } }",
      variables: (bad) => ({ id: bad }),
      bad: [...badIdsOf("Activity"), ...badIdsOf("Unit")],
    },
    {
      name: "nodes(ids)",
      argument: "ids",
      query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
      variables: (bad) => ({ ids: [unit, bad] }),
      bad: badIdsOf("Award"),
    },
    {
      name: "overview(unitId)",
      argument: "unitId",
      query: `query($u: ID!, $p: PeriodInput!) { overview(unitId: $u, period: $p) ${UNION} }`,
      variables: (bad) => ({ u: bad, p: PERIOD }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "trend(unitId)",
      argument: "unitId",
      query: `query($u: ID!, $p: PeriodInput!) { trend(unitId: $u, period: $p, measure: ACTIVITIES, granularity: MONTH) ${UNION} }`,
      variables: (bad) => ({ u: bad, p: PERIOD }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "comparison(unitId)",
      argument: "unitId",
      query: `query($u: ID!, $p: PeriodInput!) { comparison(unitId: $u, period: $p, measure: ACTIVITIES, childLevel: COMMUNE) ${UNION} }`,
      variables: (bad) => ({ u: bad, p: PERIOD }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "metrics(input.unitId)",
      argument: "unitId",
      query: METRICS,
      variables: (bad) => ({ i: { unitId: bad, period: PERIOD, measures: ["ACTIVITIES"] } }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "metrics(input.filters.themeIds)",
      argument: "themeIds",
      query: METRICS,
      variables: (bad) => ({
        i: { period: PERIOD, measures: ["ACTIVITIES"], filters: { themeIds: [bad] } },
      }),
      bad: badIdsOf("Theme"),
    },
    {
      name: "activities(filter.underUnitId)",
      argument: "underUnitId",
      query: `query($u: ID) { activities(filter: { underUnitId: $u }) { edges { node { id } } } }`,
      variables: (bad) => ({ u: bad }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "awards(filter.modelId)",
      argument: "modelId",
      query: `query($m: ID) { awards(filter: { modelId: $m }) { edges { node { id } } } }`,
      variables: (bad) => ({ m: bad }),
      bad: badIdsOf("Model"),
    },
    {
      name: "units(filter.underUnitId)",
      argument: "underUnitId",
      query: `query($u: ID) { units(filter: { underUnitId: $u }) { edges { node { id } } } }`,
      variables: (bad) => ({ u: bad }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "users(filter.unitId)",
      argument: "unitId",
      query: `query($u: ID) { users(filter: { unitId: $u }) { edges { node { id } } } }`,
      variables: (bad) => ({ u: bad }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "auditLog(filter.userId)",
      argument: "userId",
      query: `query($u: ID) { auditLog(filter: { userId: $u }) { edges { node { id } } } }`,
      variables: (bad) => ({ u: bad }),
      bad: badIdsOf("User"),
    },
    {
      name: "unit.descendants(after)",
      argument: "after",
      query: `query($id: ID!, $c: String) { unit(id: $id) { descendants(kind: PARTY_CELL, after: $c, first: 2) { edges { node { distance } } } } }`,
      variables: (bad) => ({ id: gid("Unit", w.provinceId), c: bad }),
      bad: BAD_CURSORS,
    },
    ...connections,
    {
      name: "recordActivity(input.unitId)",
      argument: "unitId",
      query: mutation("recordActivity", "RecordActivityInput"),
      variables: (bad) => ({
        input: {
          unitId: bad,
          kind: "CONFERENCE",
          title: "Hội nghị",
          occurredOn: DAY,
          sessions: 1,
          attendance: 10,
        },
      }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "correctActivity(input.id)",
      argument: "id",
      query: mutation("correctActivity", "CorrectActivityInput"),
      variables: (bad) => ({ input: { id: bad, attendance: 11 } }),
      bad: badIdsOf("Activity"),
    },
    {
      name: "deleteAward(input.id)",
      argument: "id",
      query: mutation("deleteAward", "DeleteAwardInput"),
      variables: (bad) => ({ input: { id: bad } }),
      bad: badIdsOf("Award"),
    },
    {
      name: "updateUnit(input.id)",
      argument: "id",
      query: mutation("updateUnit", "UpdateUnitInput"),
      variables: (bad) => ({ input: { id: bad, name: "Tên mới" } }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "moveUnit(input.newParentId)",
      argument: "newParentId",
      query: mutation("moveUnit", "MoveUnitInput"),
      variables: (bad) => ({ input: { id: gid("Unit", w.a.cellId), newParentId: bad } }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "createUser(input.unitId)",
      argument: "unitId",
      query: mutation("createUser", "CreateUserInput"),
      variables: (bad) => ({
        input: {
          username: "moi-tao",
          displayName: "Mới",
          password: "mat-khau-rat-dai-01",
          role: "VIEWER",
          unitId: bad,
        },
      }),
      bad: badIdsOf("Unit"),
    },
    {
      name: "updateUser(input.id)",
      argument: "id",
      query: mutation("updateUser", "UpdateUserInput"),
      variables: (bad) => ({ input: { id: bad, displayName: "Tên" } }),
      bad: badIdsOf("User"),
    },
    {
      name: "revokeTokens(input.userId)",
      argument: "userId",
      query: mutation("revokeTokens", "RevokeTokensInput"),
      variables: (bad) => ({ input: { userId: bad } }),
      bad: badIdsOf("User"),
    },
  ];
}

/**
 * A typed refusal: a top-level error with BAD_USER_INPUT, or the InputError member of a
 * mutation's result; in both, the message or an issue path names the argument.
 */
function refusal(body: {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}): { code: string; text: string } | null {
  const error = body.errors?.[0];
  if (error) {
    return {
      code: String(error.extensions?.code),
      text: `${error.message} ${JSON.stringify(error.extensions?.issues ?? [])}`,
    };
  }
  const payload = Object.values(body.data ?? {})[0] as
    | { __typename?: string; message?: string; issues?: { path: string[] }[] }
    | undefined;
  if (payload?.__typename === "InputError") {
    return {
      code: "BAD_USER_INPUT",
      text: `${payload.message} ${JSON.stringify(payload.issues?.map((i) => i.path) ?? [])}`,
    };
  }
  return null;
}

describe.each(backends)("ids and cursors the server never issued, on %s", (backend) => {
  let server: TestServer;
  let world: World;
  let admin: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareWorld(database);
    });
    admin = await signIn(server, "admin-p");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("answers every id- and cursor-taking field with a typed error naming the argument", async () => {
    const wrong: string[] = [];
    for (const c of cases(world)) {
      for (const bad of c.bad) {
        const { status, body } = await server.graphql(c.query, c.variables(bad), admin);
        const typed = refusal(body as never);
        const ok =
          typed !== null &&
          typed.code === "BAD_USER_INPUT" &&
          typed.text.includes(c.argument) &&
          /không hợp lệ/.test(typed.text) &&
          status < 500;
        if (!ok)
          wrong.push(`${c.name} ← ${JSON.stringify(bad)}: ${status} ${JSON.stringify(body)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await assertServing(server)).toBe(true);
  });

  it("still answers valid ids and cursors", async () => {
    const { body } = await server.graphql<{
      activities: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } };
    }>(`{ activities(first: 1) { edges { node { id } } pageInfo { endCursor } } }`, {}, admin);
    const cursor = body.data?.activities.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const next = await server.graphql<{ activities: { edges: { node: { id: string } }[] } }>(
      `query($c: String) { activities(first: 1, after: $c) { edges { node { id } } } }`,
      { c: cursor },
      admin,
    );
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data?.activities.edges).toHaveLength(1);
    const lookup = await server.graphql<{ unit: { id: string } | null }>(
      `query($id: ID!) { unit(id: $id) { id } }`,
      { id: gid("Unit", world.a.communeId) },
      admin,
    );
    expect(lookup.body.data?.unit?.id).toBe(gid("Unit", world.a.communeId));
    // A well-formed id of a record that does not exist is still simply null.
    const missing = await server.graphql<{ activity: null }>(
      `query($id: ID!) { activity(id: $id) { id } }`,
      { id: gid("Activity", 2_147_483_647) },
      admin,
    );
    expect(missing.body).toEqual({ data: { activity: null } });
  });

  it("refuses a bad unit id in a subscription with a typed error", async () => {
    const client = liveClient(server.url, bearer(admin));
    clients.push(client);
    for (const bad of [b64("Unit:99999999999"), b64("Unit:abc")]) {
      const sub = client.subscribe("subscription($u: ID!) { liveFigures(unitId: $u) { kind } }", {
        u: bad,
      });
      const first = await sub.results.nth(0);
      expect(first.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(first.errors?.[0]?.message).toMatch(/unitId.*không hợp lệ|không hợp lệ.*unitId/);
    }
  });
});
