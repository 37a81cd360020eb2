// The peer's client-side folding (peer-queries.ts), without PostGraphile: canned answers in the
// shape PostGraphile returns. That the peer's answers equal ours on real data is checked by
// `pnpm bench --peer postgraphile` before it times anything (it needs the peer's npm install).
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { GraphqlClient } from "./env";
import {
  PEER_COMPARISON,
  PEER_METRICS,
  PEER_OVERVIEW,
  PEER_TREND,
  peerMetrics,
  peerOverview,
  peerTrend,
} from "./peer-queries";

const canned = (data: Record<string, unknown>): GraphqlClient => ({
  request: async <T>() => data as T,
});

const period = (a: string, models: unknown[]) => ({
  [`${a}activities`]: { totalCount: 3, aggregates: { sum: { sessions: "4", attendance: "50" } } },
  [`${a}started`]: { totalCount: 1 },
  [`${a}replicated`]: { totalCount: 0 },
  [`${a}models`]: { nodes: models },
  [`${a}contributions`]: {
    aggregates: {
      sum: { participants: "7", landValueVnd: "1000", cashVnd: "200", inKindVnd: "30" },
    },
  },
  [`${a}awards`]: { aggregates: { sum: { recipientCount: null } } },
  [`${a}commitments`]: { totalCount: 2 },
  [`${a}cells`]: { totalCount: 4 },
  [`${a}registered`]: { totalCount: 1 },
});

describe("the peer's queries", () => {
  it("are valid GraphQL documents", () => {
    for (const q of [PEER_OVERVIEW, PEER_COMPARISON, PEER_TREND, PEER_METRICS]) {
      expect(() => parse(q)).not.toThrow();
    }
  });

  it("count a model active by its latest status on or before the day, as ours does", async () => {
    const model = (status: string, startedOn: string, latest: string[], changes: number) => ({
      status,
      startedOn,
      latest: { nodes: latest.map((s) => ({ status: s })) },
      changes: { totalCount: changes },
    });
    const models = [
      model("ACTIVE", "2025-03-01", ["ACTIVE"], 1), // latest ACTIVE: active
      model("ACTIVE", "2025-03-01", ["DISCONTINUED"], 2), // latest DISCONTINUED: not
      model("ACTIVE", "2025-03-01", [], 0), // no history, started before the day: active
      model("DISCONTINUED", "2025-03-01", [], 0), // no history, discontinued: not
      model("ACTIVE", "2026-03-01", [], 0), // no history, not started yet: not
      model("ACTIVE", "2025-03-01", [], 1), // history only after the day: not
    ];
    const answer = await peerOverview(
      canned({ root: { partyMembers: 200 }, ...period("y_", models), ...period("p_", []) }),
      1,
    );
    expect(answer.get("MODELS_ACTIVE")).toEqual([2, 0]);
    expect(answer.get("ATTENDANCE_PER_100_MEMBERS")).toEqual([25, 25]);
    expect(answer.get("CONTRIBUTION_VND")).toEqual([1230, 1230]);
    expect(answer.get("AWARDS")).toEqual([0, 0]);
    expect(answer.get("REGISTRATION_RATE")).toEqual([25, 25]);
  });

  it("add days into the 60 months, 0 where nothing happened", async () => {
    const answer = await peerTrend(
      canned({
        allActivities: {
          groupedAggregates: [
            { keys: ["2025-12-01"], sum: { attendance: "10" } },
            { keys: ["2025-12-31"], sum: { attendance: "5" } },
            { keys: ["2021-01-15"], sum: { attendance: "1" } },
          ],
        },
      }),
      1,
    );
    expect(answer.size).toBe(60);
    expect(answer.get("2025-12")).toEqual([15]);
    expect(answer.get("2021-01")).toEqual([1]);
    expect(answer.get("2023-06")).toEqual([0]);
  });

  it("add days into sector × year and the three kinds of money into one", async () => {
    const answer = await peerMetrics(
      canned({
        started: {
          groupedAggregates: [
            { keys: ["ECONOMY", "2024-02-01"], distinctCount: { rowId: "2" } },
            { keys: ["ECONOMY", "2024-09-01"], distinctCount: { rowId: "1" } },
          ],
        },
        ECONOMY: {
          groupedAggregates: [
            {
              keys: ["2024-03-03"],
              sum: { participants: "3", landValueVnd: "1", cashVnd: "2", inKindVnd: "3" },
            },
          ],
        },
        ENVIRONMENT: {
          groupedAggregates: [
            {
              keys: ["2025-01-01"],
              sum: { participants: "1", landValueVnd: "0", cashVnd: "9", inKindVnd: "0" },
            },
          ],
        },
      }),
      1,
    );
    expect(Object.fromEntries(answer)).toEqual({
      "ECONOMY/2024": [3, 3, 6],
      "ENVIRONMENT/2025": [0, 1, 9],
    });
  });
});
