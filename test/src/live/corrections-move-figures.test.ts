import { randomBytes } from "node:crypto";
import { type App, buildApp } from "@d05/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "../api/records-fixtures";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import { bearer, eventually, type LiveClient, liveClient } from "./helpers";

// A correction that takes a record out of a unit (another unit, another year, or gone) changes the
// figures of the unit it LEFT as much as those of the one it joined; so does a unit moved away
// or merged into another. For every such write, through the real server (read cache on, default
// settings): the writer's next read of the old side's cached figures equals a fresh computation
// (a second instance on the same database without a read cache), other accounts' reads do once
// it is recomputed (within the stale bound), and a live subscriber there is pushed
// those figures — naming only a unit it may see.

const year = Number(vietnamDay(-1).slice(0, 4));
const THIS_YEAR = { from: `${year}-01-01`, to: `${year}-12-31` };
const LAST_YEAR_DAY = `${year - 1}-06-15`;

const OVERVIEW = `query($u: ID!, $p: PeriodInput!) {
  overview(unitId: $u, period: $p) {
    __typename
    ... on Overview { figures { measure value previousValue } }
  }
}`;

const LIVE = `subscription($u: ID!, $p: PeriodInput!) {
  liveFigures(unitId: $u) {
    kind
    reason { entity action unitId }
    overview(period: $p) { figures { measure value previousValue } }
  }
}`;

const VISIBLE_UNIT = `query($u: ID!) { unit(id: $u) { id } }`;

type Figures = { measure: string; value: number | null; previousValue: number | null }[];

interface LivePush {
  liveFigures: {
    kind: "INITIAL" | "CHANGE" | "RESYNC";
    reason: { entity: string; action: string; unitId: string } | null;
    overview: { figures: Figures };
  };
}

/** A unit whose figures a case's correction changes, watched by an account scoped above it. */
interface Check {
  unitId: number;
  /** Who subscribes (an account whose scope holds the unit before and after). */
  as: "viewer-a" | "reporter-b";
  /** The figures must differ from before the correction (else: only be right). */
  changes: boolean;
}

interface Case {
  name: string;
  /** Writes what the correction will change; returns the correction. */
  arrange(): Promise<() => Promise<unknown>>;
  checks(): Check[];
}

async function post(url: string, query: string, variables: object, token: string) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body));
  return body.data;
}

/** A mutation `field(input: …)`; its success payload's `data`. */
async function mutateAt(
  url: string,
  token: string,
  field: string,
  input: object,
  select = "data { id }",
) {
  const cap = field.charAt(0).toUpperCase() + field.slice(1);
  const data = await post(
    url,
    `mutation($i: ${cap}Input!) {
      ${field}(input: $i) {
        __typename
        ... on Mutation${cap}Success { ${select} }
        ... on Error { message }
      }
    }`,
    { i: input },
    token,
  );
  const payload = data[field] as { __typename: string; data?: unknown };
  if (payload.__typename !== `Mutation${cap}Success`) {
    throw new Error(`${field}: ${JSON.stringify(payload)}`);
  }
  return payload.data as { id: string };
}

/** The overview's figures of a unit for this year, as `url` answers them. */
async function figures(url: string, unitId: number, token: string): Promise<Figures> {
  const data = await post(url, OVERVIEW, { u: gid("Unit", unitId), p: THIS_YEAR }, token);
  const overview = data.overview as { __typename: string; figures?: Figures };
  if (!overview.figures) throw new Error(JSON.stringify(overview));
  return overview.figures;
}

describe.each(backends)("corrections that move figures between units, on %s", (backend) => {
  let server: TestServer;
  let fresh: App;
  let freshUrl: string;
  let world: RecordsWorld;
  const tokens: Record<string, string> = {};
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    // The truth: the same database read afresh every time.
    fresh = buildApp({
      database: server.database.db,
      authSecret: TEST_AUTH_SECRET,
      port: 0,
      host: "127.0.0.1",
      readCache: false,
    });
    freshUrl = await fresh.start();
    for (const name of ["admin", "viewer-a", "reporter-b"]) {
      tokens[name] = await signIn(server, name);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await fresh?.stop();
    await server?.stop();
  });

  const mutate = (field: string, input: object, select?: string) =>
    mutateAt(server.url, tokens.admin as string, field, input, select);

  const A1 = () => gid("Unit", world.cellAId);
  const B = () => gid("Unit", world.communeBId);

  const activity = (unitId: string, attendance: number) =>
    mutate("recordActivity", {
      unitId,
      kind: "CONFERENCE",
      title: "Hội nghị quán triệt chuyên đề",
      occurredOn: vietnamDay(-1),
      sessions: 2,
      attendance,
    });
  const model = (unitId: string) =>
    mutate("registerModel", {
      unitId,
      name: "Mô hình “Dân vận khéo”",
      sector: "ECONOMY",
      level: "COMMUNE",
      leadOrganisation: "WOMEN_UNION",
      startedOn: vietnamDay(-1),
    });
  const award = (unitId: string) =>
    mutate("recordAward", {
      unitId,
      recipientKind: "COLLECTIVE",
      recipientCount: 3,
      level: "PROVINCE",
      form: "CERTIFICATE_OF_MERIT",
      awardedOn: vietnamDay(-1),
    });
  const commitment = (unitId: string) =>
    mutate("registerCommitment", {
      unitId,
      year,
      kind: "INITIATIVE",
      title: "Đề tài làm theo",
      registeredOn: vietnamDay(-1),
    });
  /** A contribution of `cashVnd` to a fresh model of the unit: its id. */
  const contributionOf = async (unitId: string, cashVnd: string) => {
    const { id } = await model(unitId);
    const recorded = (await mutate(
      "recordModelContribution",
      { modelId: id, recordedOn: vietnamDay(-1), cashVnd },
      "data { contributions(first: 1) { edges { node { id } } } }",
    )) as unknown as { contributions: { edges: { node: { id: string } }[] } };
    return recorded.contributions.edges[0]?.node.id;
  };
  const cell = async (parentId: number, code: string) =>
    (
      await mutate("createUnit", {
        parentId: gid("Unit", parentId),
        code,
        name: `Chi bộ ${code}`,
        kind: "PARTY_CELL",
      })
    ).id;

  /** The cell the record leaves, and its commune: both lose the record's figures. */
  const oldSide = (): Check[] => [
    { unitId: world.cellAId, as: "viewer-a", changes: true },
    { unitId: world.communeAId, as: "viewer-a", changes: true },
  ];
  const idOf = (globalId: string) =>
    Number(Buffer.from(globalId, "base64").toString().split(":")[1]);

  const cases: Case[] = [
    {
      name: "correctActivity moving an activity to another commune",
      async arrange() {
        const { id } = await activity(A1(), 40);
        return () => mutate("correctActivity", { id, unitId: B() });
      },
      checks: oldSide,
    },
    {
      name: "correctActivity moving an activity to another year",
      async arrange() {
        const { id } = await activity(A1(), 41);
        return () => mutate("correctActivity", { id, occurredOn: LAST_YEAR_DAY });
      },
      checks: oldSide,
    },
    {
      name: "deleteActivity",
      async arrange() {
        const { id } = await activity(A1(), 42);
        return () => mutate("deleteActivity", { id }, "data");
      },
      checks: oldSide,
    },
    {
      name: "correctModel moving a model to another commune",
      async arrange() {
        const { id } = await model(A1());
        return () => mutate("correctModel", { id, unitId: B() });
      },
      checks: oldSide,
    },
    {
      name: "changeModelStatus (a dated step of its lifecycle)",
      async arrange() {
        const { id } = await model(A1());
        return () =>
          mutate("changeModelStatus", {
            modelId: id,
            status: "REPLICATED",
            effectiveOn: vietnamDay(-1),
          });
      },
      checks: oldSide,
    },
    {
      name: "recordModelContribution",
      async arrange() {
        const { id } = await model(A1());
        return () =>
          mutate("recordModelContribution", {
            modelId: id,
            recordedOn: vietnamDay(-1),
            cashVnd: "1333980000",
          });
      },
      checks: oldSide,
    },
    {
      name: "correctModelContribution",
      async arrange() {
        const id = await contributionOf(A1(), "282000000");
        return () => mutate("correctModelContribution", { id, cashVnd: "1051980000" });
      },
      checks: oldSide,
    },
    {
      name: "deleteModelContribution",
      async arrange() {
        const id = await contributionOf(A1(), "5000000");
        return () => mutate("deleteModelContribution", { id });
      },
      checks: oldSide,
    },
    {
      name: "deleteModel",
      async arrange() {
        const { id } = await model(A1());
        return () => mutate("deleteModel", { id }, "data");
      },
      checks: oldSide,
    },
    {
      name: "correctAward moving an award to another commune",
      async arrange() {
        const { id } = await award(A1());
        return () => mutate("correctAward", { id, unitId: B() });
      },
      checks: oldSide,
    },
    {
      name: "correctAward moving an award to another year",
      async arrange() {
        const { id } = await award(A1());
        return () =>
          mutate("correctAward", {
            id,
            awardedOn: LAST_YEAR_DAY,
            // Awards count in the emulation year they honour: the year moves with the decision.
            emulationYear: year - 1,
          });
      },
      checks: oldSide,
    },
    {
      name: "deleteAward",
      async arrange() {
        const { id } = await award(A1());
        return () => mutate("deleteAward", { id }, "data");
      },
      checks: oldSide,
    },
    {
      name: "completeCommitment (dates its completion)",
      async arrange() {
        const { id } = await commitment(A1());
        return () => mutate("completeCommitment", { id, completedOn: vietnamDay(-1) });
      },
      // Completion is not among the overview's figures: they must only stay right.
      checks: () => oldSide().map((c) => ({ ...c, changes: false })),
    },
    {
      name: "correctCommitment moving a commitment to another commune",
      async arrange() {
        const { id } = await commitment(A1());
        return () => mutate("correctCommitment", { id, unitId: B() });
      },
      checks: oldSide,
    },
    {
      name: "deleteCommitment",
      async arrange() {
        const { id } = await commitment(A1());
        return () => mutate("deleteCommitment", { id }, "data");
      },
      checks: oldSide,
    },
    {
      name: "moveUnit taking a chi bộ and its records to another commune",
      async arrange() {
        const moving = await cell(world.communeAId, "CB-MOVE");
        await activity(moving, 43);
        return () => mutate("moveUnit", { id: moving, newParentId: B() });
      },
      checks: () => [
        { unitId: world.communeAId, as: "viewer-a", changes: true },
        { unitId: world.communeBId, as: "reporter-b", changes: true },
      ],
    },
    {
      name: "mergeUnit merging a chi bộ into one of another commune",
      async arrange() {
        const absorbed = await cell(world.communeAId, "CB-MERGED");
        const successor = await cell(world.communeBId, "CB-SUCCESSOR");
        // A registered chi bộ stays, the unregistered one ceases before the year ends.
        await commitment(A1());
        return () =>
          mutate("mergeUnit", {
            id: absorbed,
            intoUnitId: successor,
            effectiveOn: vietnamDay(0),
          });
      },
      checks: () => [
        // The commune's registration rate rises: fewer chi bộ, as many registered.
        { unitId: world.communeAId, as: "viewer-a", changes: true },
        // The successor's side hears of it too (its comparisons now carry the absorbed unit).
        { unitId: world.communeBId, as: "reporter-b", changes: false },
      ],
    },
  ];

  it("shows a subscriber's feed the unit a record left, not the one outside its scope it went to", async () => {
    const client = liveClient(server.url, bearer(tokens["viewer-a"] as string));
    clients.push(client);
    const feed = client.subscribe<{
      activityFeed: {
        initial: boolean;
        entries: { action: string; unitId: string; unitName: string }[];
      };
    }>(
      `subscription($u: ID!) {
        activityFeed(unitId: $u, recent: 0) { initial entries { action unitId unitName } }
      }`,
      { u: gid("Unit", world.communeAId) },
    );
    await feed.data.waitFor((d) => d.activityFeed.initial);
    const { id } = await activity(A1(), 44);
    await mutate("correctActivity", { id, unitId: B() });
    const moved = await feed.data.waitFor((d) =>
      d.activityFeed.entries.some((e) => e.action === "UPDATED"),
    );
    expect(moved.activityFeed.entries.find((e) => e.action === "UPDATED")).toEqual({
      action: "UPDATED",
      unitId: A1(),
      unitName: "Chi bộ thôn 1",
    });
    feed.unsubscribe();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: the old side's cached figures and its live subscribers are right at once",
    async (_name, testCase) => {
      const correct = await testCase.arrange();
      const checks = testCase.checks();
      const watched = await Promise.all(
        checks.map(async (check) => {
          const token = tokens[check.as] as string;
          // Read (and so cache) the figures, and listen, before the correction.
          // (The arranging writes were the administrator's: this account may be served the
          // figures from before them for a moment, while they are recomputed.)
          const expected = await figures(freshUrl, check.unitId, token);
          const before = await eventually(
            async () => {
              const cached = await figures(server.url, check.unitId, token);
              return JSON.stringify(cached) === JSON.stringify(expected) ? cached : undefined;
            },
            5_000,
            10,
          );
          expect(before).toEqual(expected);
          const client = liveClient(server.url, bearer(token));
          clients.push(client);
          const live = client.subscribe<LivePush>(LIVE, {
            u: gid("Unit", check.unitId),
            p: THIS_YEAR,
          });
          await live.data.waitFor((d) => d.liveFigures.kind === "INITIAL");
          return { check, token, before, live, from: live.data.values.length };
        }),
      );

      await correct();

      for (const { check, token, before, live, from } of watched) {
        const truth = await figures(freshUrl, check.unitId, token);
        if (check.changes) expect(truth).not.toEqual(before);
        // (a) The cached answer is retired: the writer's next read is the fresh one; another
        // account may be served the previous one until it is recomputed (READ_CACHE_MAX_STALE_MS,
        // 2 s at most), far inside the minute it would otherwise be kept.
        expect(await figures(server.url, check.unitId, tokens.admin as string)).toEqual(truth);
        await eventually(
          async () =>
            JSON.stringify(await figures(server.url, check.unitId, token)) === JSON.stringify(truth)
              ? true
              : undefined,
          5_000,
          10,
        );
        // (b) A subscriber of the unit is pushed the corrected figures.
        const push = await live.data.waitFor(
          (d) =>
            d.liveFigures.kind === "CHANGE" &&
            JSON.stringify(d.liveFigures.overview.figures) === JSON.stringify(truth),
          5_000,
          from,
        );
        // ...naming a unit the subscriber may see (not the one a record moved to elsewhere).
        const reasonUnit = push.liveFigures.reason?.unitId as string;
        const seen = (await post(server.url, VISIBLE_UNIT, { u: reasonUnit }, token)) as {
          unit: { id: string } | null;
        };
        expect(seen.unit, `unit ${idOf(reasonUnit)} shown to ${check.as}`).not.toBeNull();
        live.unsubscribe();
      }
    },
  );
});

describe("a correction on one instance, the old side watched on another (PostgreSQL, Redis)", () => {
  let database: TestDatabase;
  let world: RecordsWorld;
  const apps: App[] = [];
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    world = await prepareRecordsWorld(database);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const app of apps) await app.stop();
    await database?.drop();
  });

  async function start(options: {
    redisUrl?: string;
    redisChannelPrefix?: string;
    cache: boolean;
  }) {
    const app = buildApp({
      database: database.db,
      authSecret: TEST_AUTH_SECRET,
      port: 0,
      host: "127.0.0.1",
      redisUrl: options.redisUrl,
      redisChannelPrefix: options.redisChannelPrefix,
      ...(options.cache ? {} : { readCache: false as const }),
    });
    apps.push(app);
    return app.start();
  }

  it("retires the other instance's cached figures of the unit the record left, and pushes them", async () => {
    const shared = {
      redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      redisChannelPrefix: `d05-test-${randomBytes(6).toString("hex")}:`,
      cache: true,
    };
    const writer = await start(shared);
    const watcher = await start(shared);
    const fresh = await start({ cache: false });
    const login = (url: string, username: string) =>
      signIn({ url, graphql: graphqlAt(url) } as unknown as TestServer, username);
    const admin = await login(writer, "admin");
    const viewer = await login(watcher, "viewer-a");

    const { id } = await mutateAt(writer, admin, "recordActivity", {
      unitId: gid("Unit", world.cellAId),
      kind: "CONFERENCE",
      title: "Hội nghị",
      occurredOn: vietnamDay(-1),
      attendance: 45,
    });
    const before = await figures(watcher, world.communeAId, viewer);
    const client = liveClient(watcher, bearer(viewer));
    clients.push(client);
    const live = client.subscribe<LivePush>(LIVE, {
      u: gid("Unit", world.communeAId),
      p: THIS_YEAR,
    });
    await live.data.waitFor((d) => d.liveFigures.kind === "INITIAL");

    await mutateAt(writer, admin, "correctActivity", { id, unitId: gid("Unit", world.communeBId) });

    const truth = await figures(fresh, world.communeAId, viewer);
    expect(truth).not.toEqual(before);
    await eventually(
      async () =>
        JSON.stringify(await figures(watcher, world.communeAId, viewer)) === JSON.stringify(truth)
          ? true
          : undefined,
      5_000,
      10,
    );
    await live.data.waitFor(
      (d) =>
        d.liveFigures.kind === "CHANGE" &&
        JSON.stringify(d.liveFigures.overview.figures) === JSON.stringify(truth),
      5_000,
    );
  });
});

function graphqlAt(url: string) {
  return async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
}
