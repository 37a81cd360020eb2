import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { countingDatabase } from "../support/counting";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  activityInput,
  bearer,
  type LiveClient,
  liveClient,
  RECORD,
  type Subscription,
} from "./helpers";

// Figures pushed by liveFigures are read once per change and shared by every subscriber of the
// unit, and activityTotals reads whole months from the rollups. Both are checked here against
// what a plain aggregate over the raw records says.

const RANGES = {
  all: {},
  wholeMonths: { from: "2024-02-01", to: "2024-04-30" },
  partialBothEnds: { from: "2024-01-15", to: "2024-03-10" },
  insideOneMonth: { from: "2024-02-03", to: "2024-02-20" },
  openStartPartialEnd: { to: "2024-02-14" },
  partialStartOpenEnd: { from: "2024-03-31" },
  leapDayEnd: { from: "2024-02-29", to: "2024-02-29" },
  empty: { from: "2024-05-01", to: "2024-04-01" },
} as const;

type RangeName = keyof typeof RANGES;
type Totals = { sessions: number; attendance: number; records: number };

const TOTALS_QUERY = `subscription($unitId: ID!) {
  liveFigures(unitId: $unitId) {
    kind
    ${Object.entries(RANGES)
      .map(([name, range]) => {
        const args = Object.entries(range)
          .map(([k, v]) => `${k}: "${v}"`)
          .join(", ");
        return `${name}: activityTotals${args ? `(${args})` : ""} { sessions attendance records }`;
      })
      .join("\n    ")}
  }
}`;

const SHARED_QUERY = `subscription($unitId: ID!) {
  liveFigures(unitId: $unitId) {
    kind
    reason { id }
    overview(period: { from: "2024-01-01", to: "2024-12-31" }) { figures { measure value } }
    activityTotals { sessions attendance records }
  }
}`;

interface SharedPush {
  liveFigures: {
    kind: string;
    reason: { id: string } | null;
    overview: { figures: { measure: string; value: number | null }[] };
    activityTotals: Totals;
  };
}

describe.each(backends)("shared live figures on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let admin: string;
  let statements: () => number;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
        // Activities on both sides of every range boundary, in a commune and in a chi bộ.
        const days = [
          "2023-12-31",
          "2024-01-01",
          "2024-01-14",
          "2024-01-15",
          "2024-01-31",
          "2024-02-01",
          "2024-02-03",
          "2024-02-14",
          "2024-02-15",
          "2024-02-29",
          "2024-03-01",
          "2024-03-10",
          "2024-03-11",
          "2024-03-31",
          "2024-04-30",
          "2024-05-01",
        ];
        let i = 0;
        for (const day of days) {
          for (const unitId of [world.communeAId, world.cellAId, world.communeBId]) {
            i += 1;
            await database.db.prisma.activity.create({
              data: {
                unitId,
                themeId: world.themeId,
                kind: "CONFERENCE",
                title: `Hội nghị ${i}`,
                occurredOn: new Date(`${day}T00:00:00Z`),
                sessions: 1 + (i % 3),
                attendance: 10 * i,
              },
            });
          }
        }
      },
      {
        live: { intervalMs: 250, feedLimit: 20 },
        wrapDatabase: (db) => {
          const counting = countingDatabase(db);
          statements = counting.statements;
          return counting.database;
        },
      },
    );
    admin = await signIn(server, "admin");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  function open(): LiveClient {
    const client = liveClient(server.url, bearer(admin));
    clients.push(client);
    return client;
  }

  async function rawTotals(unitId: number, from?: string, to?: string): Promise<Totals> {
    const occurredOn = {
      ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
      ...(to ? { lte: new Date(`${to}T00:00:00Z`) } : {}),
    };
    const rows = await server.database.db.prisma.activity.aggregate({
      where: { unit: { ancestors: { some: { ancestorId: unitId } } }, occurredOn },
      _sum: { sessions: true, attendance: true },
      _count: { _all: true },
    });
    return {
      sessions: rows._sum.sessions ?? 0,
      attendance: rows._sum.attendance ?? 0,
      records: rows._count._all,
    };
  }

  it("answers activityTotals from the rollups exactly as the raw records for whole, partial and empty ranges", async () => {
    for (const unitId of [world.provinceId, world.communeAId, world.cellAId]) {
      const sub = open().subscribe<{ liveFigures: Record<RangeName, Totals> }>(TOTALS_QUERY, {
        unitId: gid("Unit", unitId),
      });
      const push = await sub.data.nth(0);
      for (const [name, range] of Object.entries(RANGES) as [
        RangeName,
        (typeof RANGES)[RangeName],
      ][]) {
        const { from, to } = range as { from?: string; to?: string };
        const expected =
          from && to && from > to
            ? { sessions: 0, attendance: 0, records: 0 }
            : await rawTotals(unitId, from, to);
        expect({ unit: unitId, range: name, ...push.liveFigures[name] }).toEqual({
          unit: unitId,
          range: name,
          ...expected,
        });
      }
      // The fixture is not trivial: every range but the empty one counts something.
      expect(push.liveFigures.partialBothEnds.records).toBeGreaterThan(0);
      sub.unsubscribe();
    }
  });

  /** Statements spent from a write until every subscriber has its CHANGE push for it. */
  async function statementsForOneWrite(
    subscriptions: Subscription<SharedPush>[],
    attendance: number,
  ): Promise<{ statements: number; pushes: SharedPush[] }> {
    const seen = subscriptions.map((s) => s.data.values.length);
    const before = statements();
    const { body } = await server.graphql<{
      recordActivity: { __typename: string; data?: { id: string } };
    }>(RECORD, { input: activityInput(gid("Unit", world.cellAId), attendance) }, admin);
    const id = body.data?.recordActivity.data?.id;
    expect(id).toBeTruthy();
    const pushes = await Promise.all(
      subscriptions.map((s, i) =>
        s.data.waitFor((d) => d.liveFigures.reason?.id === id, 10_000, seen[i]),
      ),
    );
    return { statements: statements() - before, pushes };
  }

  it("reads the figures once per change however many subscribers a unit has", async () => {
    const unitId = gid("Unit", world.provinceId);
    const first = open().subscribe<SharedPush>(SHARED_QUERY, { unitId });
    await first.data.nth(0);
    const alone = await statementsForOneWrite([first], 111);

    const crowd = [first];
    for (let i = 0; i < 11; i++) {
      const sub = open().subscribe<SharedPush>(SHARED_QUERY, { unitId });
      await sub.data.nth(0);
      crowd.push(sub);
    }
    const many = await statementsForOneWrite(crowd, 222);

    // Twelve subscribers cost the database what one did: the write, then one read of each field.
    expect(many.statements).toBe(alone.statements);
    // And every one of them got the fresh figures, equal to the raw records.
    const expected = await rawTotals(world.provinceId);
    for (const push of many.pushes) {
      expect(push.liveFigures.kind).toBe("CHANGE");
      expect(push.liveFigures.activityTotals).toEqual(expected);
      expect(push.liveFigures.overview).toEqual(many.pushes[0]?.liveFigures.overview);
    }
    const before = alone.pushes[0]?.liveFigures.activityTotals.attendance ?? Number.NaN;
    expect(expected.attendance).toBe(before + 222);
  });
});
