// Writes through GraphQL (recordActivity: validation, scope, audit, idempotency, rollup triggers,
// live publishing) and live pushes to graphql-ws subscribers of the province.
import { type Client, createClient } from "graphql-ws";
import type pg from "pg";
import WebSocket from "ws";
import { type GraphqlClient, globalId } from "./env";
import { type LoadOptions, type LoadStats, percentile, runLoad } from "./load";

export const BENCH_TITLE = "Bench write (d05 bench)";

const RECORD = `mutation Record($i: RecordActivityInput!) {
  recordActivity(input: $i) { __typename ... on MutationRecordActivitySuccess { data { id } } }
}`;

const LIVE = `subscription Live($u: ID!) { liveFigures(unitId: $u) { kind coalescedChanges } }`;

export function recordActivity(client: GraphqlClient, cellId: number, key: string) {
  return client.request(RECORD, {
    i: {
      unitId: globalId("Unit", cellId),
      kind: "PARTY_CELL_MEETING",
      title: BENCH_TITLE,
      occurredOn: "2025-12-15",
      sessions: 1,
      attendance: 30,
      idempotencyKey: key,
    },
  });
}

export interface Subscribers {
  pushes(): number;
  /** Resolves at the next CHANGE push received by the first subscriber. */
  nextChange(): Promise<void>;
  close(): Promise<void>;
}

/** `count` graphql-ws clients subscribed to liveFigures of the unit, waiting for their first push. */
export async function subscribe(
  url: string,
  token: string,
  unitId: number,
  count: number,
): Promise<Subscribers> {
  let pushes = 0;
  let waiter: (() => void) | null = null;
  const clients: Client[] = [];
  const ready: Promise<void>[] = [];
  for (let n = 0; n < count; n++) {
    const client = createClient({
      url: `${url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    ready.push(
      new Promise<void>((resolve, reject) => {
        let first = true;
        client.subscribe<{ liveFigures: { kind: string } }>(
          { query: LIVE, variables: { u: globalId("Unit", unitId) } },
          {
            next(result) {
              if (first) {
                first = false;
                resolve();
                return;
              }
              pushes++;
              if (n === 0 && result.data?.liveFigures.kind === "CHANGE" && waiter) {
                const w = waiter;
                waiter = null;
                w();
              }
            },
            error: reject,
            complete: () => {},
          },
        );
      }),
    );
  }
  await Promise.all(ready);
  return {
    pushes: () => pushes,
    nextChange: () =>
      new Promise<void>((resolve) => {
        waiter = resolve;
      }),
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
    },
  };
}

export async function writeLoad(
  client: GraphqlClient,
  cellIds: number[],
  run: string,
  options: LoadOptions,
): Promise<LoadStats> {
  return runLoad(async (i) => {
    const cell = cellIds[Math.abs(i * 7919) % cellIds.length] as number;
    await recordActivity(client, cell, `bench-${run}-${i}`);
  }, options);
}

/** Time from sending a write to the first subscriber's push, one write at a time. */
export async function liveLatency(
  client: GraphqlClient,
  subscribers: Subscribers,
  cellIds: number[],
  run: string,
  samples: number,
): Promise<{ p50: number; p95: number; max: number; samples: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const pushed = subscribers.nextChange();
    const t0 = performance.now();
    await recordActivity(client, cellIds[i % cellIds.length] as number, `bench-live-${run}-${i}`);
    await pushed;
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    samples,
  };
}

/** Removes what the write benchmarks added (the triggers subtract them from the rollups). */
export async function removeBenchWrites(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query(`DELETE FROM "Activity" WHERE "title" = $1`, [BENCH_TITLE]);
  await pool.query(`DELETE FROM "IdempotentWrite" WHERE "key" LIKE 'bench-%'`);
  await pool.query(`DELETE FROM "AuditLog" WHERE "after"->>'title' = $1`, [BENCH_TITLE]);
  return rowCount ?? 0;
}
