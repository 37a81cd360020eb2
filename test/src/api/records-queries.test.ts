import { buildApp } from "@d05/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countingDatabase } from "../support/counting";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases";
import { TEST_AUTH_SECRET, type TestServer } from "../support/server";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "./records-fixtures";

const ACTIVITIES = `query($first: Int) {
  activities(first: $first) {
    totalCount
    edges { node { id title unit { id name } theme { year } } }
  }
}`;

const MODELS = `query($first: Int) {
  models(first: $first, orderBy: NAME_ASC) {
    edges { node {
      id name status
      unit { id name }
      contributionTotals { records participants totalVnd landM2 workdays }
      statusHistory { status effectiveOn }
      statusOn(date: "2024-06-01")
    } }
  }
}`;

describe.each(backends)("record lists on %s", (backend) => {
  let database: TestDatabase;
  let world: RecordsWorld;
  let app: ReturnType<typeof buildApp>;
  let server: Pick<TestServer, "graphql">;
  let statements: () => number;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    world = await prepareRecordsWorld(database);
    const prisma = database.db.prisma;
    const units = [world.communeAId, world.cellAId];
    for (let i = 0; i < 50; i++) {
      await prisma.activity.create({
        data: {
          unitId: units[i % 2] as number,
          themeId: world.themeId,
          kind: "THEMATIC_SESSION",
          title: `Hoạt động ${i}`,
          occurredOn: new Date(Date.UTC(2024, 0, 1 + i)),
          attendance: 10 + i,
        },
      });
      await prisma.model.create({
        data: {
          unitId: units[i % 2] as number,
          name: `Mô hình ${String(i).padStart(2, "0")}`,
          sector: "ECONOMY",
          level: "COMMUNE",
          leadOrganisation: "WOMEN_UNION",
          startedOn: new Date(Date.UTC(2023, 0, 1)),
          status: "MAINTAINED",
          statusHistory: {
            create: [
              { status: "REGISTERED", effectiveOn: new Date(Date.UTC(2023, 0, 1)) },
              { status: "MAINTAINED", effectiveOn: new Date(Date.UTC(2024, 0, 1)) },
            ],
          },
          contributions: {
            create: [
              {
                recordedOn: new Date(Date.UTC(2024, 1, 1)),
                participants: i,
                landM2: 5,
                landValueVnd: 1_000_000n * BigInt(i),
                workdays: 2,
              },
              {
                recordedOn: new Date(Date.UTC(2024, 2, 1)),
                participants: 1,
                cashVnd: 333_980_000n,
                landM2: 0,
                workdays: 1,
              },
            ],
          },
        },
      });
    }
    const counting = countingDatabase(database.db);
    statements = counting.statements;
    app = buildApp({
      database: counting.database,
      authSecret: TEST_AUTH_SECRET,
      port: 0,
      host: "127.0.0.1",
    });
    const url = await app.start();
    server = {
      async graphql(query, variables, bearer) {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: await response.json() };
      },
    };
    token = await signIn(server as TestServer, "reporter-a");
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function cost(query: string, first: number) {
    const before = statements();
    const { body } = await server.graphql<Record<string, { edges: unknown[] }>>(
      query,
      { first },
      token,
    );
    expect(body.errors).toBeUndefined();
    return { statements: statements() - before, data: body.data };
  }

  it("loads a page of activities with unit and theme in a number of statements independent of its size", async () => {
    // Warm: the account behind the token and the scope's paths are kept across requests.
    await cost(ACTIVITIES, 1);
    const small = await cost(ACTIVITIES, 5);
    const large = await cost(ACTIVITIES, 50);
    expect(small.data?.activities?.edges).toHaveLength(5);
    expect(large.data?.activities?.edges).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeGreaterThanOrEqual(2);
    expect(large.statements).toBeLessThanOrEqual(6);
  });

  it("loads a page of models with unit, totals and history in a number of statements independent of its size", async () => {
    await cost(MODELS, 1);
    const small = await cost(MODELS, 5);
    const large = await cost(MODELS, 20);
    expect(large.data?.models?.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeGreaterThanOrEqual(2);
    expect(large.statements).toBeLessThanOrEqual(6);
  });

  it("sums contributions exactly and answers the status in effect on a day", async () => {
    const { data } = await cost(MODELS, 20);
    const edges = (data?.models?.edges ?? []) as { node: Record<string, unknown> }[];
    const first = edges[0]?.node;
    expect(first).toMatchObject({
      name: "Mô hình 00",
      status: "MAINTAINED",
      statusOn: "MAINTAINED",
      contributionTotals: {
        records: 2,
        participants: 1,
        totalVnd: 333_980_000,
        landM2: 5,
        workdays: 3,
      },
      statusHistory: [
        { status: "REGISTERED", effectiveOn: "2023-01-01" },
        { status: "MAINTAINED", effectiveOn: "2024-01-01" },
      ],
    });
    const second = edges[1]?.node as { contributionTotals: { totalVnd: number } };
    expect(second.contributionTotals.totalVnd).toBe(334_980_000);
  });

  it("answers the status on a day before the change from the history", async () => {
    const { body } = await server.graphql<{
      models: { edges: { node: { statusOn: string | null; early: string | null } }[] };
    }>(
      `{ models(first: 1, orderBy: NAME_ASC) { edges { node {
          statusOn(date: "2023-06-01") early: statusOn(date: "2022-12-31")
      } } } }`,
      {},
      token,
    );
    expect(body.data?.models.edges[0]?.node).toEqual({ statusOn: "REGISTERED", early: null });
  });

  it("keeps a reporter's lists to its own subtree", async () => {
    const tokenB = await signIn(server as TestServer, "reporter-b");
    const { body } = await server.graphql<{
      activities: { totalCount: number };
      models: { totalCount: number };
    }>(
      `query($u: ID) { activities(filter: { underUnitId: $u }) { totalCount } models(filter: { underUnitId: $u }) { totalCount } }`,
      { u: gid("Unit", world.communeAId) },
      tokenB,
    );
    expect(body.data).toEqual({ activities: { totalCount: 0 }, models: { totalCount: 0 } });
  });
});
