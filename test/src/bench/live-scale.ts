// Live updates at scale: N graphql-ws subscribers of `liveFigures` (on the province and on its
// communes, split across 1 or 2 server instances; 2 instances share PostgreSQL and Redis) under
// a steady, open-loop stream of `recordActivity` writes into the subscribed communes. Per
// (write, subscriber whose subtree holds the write): the time from when the mutation was SENT to
// the push that covers the write, raw and minus the server's coalescing wait (see `deliveries`).
// Timed from the sending, not the response: under overload a write's response can come after
// its push (the change is published at COMMIT), which made the old response-based figure
// negative; a write that gets no answer at all is counted, and its pairs count as missed.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { defaultLiveSettings } from "@d05/schema";
import pg from "pg";
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
import { now, type SubscriberThreads, startSubscriberThreads } from "./live-subscribers";
import { percentile } from "./load";
import { recordActivity, removeBenchWrites } from "./writes";

/** The server's coalescing interval (at most one push per subscriber per interval). */
const INTERVAL_MS = Number(process.env.LIVE_INTERVAL_MS ?? defaultLiveSettings.intervalMs);

/** What the dashboard selects (web/src/graphql/operations.ts), plus the change's id. */
const LIVE_SIGNAL = `subscription Live($u: ID!) {
  liveFigures(unitId: $u) { unitId kind changedAt coalescedChanges reason { id } }
}`;
/** The same with the subtree's activity totals: one aggregate query per push and subscriber. */
const LIVE_TOTALS = `subscription Live($u: ID!) {
  liveFigures(unitId: $u) {
    unitId kind changedAt coalescedChanges reason { id }
    activityTotals(from: "2025-01-01", to: "2025-12-31") { sessions attendance records }
  }
}`;

export interface LiveScaleOptions {
  subscribers: number;
  instances: 1 | 2;
  runs: number;
  durationMs: number;
  /** Writes per second, sent open-loop (one every 1000/rate ms, whether or not the last answered). */
  writeRate: number;
  /** Share of the subscribers on the province itself; the rest go round-robin over the communes. */
  provinceShare: number;
  redisUrl: string;
  /** "signal": the dashboard's selection; "totals": + activityTotals, read per push. */
  select: "signal" | "totals";
  /** Worker threads the subscribers run in (not the thread that sends the writes). */
  subscriberThreads: number;
  /** Nice value of those threads (0: as the servers'). */
  subscriberNice: number;
}

export interface LiveScaleRun {
  loadAverage: number;
  writes: number;
  writesPerSecond: number;
  writeP50: number;
  writeP99: number;
  writeErrors: number;
  /** Writes sent that had no answer (neither data nor error) when the run ended. */
  unanswered: number;
  /** (write, subscriber) pairs measured, and those with no covering push before the end. */
  deliveries: number;
  missed: number;
  raw: { p50: number; p95: number; p99: number; max: number };
  net: { p50: number; p95: number; p99: number; max: number };
  /** Raw latency of the commune subscribers only (a few writes per minute each: rarely coalesced). */
  communeRaw: { p50: number; p95: number; p99: number; max: number };
  pushesPerSecond: number;
  /** CPU seconds each server and this load generator used during the run (writes and pushes). */
  serverCpuSeconds: number[];
  benchCpuSeconds: number;
  /** Peak resident memory of each server during the run, MiB. */
  rssMiB: number[];
}

export interface LiveScaleResult {
  select: "signal" | "totals";
  subscribers: number;
  instances: number;
  onProvince: number;
  connectSeconds: number;
  /** Resident memory of each server before the subscribers connected and once they had, MiB. */
  rssIdleMiB: number[];
  rssConnectedMiB: number[];
  runs: LiveScaleRun[];
  median: Omit<LiveScaleRun, "rssMiB"> & { rssMiB: number };
  subscriberErrors: number;
  firstSubscriberError?: string;
}

interface Push {
  t: number;
  /** Activity id of the latest change folded into the push. */
  reasonId: number;
}

interface Subscriber {
  unitId: number;
  pushes: Push[];
}

interface Write {
  cellId: number;
  communeId: number;
  sent: number;
  /** Absent while (or if never) answered. */
  answered?: number;
  /** Activity id from the answer; absent when the write failed or got no answer. */
  id?: number;
}

/** How long the writes still unanswered at the end of a run are waited for before counting them. */
const UNANSWERED_AFTER_MS = 10_000;

function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/**
 * The server's live-group fan-outs so far, from its /metrics: pushes written out, their mean
 * duration and how many took longer than 100 ms (d05_live_group_fanout_seconds).
 */
async function fanOuts(url: string): Promise<{ count: number; meanMs: number; over100ms: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  const count = value(/^d05_live_group_fanout_seconds_count (\S+)$/m);
  const sum = value(/^d05_live_group_fanout_seconds_sum (\S+)$/m);
  const within = value(/^d05_live_group_fanout_seconds_bucket\{le="0\.1"\} (\S+)$/m);
  return { count, meanMs: (1000 * sum) / count, over100ms: count - within };
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

const decodeId = (global: string) =>
  Number(Buffer.from(global, "base64").toString("utf8").split(":")[1]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantiles(values: number[]) {
  values.sort((a, b) => a - b);
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values[values.length - 1] ?? Number.NaN,
  };
}

const median = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)] ?? Number.NaN;
};

/** Commune → its party cells, for the communes of the province. */
async function communeCells(url: string, provinceId: number): Promise<Map<number, number[]>> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ commune: number; cell: number }>(
      `SELECT c."id" AS commune, u."id" AS cell FROM "Unit" c
       JOIN "UnitClosure" uc ON uc."ancestorId" = c."id"
       JOIN "Unit" u ON u."id" = uc."descendantId" AND u."kind" = 'PARTY_CELL'
       WHERE c."parentId" = $1 AND c."kind" = 'COMMUNE' ORDER BY 1, 2`,
      [provinceId],
    );
    const map = new Map<number, number[]>();
    for (const r of rows) {
      const list = map.get(Number(r.commune)) ?? [];
      list.push(Number(r.cell));
      map.set(Number(r.commune), list);
    }
    return map;
  } finally {
    await pool.end();
  }
}

/**
 * Latency of each (write, subscriber) pair. The push covering a write is the subscriber's first
 * CHANGE push whose latest folded change is that write or a later one (activity ids grow with
 * commit order, closely enough at tens of writes per second). Raw = push received − mutation
 * SENT. Net = push received − max(sent, previous push + interval): the server may not push
 * earlier than one interval after its previous push to the subscriber, so the time before that
 * is the coalescing wait by design; what remains is the server's and the client's processing. A
 * write without an id (no answer, or an error) has no push to match: its pairs count as missed.
 */
function deliveries(writes: Write[], subscribers: Subscriber[], provinceId: number) {
  const raw: number[] = [];
  const net: number[] = [];
  const communeRaw: number[] = [];
  let missed = 0;
  for (const s of subscribers) {
    const mine = s.unitId === provinceId ? writes : writes.filter((w) => w.communeId === s.unitId);
    for (const w of mine) {
      const k = w.id === undefined ? -1 : s.pushes.findIndex((p) => p.reasonId >= (w.id as number));
      const push = s.pushes[k];
      if (!push) {
        missed++;
        continue;
      }
      const previous = s.pushes[k - 1];
      const open = previous ? previous.t + INTERVAL_MS : Number.NEGATIVE_INFINITY;
      raw.push(push.t - w.sent);
      if (s.unitId !== provinceId) communeRaw.push(push.t - w.sent);
      net.push(push.t - Math.max(w.sent, open));
    }
  }
  return {
    raw: quantiles(raw),
    net: quantiles(net),
    communeRaw: quantiles(communeRaw),
    pairs: raw.length + missed,
    missed,
  };
}

export async function liveScale(
  target: Target & { kind: "postgres" },
  info: DatasetInfo,
  options: LiveScaleOptions,
  log: (line: string) => void,
): Promise<LiveScaleResult> {
  const cells = await communeCells(target.url, info.provinceId);
  const communes = [...cells.keys()];
  const servers: (ServerProcess & { secret: string })[] = [];
  let threads: SubscriberThreads | null = null;
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  let subscriberErrors = 0;
  let firstSubscriberError: string | undefined;
  try {
    const redis =
      options.instances > 1
        ? {
            REDIS_URL: options.redisUrl,
            REDIS_CHANNEL_PREFIX: `d05-bench-${randomBytes(4).toString("hex")}:`,
          }
        : {};
    const first = await startServer(target, redis);
    servers.push(first);
    for (let i = 1; i < options.instances; i++) {
      servers.push(await startServer(target, redis, first.secret));
    }
    const token = await login(first.url, "bench-admin", "bench-admin-05");
    const writers: GraphqlClient[] = servers.map((s) => graphqlClient(s.url, token));
    const rssIdleMiB = servers.map((s) => rssMiB(s.pid));

    // Subscribers: the first `provinceShare` on the province, the rest round-robin over communes;
    // subscriber n connects to instance n % instances.
    const onProvince = Math.round(options.subscribers * options.provinceShare);
    const units = Array.from({ length: options.subscribers }, (_, n) =>
      n < onProvince ? info.provinceId : (communes[(n - onProvince) % communes.length] as number),
    );
    const t0 = performance.now();
    threads = await startSubscriberThreads(
      units.map((unitId, n) => ({
        url: (servers[n % servers.length] as ServerProcess).url,
        unitId,
        unitGlobalId: globalId("Unit", unitId),
      })),
      {
        token,
        query: options.select === "totals" ? LIVE_TOTALS : LIVE_SIGNAL,
        threads: options.subscriberThreads,
        nice: options.subscriberNice,
        connectBatch: 50,
      },
    );
    const connectSeconds = (performance.now() - t0) / 1000;
    const rssConnectedMiB = servers.map((s) => rssMiB(s.pid));
    const subscribed = new Set(units.filter((u) => u !== info.provinceId));
    const targets = communes.filter((c) => subscribed.has(c));
    const writeCommunes = targets.length > 0 ? targets : communes;
    log(
      `live-scale: ${options.subscribers} subscribers (${onProvince} on ${info.provinceName}, the rest on ${subscribed.size} communes) on ${servers.length} instance(s), selection ${options.select}, in ${connectSeconds.toFixed(1)} s; RSS ${rssConnectedMiB.map((m) => m.toFixed(0)).join(" + ")} MiB`,
    );

    const runs: LiveScaleRun[] = [];
    const tag = Date.now().toString(36);
    for (let r = 0; r < options.runs; r++) {
      const loadAverage = os.loadavg()[0] ?? Number.NaN;
      threads.reset();
      const writes: Write[] = [];
      const writeLatencies: number[] = [];
      let writeErrors = 0;
      let firstWriteError: string | undefined;
      const peak = servers.map(() => 0);
      const sampler = setInterval(() => {
        servers.forEach((s, i) => {
          peak[i] = Math.max(peak[i] ?? 0, rssMiB(s.pid) || 0);
        });
      }, 500);
      const cpuAtStart = servers.map((s) => cpuSeconds(s.pid));
      const benchCpuAtStart = process.cpuUsage();
      const start = performance.now();
      const period = 1000 / options.writeRate;
      const inflight: Promise<void>[] = [];
      for (let i = 0; performance.now() - start < options.durationMs; i++) {
        const due = start + i * period;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const communeId = writeCommunes[(i * 7919) % writeCommunes.length] as number;
        const list = cells.get(communeId) ?? [];
        const cellId = list[i % list.length] as number;
        const writer = writers[i % writers.length] as GraphqlClient;
        const sent = now();
        const write: Write = { cellId, communeId, sent };
        writes.push(write);
        inflight.push(
          recordActivity(writer, cellId, `bench-scale-${tag}-${r}-${i}`).then(
            (data) => {
              write.answered = now();
              const payload = (data as { recordActivity: { data: { id: string } } }).recordActivity;
              writeLatencies.push(write.answered - sent);
              write.id = decodeId(payload.data.id);
            },
            (error: unknown) => {
              write.answered = now();
              writeErrors++;
              firstWriteError ??= error instanceof Error ? error.message : String(error);
            },
          ),
        );
      }
      // An overloaded server may never answer some writes: they are waited for a while, then
      // counted as unanswered (not left out, which would flatter the figures).
      let stopWaiting: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(inflight),
        new Promise((resolve) => {
          stopWaiting = setTimeout(resolve, UNANSWERED_AFTER_MS);
        }),
      ]);
      clearTimeout(stopWaiting);
      const unanswered = writes.filter((w) => w.answered === undefined).length;
      const writeSeconds = (performance.now() - start) / 1000;
      // Let the last coalesced pushes land (one interval, plus slack for a busy machine).
      await sleep(INTERVAL_MS * 4);
      clearInterval(sampler);
      const serverCpuSeconds = servers.map((s, i) => cpuSeconds(s.pid) - (cpuAtStart[i] ?? 0));
      const benchCpu = process.cpuUsage(benchCpuAtStart);
      const benchCpuSeconds = (benchCpu.user + benchCpu.system) / 1e6;
      const collected = await threads.collect();
      subscriberErrors = collected.errors;
      firstSubscriberError = collected.firstError;
      const subscribers: Subscriber[] = collected.logs.map((log) => ({
        unitId: log.unitId,
        pushes: Array.from(log.t, (t, k) => ({ t, reasonId: log.reasonId[k] as number })),
      }));
      const pushes = subscribers.reduce((sum, s) => sum + s.pushes.length, 0);
      const fanOut = await Promise.all(servers.map((s) => fanOuts(s.url).catch(() => null)));
      if (firstWriteError) log(`  first write error: ${firstWriteError.slice(0, 300)}`);
      const d = deliveries(writes, subscribers, info.provinceId);
      const w = quantiles(writeLatencies);
      const run: LiveScaleRun = {
        loadAverage,
        writes: writes.length,
        writesPerSecond: writes.filter((w) => w.id !== undefined).length / writeSeconds,
        writeP50: w.p50,
        writeP99: w.p99,
        writeErrors,
        unanswered,
        deliveries: d.pairs,
        missed: d.missed,
        raw: d.raw,
        net: d.net,
        communeRaw: d.communeRaw,
        pushesPerSecond: pushes / writeSeconds,
        serverCpuSeconds,
        benchCpuSeconds,
        rssMiB: peak,
      };
      log(
        `  run ${r + 1}/${options.runs} (load ${loadAverage.toFixed(2)}): ${run.writes} writes (${run.writesPerSecond.toFixed(1)}/s answered, p50 ${w.p50.toFixed(0)} p99 ${w.p99.toFixed(0)} ms${writeErrors ? `, ${writeErrors} errors` : ""}, ${unanswered} unanswered); sent → push over ${d.pairs} pairs (${d.missed} missed): raw p50 ${d.raw.p50.toFixed(0)} p95 ${d.raw.p95.toFixed(0)} p99 ${d.raw.p99.toFixed(0)} max ${d.raw.max.toFixed(0)} ms, net p50 ${d.net.p50.toFixed(0)} p95 ${d.net.p95.toFixed(0)} p99 ${d.net.p99.toFixed(0)} max ${d.net.max.toFixed(0)} ms, communes only p50 ${d.communeRaw.p50.toFixed(0)} p99 ${d.communeRaw.p99.toFixed(0)} ms; ${run.pushesPerSecond.toFixed(0)} pushes/s; CPU s: server ${serverCpuSeconds.map((c) => c.toFixed(1)).join(" + ")}, load generator ${benchCpuSeconds.toFixed(1)} (${((1e6 * serverCpuSeconds.reduce((a, b) => a + b, 0)) / Math.max(1, pushes)).toFixed(0)} µs of server CPU per push received, writes included); group fan-outs since start ${fanOut.map((f) => (f ? `${f.count} (mean ${f.meanMs.toFixed(1)} ms, ${f.over100ms} over 100 ms)` : "?")).join(" + ")}; peak RSS ${peak.map((m) => m.toFixed(0)).join(" + ")} MiB`,
      );
      runs.push(run);
    }
    const pick = (f: (r: LiveScaleRun) => number) => median(runs.map(f));
    return {
      select: options.select,
      subscribers: options.subscribers,
      instances: servers.length,
      onProvince,
      connectSeconds,
      rssIdleMiB,
      rssConnectedMiB,
      runs,
      median: {
        loadAverage: pick((r) => r.loadAverage),
        writes: pick((r) => r.writes),
        writesPerSecond: pick((r) => r.writesPerSecond),
        writeP50: pick((r) => r.writeP50),
        writeP99: pick((r) => r.writeP99),
        writeErrors: runs.reduce((s, r) => s + r.writeErrors, 0),
        unanswered: runs.reduce((s, r) => s + r.unanswered, 0),
        deliveries: pick((r) => r.deliveries),
        missed: runs.reduce((s, r) => s + r.missed, 0),
        raw: {
          p50: pick((r) => r.raw.p50),
          p95: pick((r) => r.raw.p95),
          p99: pick((r) => r.raw.p99),
          max: Math.max(...runs.map((r) => r.raw.max)),
        },
        net: {
          p50: pick((r) => r.net.p50),
          p95: pick((r) => r.net.p95),
          p99: pick((r) => r.net.p99),
          max: Math.max(...runs.map((r) => r.net.max)),
        },
        communeRaw: {
          p50: pick((r) => r.communeRaw.p50),
          p95: pick((r) => r.communeRaw.p95),
          p99: pick((r) => r.communeRaw.p99),
          max: Math.max(...runs.map((r) => r.communeRaw.max)),
        },
        pushesPerSecond: pick((r) => r.pushesPerSecond),
        serverCpuSeconds: runs[0]?.serverCpuSeconds ?? [],
        benchCpuSeconds: pick((r) => r.benchCpuSeconds),
        // Total over the instances, median over the runs.
        rssMiB: pick((r) => r.rssMiB.reduce((s, m) => s + m, 0)),
      },
      subscriberErrors,
      firstSubscriberError,
    };
  } finally {
    await threads?.close();
    const removed = await removeBenchWrites(pool).catch(() => 0);
    log(`  removed ${removed} benchmark activities`);
    await pool.end();
    for (const s of servers) await s.stop();
  }
}
