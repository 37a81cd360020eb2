// Soak: minutes of mixed traffic on 2 server instances sharing PostgreSQL and Redis — dashboard
// reads (closed loop), recordActivity writes with idempotency keys (open loop, some retried with
// the same key on the other instance), and graphql-ws subscribers of liveFigures and activityFeed
// spread over both instances. Reports errors by kind, latency per operation kind, each server's
// RSS over time, and a reconciliation of every acknowledged write against the database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { type Client, createClient } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import {
  compareAnswers,
  comparisonQuestion,
  metricsQuestion,
  overviewQuestion,
  type Question,
  trendQuestion,
} from "./dashboard";
import {
  type DatasetInfo,
  type GraphqlClient,
  globalId,
  graphqlClient,
  login,
  type ServerProcess,
  startServer,
  type Target,
} from "./env";
import { percentile } from "./load";
import { BENCH_TITLE, recordActivity, removeBenchWrites } from "./writes";

export interface SoakOptions {
  durationMs: number;
  /** Closed-loop dashboard readers (each sends its next query when the last one answered). */
  readConcurrency: number;
  /** recordActivity writes per second, open loop, alternating between the instances. */
  writeRate: number;
  /** One write in this many is sent again with the same idempotency key on the other instance. */
  retryEvery: number;
  liveSubscribers: number;
  feedSubscribers: number;
  redisUrl: string;
  /** How often each server's RSS is read. */
  sampleEveryMs: number;
}

interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SoakResult {
  options: SoakOptions;
  seconds: number;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  /** Operation kind → client-side latency of the answered ones (ms). */
  latencies: Record<string, Latencies>;
  /** "kind: message" → occurrences. */
  errors: Record<string, number>;
  errorTotal: number;
  subscriptions: {
    opened: number;
    pushes: Record<string, number>;
    /** Subscriptions that ended or failed before the end of the run. */
    ended: number;
    /** Write sent → covering liveFigures push of a province subscriber (ms). */
    writeToPush: Latencies;
    missedPushes: number;
  };
  /** Per server: RSS (from /proc) and V8 heap in use (from /metrics), MiB, over time. */
  memory: { pid: number | undefined; samples: { t: number; mib: number; heapMiB: number }[] }[];
  reconciliation: {
    acknowledged: number;
    /** Acknowledged writes whose idempotency record or activity row is missing (must be 0). */
    missing: number;
    /** Retries answered with another id than the first answer (must be 0). */
    retryMismatches: number;
    /** Writes that failed on the client; those whose row landed anyway (once) are counted apart. */
    unacknowledged: number;
    unacknowledgedLanded: number;
    /** Activity rows added by the run minus idempotency records of the run (must be 0). */
    duplicates: number;
    /** Dashboard answers (GraphQL over rollups) equal to plain SQL over the raw rows at the end. */
    rollupsEqualRaw: boolean;
    rollupProblems: string[];
  };
}

const LIVE = `subscription Live($u: ID!) {
  liveFigures(unitId: $u) { unitId kind changedAt coalescedChanges reason { id } }
}`;
const FEED = `subscription Feed($u: ID!) {
  activityFeed(unitId: $u, recent: 5) { initial droppedCount entries { id summary } }
}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const decodeId = (global: string) =>
  Number(Buffer.from(global, "base64").toString("utf8").split(":")[1]);

function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** V8 heap in use of a server, from its Prometheus metrics (prom-client's default metrics). */
async function heapMiB(url: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const bytes = /^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text)?.[1];
    return bytes ? Number(bytes) / 2 ** 20 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function summarise(values: number[]): Latencies {
  const v = [...values].sort((a, b) => a - b);
  return {
    count: v.length,
    p50: percentile(v, 50),
    p95: percentile(v, 95),
    p99: percentile(v, 99),
    max: v[v.length - 1] ?? Number.NaN,
  };
}

/** Error messages carry ids and numbers; the kind is the message with those blanked. */
function errorKind(kind: string, error: unknown): string {
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  return `${kind}: ${message.replace(/\d+/g, "N").slice(0, 160)}`;
}

export async function soak(
  target: Target & { kind: "postgres" },
  info: DatasetInfo,
  options: SoakOptions,
  log: (line: string) => void,
): Promise<SoakResult> {
  const tag = `bench-soak-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const pool = new pg.Pool({ connectionString: target.url, max: 2 });
  const servers: (ServerProcess & { secret: string })[] = [];
  const clients: Client[] = [];
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const fail = (kind: string, error: unknown) => {
    const k = errorKind(kind, error);
    errors.set(k, (errors.get(k) ?? 0) + 1);
  };
  const timedCall = async <T>(kind: string, call: () => Promise<T>): Promise<T | undefined> => {
    const t0 = performance.now();
    try {
      const value = await call();
      const list = latencies.get(kind) ?? [];
      list.push(performance.now() - t0);
      latencies.set(kind, list);
      return value;
    } catch (error) {
      fail(kind, error);
      return undefined;
    }
  };

  try {
    const redis = { REDIS_URL: options.redisUrl, REDIS_CHANNEL_PREFIX: `${tag}:` };
    const first = await startServer(target, redis);
    servers.push(first, await startServer(target, redis, first.secret));
    const token = await login(first.url, "bench-admin", "bench-admin-05");
    const api: GraphqlClient[] = servers.map((s) => graphqlClient(s.url, token));
    const before = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Activity" WHERE "title" = $1`,
      [BENCH_TITLE],
    );
    const activitiesBefore = Number(before.rows[0]?.n ?? 0);
    const { rows: communeRows } = await pool.query<{ id: number }>(
      `SELECT "id" FROM "Unit" WHERE "parentId" = $1 AND "kind" = 'COMMUNE' ORDER BY 1`,
      [info.provinceId],
    );
    const communes = communeRows.map((r) => Number(r.id));
    const { rows: memberRows } = await pool.query<{ n: number }>(
      `SELECT "partyMembers" AS n FROM "Unit" WHERE "id" = $1`,
      [info.provinceId],
    );
    // Party members of the province, for the plain form of ATTENDANCE_PER_100_MEMBERS.
    const members = Number(memberRows[0]?.n ?? 0);

    // Subscribers: liveFigures on the province (measured) and on communes, activityFeed on the
    // province; subscriber n on instance n % 2.
    const pushes = new Map<string, number>();
    const provincePushes: { t: number; reasonId: number }[][] = [];
    let ended = 0;
    let running = true;
    const open = (n: number, query: string, unitId: number, kind: string) =>
      new Promise<void>((resolve, reject) => {
        const server = servers[n % servers.length] as ServerProcess;
        const client = createClient({
          url: `${server.url.replace(/^http/, "ws")}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
          lazy: false,
        });
        clients.push(client);
        const measured: { t: number; reasonId: number }[] | null =
          kind === "liveFigures" && unitId === info.provinceId ? [] : null;
        if (measured) provincePushes.push(measured);
        let first = true;
        client.subscribe<{
          liveFigures?: { kind: string; reason: { id: string } | null };
        }>(
          { query, variables: { u: globalId("Unit", unitId) } },
          {
            next(result) {
              const t = performance.now();
              if (result.errors?.length) fail(`subscription ${kind}`, result.errors[0]?.message);
              if (first) {
                first = false;
                resolve();
                return;
              }
              pushes.set(kind, (pushes.get(kind) ?? 0) + 1);
              const reason = result.data?.liveFigures?.reason;
              if (measured && reason) measured.push({ t, reasonId: decodeId(reason.id) });
            },
            error(error) {
              if (first) reject(error);
              else {
                ended++;
                fail(`subscription ${kind}`, error);
              }
            },
            complete() {
              if (running) {
                ended++;
                fail(`subscription ${kind}`, new Error("completed by the server"));
              }
            },
          },
        );
      });
    const opening: Promise<void>[] = [];
    for (let n = 0; n < options.liveSubscribers; n++) {
      const unitId = n % 4 === 0 ? info.provinceId : (communes[n % communes.length] as number);
      opening.push(open(n, LIVE, unitId, "liveFigures"));
    }
    for (let n = 0; n < options.feedSubscribers; n++) {
      opening.push(open(n, FEED, info.provinceId, "activityFeed"));
    }
    await Promise.all(opening);
    log(
      `soak: 2 instances + Redis, ${options.liveSubscribers} liveFigures + ${options.feedSubscribers} activityFeed subscribers, ${options.readConcurrency} readers, ${options.writeRate} writes/s (1 in ${options.retryEvery} retried), ${options.durationMs / 1000} s`,
    );

    const memory = servers.map((s) => ({
      pid: s.pid,
      samples: [] as { t: number; mib: number; heapMiB: number }[],
    }));
    const t0 = performance.now();
    const sample = async () => {
      const t = (performance.now() - t0) / 1000;
      await Promise.all(
        servers.map(async (s, i) => {
          memory[i]?.samples.push({ t, mib: rssMiB(s.pid), heapMiB: await heapMiB(s.url) });
        }),
      );
    };
    await sample();
    const sampler = setInterval(() => void sample(), options.sampleEveryMs);
    const progress = setInterval(() => {
      const done = [...latencies.values()].reduce((s, l) => s + l.length, 0);
      const errs = [...errors.values()].reduce((s, n) => s + n, 0);
      log(
        `  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${done} operations, ${errs} errors, RSS ${servers.map((s) => rssMiB(s.pid).toFixed(0)).join(" + ")} MiB, load ${os.loadavg()[0]?.toFixed(2)}`,
      );
    }, 30_000);
    const deadline = t0 + options.durationMs;
    const loadAverageStart = os.loadavg();

    // Reads: the dashboard's questions, round robin, alternating instances.
    const questions: Question[] = [
      overviewQuestion(info.provinceId, members, "province"),
      comparisonQuestion(info.provinceId, "COMMUNE", "province"),
      trendQuestion(info.provinceId, "province"),
      metricsQuestion(info.provinceId, "province"),
    ];
    const readers = Array.from({ length: options.readConcurrency }, async (_, r) => {
      for (let i = r; performance.now() < deadline; i += options.readConcurrency) {
        const q = questions[i % questions.length] as Question;
        await timedCall(`read ${q.name.split(" ")[0]}`, () =>
          q.graphql(api[i % api.length] as GraphqlClient),
        );
      }
    });

    // Writes: open loop; the answer's id is what was acknowledged for the key.
    const acknowledged = new Map<string, number>();
    const unacknowledged = new Set<string>();
    let retryMismatches = 0;
    const writes: { sent: number; id: number; answered: number }[] = [];
    const inflight: Promise<void>[] = [];
    const period = 1000 / options.writeRate;
    const cells = info.cellIds;
    const idOf = (data: unknown) =>
      decodeId((data as { recordActivity: { data: { id: string } } }).recordActivity.data.id);
    for (let i = 0; ; i++) {
      const due = t0 + i * period;
      if (due >= deadline) break;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const key = `${tag}-${i}`;
      const cell = cells[(i * 7919) % cells.length] as number;
      inflight.push(
        (async () => {
          const sent = performance.now();
          const data = await timedCall("write recordActivity", () =>
            recordActivity(api[i % api.length] as GraphqlClient, cell, key),
          );
          if (data === undefined) {
            unacknowledged.add(key);
            return;
          }
          const id = idOf(data);
          acknowledged.set(key, id);
          writes.push({ sent, id, answered: performance.now() });
          if (i % options.retryEvery === 0) {
            // A flaky network's retry, on the other instance: must answer the same record.
            const again = await timedCall("write retry (same key)", () =>
              recordActivity(api[(i + 1) % api.length] as GraphqlClient, cell, key),
            );
            if (again !== undefined && idOf(again) !== id) retryMismatches++;
          }
        })(),
      );
    }
    await Promise.all([...inflight, ...readers]);
    const seconds = (performance.now() - t0) / 1000;
    // The last coalesced pushes (one per coalescing window per subscriber) need a moment to land.
    await sleep(1_000);
    running = false;
    clearInterval(sampler);
    clearInterval(progress);
    await sample();
    const loadAverageEnd = os.loadavg();

    // Write sent → the province subscribers' push covering it, as a projector sees it: the first
    // push whose latest folded change is that write or a later one (ids grow with insertion
    // order). Ids are taken at INSERT but events leave at COMMIT, so the run's last writes may
    // commit out of id order: a write whose id no push names and none exceeds is covered by the
    // last push received after its answer (that push folds every change that arrived before it).
    const toPush: number[] = [];
    let missedPushes = 0;
    for (const list of provincePushes) {
      const last = list.at(-1);
      for (const w of writes) {
        const push =
          list.find((p) => p.reasonId >= w.id) ?? (last && last.t > w.answered ? last : undefined);
        if (push) toPush.push(push.t - w.sent);
        else missedPushes++;
      }
    }

    // Reconciliation against the database.
    const { rows: stored } = await pool.query<{ key: string; id: number }>(
      `SELECT "key", ("result"->>'id')::int AS id FROM "IdempotentWrite" WHERE "key" LIKE $1`,
      [`${tag}-%`],
    );
    const storedIds = new Map(stored.map((r) => [r.key, Number(r.id)]));
    const { rows: present } = await pool.query<{ id: number }>(
      `SELECT "id" FROM "Activity" WHERE "id" = ANY($1::int[])`,
      [[...acknowledged.values()]],
    );
    const presentIds = new Set(present.map((r) => Number(r.id)));
    let missing = 0;
    for (const [key, id] of acknowledged) {
      if (storedIds.get(key) !== id || !presentIds.has(id)) missing++;
    }
    const unacknowledgedLanded = [...unacknowledged].filter((k) => storedIds.has(k)).length;
    const after = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Activity" WHERE "title" = $1`,
      [BENCH_TITLE],
    );
    const duplicates = Number(after.rows[0]?.n ?? 0) - activitiesBefore - storedIds.size;
    const rollupProblems: string[] = [];
    for (const q of questions) {
      const [a, b] = await Promise.all([q.graphql(api[0] as GraphqlClient), q.plain(pool)]);
      rollupProblems.push(...compareAnswers(a, b).map((p) => `${q.name}: ${p}`));
    }

    const errorTotal = [...errors.values()].reduce((s, n) => s + n, 0);
    return {
      options,
      seconds,
      loadAverageStart,
      loadAverageEnd,
      latencies: Object.fromEntries(
        [...latencies.entries()].sort().map(([k, v]) => [k, summarise(v)]),
      ),
      errors: Object.fromEntries(errors),
      errorTotal,
      subscriptions: {
        opened: options.liveSubscribers + options.feedSubscribers,
        pushes: Object.fromEntries(pushes),
        ended,
        writeToPush: summarise(toPush),
        missedPushes,
      },
      memory,
      reconciliation: {
        acknowledged: acknowledged.size,
        missing,
        retryMismatches,
        unacknowledged: unacknowledged.size,
        unacknowledgedLanded,
        duplicates,
        rollupsEqualRaw: rollupProblems.length === 0,
        rollupProblems: rollupProblems.slice(0, 10),
      },
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    const removed = await removeBenchWrites(pool).catch(() => 0);
    log(`  removed ${removed} benchmark activities`);
    await pool.end();
    for (const s of servers) await s.stop();
  }
}

/** The soak's figures as Markdown, for the console and docs/BENCHMARKS.md. */
export function soakReport(r: SoakResult): string {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const fmt = new Intl.NumberFormat("en-US");
  const lines = [
    `${r.seconds.toFixed(0)} s; load average ${r.loadAverageStart.map((l) => l.toFixed(2)).join(" ")} at start, ${r.loadAverageEnd.map((l) => l.toFixed(2)).join(" ")} at end`,
    "",
    "| operation | count | p50 / p95 / p99 / max ms |",
    "|---|---|---|",
  ];
  for (const [kind, l] of Object.entries(r.latencies)) {
    lines.push(
      `| ${kind} | ${fmt.format(l.count)} | ${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} / ${ms(l.max)} |`,
    );
  }
  const w = r.subscriptions.writeToPush;
  lines.push(
    `| write sent → covering liveFigures push (each province subscriber) | ${fmt.format(w.count)} | ${ms(w.p50)} / ${ms(w.p95)} / ${ms(w.p99)} / ${ms(w.max)} |`,
    "",
    `Errors: ${r.errorTotal}${
      r.errorTotal
        ? `: ${Object.entries(r.errors)
            .map(([k, n]) => `${n} × ${k}`)
            .join("; ")}`
        : ""
    }`,
    `Subscriptions: ${r.subscriptions.opened} opened, ${r.subscriptions.ended} ended early; pushes ${Object.entries(
      r.subscriptions.pushes,
    )
      .map(([k, n]) => `${k} ${fmt.format(n)}`)
      .join(
        ", ",
      )}; ${fmt.format(r.subscriptions.missedPushes)} (write, province subscriber) pairs without a covering push`,
  );
  r.memory.forEach((m, i) => {
    const mib = m.samples.map((s) => s.mib).filter(Number.isFinite);
    const start = mib[0] ?? Number.NaN;
    const end = mib[mib.length - 1] ?? Number.NaN;
    const max = Math.max(...mib);
    // The trend over the second half says more about a leak than start → end (warm-up).
    const half = m.samples.filter((s) => s.t >= r.seconds / 2);
    const mid = half[0]?.mib ?? Number.NaN;
    const heap = m.samples.map((s) => s.heapMiB).filter(Number.isFinite);
    lines.push(
      `Server ${i + 1} RSS: start ${start.toFixed(0)} MiB, end ${end.toFixed(0)} MiB (growth ${(end - start).toFixed(0)} MiB; second half ${(end - mid).toFixed(0)} MiB), max ${max.toFixed(0)} MiB over ${mib.length} samples; V8 heap used: start ${heap[0]?.toFixed(0)} MiB, end ${heap[heap.length - 1]?.toFixed(0)} MiB, min ${Math.min(...heap).toFixed(0)}, max ${Math.max(...heap).toFixed(0)} MiB`,
    );
  });
  const c = r.reconciliation;
  lines.push(
    `Reconciliation: ${fmt.format(c.acknowledged)} acknowledged writes, ${c.missing} missing from the database, ${c.retryMismatches} retries answered with another record, ${c.duplicates} duplicate rows; ${c.unacknowledged} unacknowledged (${c.unacknowledgedLanded} of them landed, once); dashboard answers equal to plain SQL over the raw rows afterwards: ${c.rollupsEqualRaw ? "yes" : `NO (${c.rollupProblems.join("; ")})`}`,
  );
  return lines.join("\n");
}
