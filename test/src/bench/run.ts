// pnpm bench [--scale province|national|small] [--only queries,writes,live,pglite,report] [--runs 3]
//   [--duration 10] [--concurrency 8] [--write-concurrency 16] [--subscribers 10] [--regenerate]
//   [--out results.json] [--peer postgraphile] [--background-writes 20] [--stale-ms 2000]
//   [--root national|province]   (national scale: the overview and trend of the country or the province)
// pnpm bench --scale small --only live-scale --subscribers 100,1000 --instances 1,2 --duration 20
//   [--write-rate 20] [--province-share 0.2] [--live-select signal|totals] [--subscriber-threads 2]
//   [--subscriber-nice 0]
//   (live-scale is not in the default sections)
// pnpm bench --scale small --only soak [--duration 180] [--concurrency 4] [--write-rate 10]
//   [--subscribers 20]   (soak: 2 instances + Redis, mixed reads/writes/subscriptions; not default)
// pnpm bench --scale small --only overhead [--runs 5] [--duration 10]   ({ __typename } with a token
//   against bare graphql-yoga, runs alternating; not default)
// pnpm bench --only startup [--runs 3]   (`pnpm start` on an empty data directory, then a restart;
//   not default)
// Benchmarks a generated data set through the real GraphQL endpoint (a server process of its
// own): the dashboard's questions read from the rollups vs the same questions as plain SQL
// aggregates over the raw records, GraphQL writes, live pushes, and embedded PGlite; with --peer,
// the same questions asked of PostGraphile v5 + pg-aggregates on the same database (peer.ts). Not part of
// `pnpm test`. Prints a Markdown table; every figure is the median of --runs runs.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { cpuMeter, formatCpu } from "./cpu";
import {
  type Answer,
  compareAnswers,
  comparisonQuestion,
  metricsQuestion,
  overviewQuestion,
  type Question,
  trendQuestion,
} from "./dashboard";
import {
  type DatasetInfo,
  defaultPgliteTarget,
  defaultPostgresTarget,
  describeTarget,
  type GraphqlClient,
  graphqlClient,
  login,
  prepareDataset,
  type Scale,
  startServer,
  type Target,
} from "./env";
import { type LiveScaleResult, liveScale } from "./live-scale";
import { type LoadStats, medianStats, runLoad } from "./load";
import { type OverheadResult, overheadSection, overheadTable } from "./overhead";
import { PEERS, type Peer, peerQuestion, startPeer } from "./peer";
import { type ReportBenchRow, reportSection, reportTable } from "./report";
import { type FigureBenchRow, figureTable, reportFigures } from "./report-figures";
import { type SoakResult, soak, soakReport } from "./soak";
import { type StartupResult, startupSection, startupTable } from "./startup";
import { liveLatency, recordActivity, removeBenchWrites, subscribe, writeLoad } from "./writes";

const SECTIONS = [
  "queries",
  "writes",
  "live",
  "pglite",
  "report",
  "live-scale",
  "soak",
  "overhead",
  "startup",
] as const;
/** What runs without --only: live-scale (hundreds of WebSockets, minutes) only when asked. */
const DEFAULT_SECTIONS = ["queries", "writes", "live", "pglite", "report"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "province" },
    only: { type: "string" },
    runs: { type: "string", default: "3" },
    // Default 10 s per run; the soak's default is 180 s.
    duration: { type: "string" },
    concurrency: { type: "string", default: "8" },
    "write-concurrency": { type: "string", default: "16" },
    subscribers: { type: "string", default: "10" },
    instances: { type: "string", default: "1" },
    "write-rate": { type: "string", default: "20" },
    "province-share": { type: "string", default: "0.2" },
    "live-select": { type: "string", default: "signal" },
    // live-scale: worker threads holding the subscribers, apart from the thread sending writes.
    "subscriber-threads": { type: "string", default: "2" },
    // live-scale: nice value of those threads (0-19); see live-subscribers.ts.
    "subscriber-nice": { type: "string", default: "0" },
    // Seconds of load at full concurrency before the first measured run of each question, so
    // the figures are the server's steady state (V8 optimises the hot paths over the first
    // thousands of requests), not its start.
    warmup: { type: "string", default: "10" },
    // Writes per second into the province's chi bộ while the GraphQL questions are timed: each
    // retires the cached answers about the province and the national root.
    "background-writes": { type: "string", default: "0" },
    // READ_CACHE_MAX_STALE_MS of the server with the read cache (absent: its default, 2000);
    // 0 retires an answer at the write, as before stale-while-revalidate.
    "stale-ms": { type: "string" },
    // At national scale, the root of the overview and the trend: the country (default) or the
    // province, so that every question is a province's, as in the outside benchmark's table.
    root: { type: "string", default: "national" },
    regenerate: { type: "boolean", default: false },
    // Also time the peer (PostGraphile v5 + pg-aggregates) on the same database: queries section.
    peer: { type: "string" },
    out: { type: "string" },
  },
});

const scale = values.scale as Scale;
if (!["small", "province", "national"].includes(scale)) {
  throw new Error(`--scale must be small, province or national (got ${scale})`);
}
if (!["national", "province"].includes(values.root)) {
  throw new Error(`--root must be national or province (got ${values.root})`);
}
const only = (values.only?.split(",") ?? [...DEFAULT_SECTIONS]) as Section[];
for (const s of only) {
  if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(", ")} (got ${s})`);
}
const runs = Number(values.runs);
const durationMs = Number(values.duration ?? 10) * 1000;
const concurrency = Number(values.concurrency);
const warmupMs = Number(values.warmup) * 1000;
const backgroundWrites = Number(values["background-writes"]);
const writeConcurrency = Number(values["write-concurrency"]);
// live-scale takes lists (--subscribers 100,1000 --instances 1,2); the writes section the first.
const subscriberCounts = values.subscribers.split(",").map(Number);
const subscriberCount = subscriberCounts[0] ?? 10;
const instanceCounts = values.instances.split(",").map(Number);
for (const n of instanceCounts) {
  if (n !== 1 && n !== 2) throw new Error(`--instances takes 1 and/or 2 (got ${n})`);
}
const peer = values.peer as Peer | undefined;
if (peer !== undefined && !PEERS.includes(peer)) {
  throw new Error(`--peer takes ${PEERS.join(", ")} (got ${peer})`);
}
const writeRate = Number(values["write-rate"]);
const provinceShare = Number(values["province-share"]);
const liveSelect = values["live-select"] as "signal" | "totals";
const subscriberThreads = Number(values["subscriber-threads"]);
const subscriberNice = Number(values["subscriber-nice"]);
if (!["signal", "totals"].includes(liveSelect)) {
  throw new Error(`--live-select takes signal or totals (got ${liveSelect})`);
}

const log = (line: string) => console.error(line);
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const fmt = new Intl.NumberFormat("en-US");

interface Result {
  section: Section;
  name: string;
  description: string;
  /**
   * Through GraphQL, every answer computed from the rollups (analytics answers not reused; the
   * facts beside them, accounts, paths, units and targets, kept until they change).
   */
  rollup?: LoadStats;
  /** Through GraphQL with the analytics cache on (the default server). */
  cached?: LoadStats;
  plain?: LoadStats;
  equal?: boolean;
  /** The peer (--peer), timed like ours; null where it cannot answer the question. */
  peer?: LoadStats;
  peerEqual?: boolean;
  notes?: string;
}
const results: Result[] = [];
const liveScaleResults: LiveScaleResult[] = [];
let soakResult: SoakResult | undefined;
let overheadResult: OverheadResult | undefined;
let startupResult: StartupResult | undefined;
let reportRows: ReportBenchRow[] = [];
let figureRows: FigureBenchRow[] = [];
const datasets: Record<string, DatasetInfo> = {};

function questions(info: DatasetInfo, national: boolean, rootMembers: number): Question[] {
  const province = `${info.provinceName} (${info.communesInProvince} communes)`;
  const root = national ? "Việt Nam (national root)" : province;
  const rootId = national ? info.rootId : info.provinceId;
  return [
    overviewQuestion(rootId, rootMembers, root),
    ...(national ? [comparisonQuestion(info.rootId, "PROVINCE", root)] : []),
    comparisonQuestion(info.provinceId, "COMMUNE", province),
    trendQuestion(rootId, root),
    metricsQuestion(info.provinceId, province),
  ];
}

/** party members of the root, for ATTENDANCE_PER_100_MEMBERS of the plain overview. */
async function membersOf(pool: pg.Pool, unitId: number): Promise<number> {
  const { rows } = await pool.query(`SELECT "partyMembers" FROM "Unit" WHERE "id" = $1`, [unitId]);
  return Number(rows[0]?.partyMembers ?? 0);
}

async function timed(
  label: string,
  request: (i: number) => Promise<unknown>,
  options: { concurrency: number; durationMs: number; warmupMs: number },
  serverPid: number | undefined,
): Promise<LoadStats> {
  const all: LoadStats[] = [];
  await runLoad(async (i) => void (await request(-1 - i)), {
    concurrency: options.concurrency,
    durationMs: options.warmupMs,
  });
  for (let r = 0; r < runs; r++) {
    const meter = cpuMeter(serverPid);
    const s = await runLoad(
      async (i) => {
        await request(i);
      },
      { concurrency: options.concurrency, durationMs: options.durationMs },
    );
    s.cpu = meter.stop(s.requests);
    log(
      `  ${label} run ${r + 1}/${runs}: ${s.requests} req, p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms, ${s.rps.toFixed(1)} req/s, CPU ms/req server/postgres/load ${formatCpu(s.cpu)}${s.errors ? `, ${s.errors} errors (${s.firstError})` : ""}`,
    );
    all.push(s);
  }
  return medianStats(all);
}

/**
 * Writes at a steady rate (not waiting for answers) until stopped; resolves with how many were
 * acknowledged. Keys and titles mark them for removeBenchWrites.
 */
function backgroundWriter(client: GraphqlClient, cellIds: number[], perSecond: number) {
  if (perSecond <= 0) return { stop: async () => 0 };
  const run = `bg-${Date.now().toString(36)}`;
  let sent = 0;
  let acknowledged = 0;
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const i = sent++;
    const cell = cellIds[Math.abs(i * 7919) % cellIds.length] as number;
    const write = recordActivity(client, cell, `bench-${run}-${i}`).then(
      () => void acknowledged++,
      () => {},
    );
    pending.add(write);
    void write.finally(() => pending.delete(write));
  }, 1000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return acknowledged;
    },
  };
}

/**
 * The dashboard's questions, timed twice: first on a server that computes every answer from the
 * rollups (READ_CACHE_TTL_SECONDS=0), with the plain SQL alongside; then on the default server,
 * whose read cache reuses answers until a write changes them. One server at a time: PGlite's
 * directory belongs to one process.
 */
async function queriesSection(target: Target, info: DatasetInfo, plainToo: boolean) {
  const pool =
    target.kind === "postgres"
      ? new pg.Pool({ connectionString: target.url, max: concurrency })
      : null;
  const writes = backgroundWrites > 0 && target.kind === "postgres";
  const national = scale === "national" && target.kind === "postgres" && values.root === "national";
  const members = pool ? await membersOf(pool, national ? info.rootId : info.provinceId) : 0;
  const qs = questions(info, national, members);
  const section: Section = target.kind === "pglite" ? "pglite" : "queries";
  const c = target.kind === "pglite" ? Math.min(concurrency, 4) : concurrency;
  const d = target.kind === "pglite" ? Math.min(durationMs, 5000) : durationMs;
  const byName = new Map<string, Result>();
  const peerServer = peer && target.kind === "postgres" ? await startPeer(target, log) : null;
  const peerClient = peerServer ? graphqlClient(peerServer.url) : null;
  try {
    for (const cached of [false, true]) {
      const staleMs = values["stale-ms"];
      const server = await startServer(
        target,
        cached
          ? staleMs === undefined
            ? {}
            : { READ_CACHE_MAX_STALE_MS: staleMs }
          : { READ_CACHE_TTL_SECONDS: "0" },
      );
      try {
        const client = graphqlClient(
          server.url,
          await login(server.url, "bench-analyst", "bench-analyst-05"),
        );
        const writer = writes
          ? graphqlClient(server.url, await login(server.url, "bench-admin", "bench-admin-05"))
          : null;
        for (const q of qs) {
          const label = cached ? "with the read cache" : "every answer from the rollups";
          log(`${section}: ${q.description} (${label})`);
          const result = byName.get(q.name) ?? {
            section,
            name: q.name,
            description: q.description,
            notes: writes
              ? `${backgroundWrites} background writes/s during the GraphQL runs`
              : undefined,
          };
          byName.set(q.name, result);
          try {
            if (plainToo && pool) {
              const [a, b] = await Promise.all([q.graphql(client), q.plain(pool)]);
              const problems = compareAnswers(a as Answer, b);
              result.equal = (result.equal ?? true) && problems.length === 0;
              log(
                problems.length === 0
                  ? `  equal answers (${a.size} keys)`
                  : `  ANSWERS DIFFER:\n    ${problems.join("\n    ")}`,
              );
            }
            const background = writer
              ? backgroundWriter(writer, info.cellIds, backgroundWrites)
              : null;
            const stats = await timed(
              cached ? "rollup+cache/graphql" : "rollup/graphql",
              () => q.graphql(client),
              { concurrency: c, durationMs: d, warmupMs },
              server.pid,
            );
            if (background) log(`  ${await background.stop()} background writes acknowledged`);
            if (cached) result.cached = stats;
            else result.rollup = stats;
            if (!cached && plainToo && pool) {
              const p = pool;
              result.plain = await timed(
                "plain/sql",
                () => q.plain(p),
                // One plain aggregate takes seconds at national scale: no warm-up beyond the check.
                { concurrency: c, durationMs: d, warmupMs: 0 },
                server.pid,
              );
            }
            const ask = peerClient && peerQuestion(q);
            if (!cached && ask && peerClient && peerServer) {
              const [ours, theirs] = await Promise.all([q.graphql(client), ask(peerClient)]);
              const problems = compareAnswers(ours, theirs).map((p) =>
                p.replace("graphql", "ours").replace("plain", "peer"),
              );
              result.peerEqual = problems.length === 0;
              log(
                problems.length === 0
                  ? `  peer: equal answers (${theirs.size} keys)`
                  : `  PEER ANSWERS DIFFER:\n    ${problems.join("\n    ")}`,
              );
              result.peer = await timed(
                `peer/${peer}`,
                () => ask(peerClient),
                { concurrency: c, durationMs: d, warmupMs },
                peerServer.pid,
              );
            }
          } catch (error) {
            // One failing question (a masked server error, say) must not lose the others' figures.
            const message = error instanceof Error ? error.message : String(error);
            log(`  FAILED: ${message}`);
            result.notes = `failed: ${message}`;
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await peerServer?.stop();
    if (writes && pool)
      log(`removed ${fmt.format(await removeBenchWrites(pool))} background writes`);
    await pool?.end();
  }
  results.push(...byName.values());
}

async function writesSection(
  target: Target & { kind: "postgres" },
  info: DatasetInfo,
  sections: Section[],
) {
  const server = await startServer(target);
  const pool = new pg.Pool({ connectionString: target.url, max: 2 });
  const run = Date.now().toString(36);
  try {
    const token = await login(server.url, "bench-admin", "bench-admin-05");
    const client = graphqlClient(server.url, token);
    if (sections.includes("writes")) {
      const subscribers =
        subscriberCount > 0
          ? await subscribe(server.url, token, info.provinceId, subscriberCount)
          : null;
      log(
        `writes: recordActivity into ${info.cellIds.length} chi bộ of ${info.provinceName}, concurrency ${writeConcurrency}, ${subscriberCount} liveFigures subscribers on the province`,
      );
      const all: LoadStats[] = [];
      for (let r = 0; r < runs; r++) {
        if (r === 0) {
          await writeLoad(client, info.cellIds, `${run}-warmup`, {
            concurrency: writeConcurrency,
            durationMs: warmupMs,
          });
        }
        const meter = cpuMeter(server.pid);
        const s = await writeLoad(client, info.cellIds, `${run}-${r}`, {
          concurrency: writeConcurrency,
          durationMs,
        });
        s.cpu = meter.stop(s.requests);
        log(
          `  recordActivity run ${r + 1}/${runs}: ${s.requests} writes, ${s.rps.toFixed(1)} writes/s, p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms, CPU ms/write server/postgres/load ${formatCpu(s.cpu)}${s.errors ? `, ${s.errors} errors (${s.firstError})` : ""}`,
        );
        all.push(s);
      }
      const pushes = subscribers?.pushes() ?? 0;
      await subscribers?.close();
      results.push({
        section: "writes",
        name: "recordActivity",
        description: `GraphQL recordActivity, concurrency ${writeConcurrency}, rollup triggers + audit + idempotency + live publishing`,
        rollup: medianStats(all),
        notes: `${subscriberCount} subscribers received ${fmt.format(pushes)} coalesced pushes in total`,
      });
    }
    if (sections.includes("live")) {
      const subscribers = await subscribe(server.url, token, info.provinceId, 1);
      const live = await liveLatency(client, subscribers, info.cellIds, run, 20);
      await subscribers.close();
      log(
        `live: write → push p50 ${ms(live.p50)} p95 ${ms(live.p95)} max ${ms(live.max)} ms (${live.samples} samples)`,
      );
      results.push({
        section: "live",
        name: "write → liveFigures push",
        description: "one write at a time; time until the province subscriber's push arrives",
        rollup: {
          requests: live.samples,
          errors: 0,
          p50: live.p50,
          p95: live.p95,
          p99: Number.NaN,
          max: live.max,
          rps: Number.NaN,
          seconds: 0,
        },
        notes:
          "includes the server's coalescing window (at most one push per LIVE_INTERVAL_MS, default 150 ms)",
      });
    }
  } finally {
    const removed = await removeBenchWrites(pool).catch(() => 0);
    log(`removed ${fmt.format(removed)} benchmark activities`);
    await pool.end();
    await server.stop();
  }
}

function machine() {
  const cpu = fs
    .readFileSync("/proc/cpuinfo", "utf8")
    .split("\n")
    .find((l) => l.startsWith("model name"))
    ?.split(":")[1]
    ?.trim();
  return {
    cpu: cpu ?? os.cpus()[0]?.model ?? "unknown",
    nproc: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

function table(): string {
  // With --peer: the peer's figures, and how many times our req/s is the peer's (computed and
  // cached), in the same run.
  const peerHeads = peer
    ? ` ${peer} p50 / p95 / p99 ms | ${peer} req/s | CPU ms/req ${peer} / postgres / load | computed / ${peer} req/s | cached / ${peer} req/s | ${peer} equal to ours |`
    : "";
  const lines = [
    `| section | question | rollups p50 / p95 / p99 ms | req/s | CPU ms/req server / postgres / load | rollups + cache p50 / p95 / p99 ms | req/s | CPU ms/req | plain p50 / p95 / p99 ms | plain req/s | plain / rollups (p50) | plain / cached (p50) | equal |${peerHeads}`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|---|${peer ? "---|---|---|---|---|---|" : ""}`,
  ];
  const triple = (s: LoadStats | undefined) =>
    s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : "";
  const rate = (s: LoadStats | undefined) => (s && Number.isFinite(s.rps) ? s.rps.toFixed(1) : "");
  const ratio = (p: LoadStats | undefined, s: LoadStats | undefined) =>
    p && s ? `${(p.p50 / s.p50).toFixed(1)}×` : "";
  const rpsRatio = (ours: LoadStats | undefined, theirs: LoadStats | undefined) =>
    ours && theirs ? `${(ours.rps / theirs.rps).toFixed(1)}×` : "";
  const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "yes" : "NO");
  for (const r of results) {
    const { rollup, cached, plain } = r;
    const peerCells = peer
      ? ` ${triple(r.peer)} | ${rate(r.peer)} | ${formatCpu(r.peer?.cpu)} | ${rpsRatio(rollup, r.peer)} | ${rpsRatio(cached, r.peer)} | ${yesNo(r.peerEqual)} |`
      : "";
    lines.push(
      `| ${r.section} | ${r.name} | ${triple(rollup)} | ${rate(rollup)} | ${formatCpu(rollup?.cpu)} | ${triple(cached)} | ${rate(cached)} | ${formatCpu(cached?.cpu)} | ${triple(plain)} | ${rate(plain)} | ${ratio(plain, rollup)} | ${ratio(plain, cached)} | ${yesNo(r.equal)} |${peerCells}`,
    );
  }
  return lines.join("\n");
}

function liveScaleTable(): string {
  const lines = [
    "| selection | instances | subscribers (on province) | load avg at start (runs) | writes/s answered (write p50 / p99 ms; errors, unanswered in all runs) | sent → push raw p50 / p95 / p99 ms | minus coalescing wait p50 / p95 / p99 ms | commune subscribers raw p50 / p99 ms | pushes/s | server RSS idle → connected → peak MiB | missed (all runs) / pairs (per run) |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const mib = (v: number[]) => v.map((m) => m.toFixed(0)).join(" + ");
  for (const r of liveScaleResults) {
    const m = r.median;
    lines.push(
      `| ${r.select} | ${r.instances} | ${fmt.format(r.subscribers)} (${r.onProvince}) | ${r.runs.map((x) => x.loadAverage.toFixed(2)).join(", ")} | ${m.writesPerSecond.toFixed(1)} (${ms(m.writeP50)} / ${ms(m.writeP99)}; ${m.writeErrors}, ${m.unanswered}) | ${ms(m.raw.p50)} / ${ms(m.raw.p95)} / ${ms(m.raw.p99)} | ${ms(m.net.p50)} / ${ms(m.net.p95)} / ${ms(m.net.p99)} | ${ms(m.communeRaw.p50)} / ${ms(m.communeRaw.p99)} | ${m.pushesPerSecond.toFixed(0)} | ${mib(r.rssIdleMiB)} → ${mib(r.rssConnectedMiB)} → ${m.rssMiB.toFixed(0)} | ${fmt.format(m.missed)} / ${fmt.format(m.deliveries)} |`,
    );
  }
  const errors = liveScaleResults.filter((r) => r.subscriberErrors > 0);
  for (const r of errors) {
    lines.push(
      `\n${r.instances} instance(s), ${r.subscribers} subscribers: ${r.subscriberErrors} subscription errors (${r.firstSubscriberError})`,
    );
  }
  return lines.join("\n");
}

async function main() {
  const loadStart = os.loadavg();
  const started = new Date();
  log(
    `d05 bench: scale ${scale}, sections ${only.join(",")}, ${runs} runs × ${durationMs / 1000} s, concurrency ${concurrency}; load average ${loadStart.map((l) => l.toFixed(2)).join(" ")}`,
  );
  if (only.some((s) => s !== "pglite" && s !== "report" && s !== "startup")) {
    const target = defaultPostgresTarget(scale);
    const info = await prepareDataset(target, scale, values.regenerate ?? false, log);
    datasets[describeTarget(target)] = info;
    log(`dataset: ${describeTarget(target)}: ${JSON.stringify(info.counts)}`);
    if (only.includes("queries")) await queriesSection(target, info, true);
    if (target.kind === "postgres" && (only.includes("writes") || only.includes("live"))) {
      await writesSection(target, info, only);
    }
    if (target.kind === "postgres" && only.includes("live-scale")) {
      for (const instances of instanceCounts) {
        for (const subscribers of subscriberCounts) {
          liveScaleResults.push(
            await liveScale(
              target,
              info,
              {
                subscribers,
                instances: instances as 1 | 2,
                runs,
                durationMs,
                writeRate,
                provinceShare,
                redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
                select: liveSelect,
                subscriberThreads,
                subscriberNice,
              },
              log,
            ),
          );
        }
      }
    }
  }
  if (only.includes("soak")) {
    const target = defaultPostgresTarget(scale);
    if (target.kind !== "postgres") throw new Error("the soak runs on PostgreSQL");
    const info = await prepareDataset(target, scale, values.regenerate ?? false, log);
    // The soak has its own defaults (a sustained, not saturating, load) unless an option is given.
    const given = (name: string) => process.argv.some((a) => a.startsWith(`--${name}`));
    soakResult = await soak(
      target,
      info,
      {
        durationMs: Number(values.duration ?? 180) * 1000,
        readConcurrency: given("concurrency") ? concurrency : 4,
        writeRate: given("write-rate") ? writeRate : 10,
        retryEvery: 10,
        liveSubscribers: given("subscribers") ? subscriberCount : 20,
        feedSubscribers: 4,
        redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        sampleEveryMs: 5_000,
      },
      log,
    );
  }
  if (only.includes("overhead")) {
    const target = defaultPostgresTarget(scale);
    const info = await prepareDataset(target, scale, values.regenerate ?? false, log);
    overheadResult = await overheadSection(
      target,
      info,
      { runs, durationMs, warmupMs, concurrency },
      log,
    );
  }
  if (only.includes("startup")) startupResult = await startupSection(runs, log);
  if (only.includes("pglite") || only.includes("report")) {
    const pgliteScale: Scale = scale === "small" ? "small" : "province";
    const target = defaultPgliteTarget(pgliteScale);
    const info = await prepareDataset(target, pgliteScale, values.regenerate ?? false, log);
    datasets[describeTarget(target)] = info;
    log(`dataset: ${describeTarget(target)}: ${JSON.stringify(info.counts)}`);
    if (only.includes("pglite")) await queriesSection(target, info, false);
    if (only.includes("report")) {
      // In this process first: a PGlite data directory is open in one process at a time.
      figureRows = await reportFigures(target, info, runs, log);
      reportRows = await reportSection(target, info, runs, log);
    }
  }
  const report = {
    started: started.toISOString(),
    machine: machine(),
    loadAverageAtStart: loadStart,
    loadAverageAtEnd: os.loadavg(),
    options: {
      scale,
      only,
      runs,
      durationMs,
      concurrency,
      writeConcurrency,
      subscriberCounts,
      instanceCounts,
      writeRate,
      provinceShare,
      liveSelect,
      peer,
    },
    datasets: Object.fromEntries(Object.entries(datasets).map(([k, v]) => [k, v.counts])),
    results,
    liveScale: liveScaleResults,
    soak: soakResult,
    overhead: overheadResult,
    startup: startupResult,
    report: reportRows,
    reportFigures: figureRows,
  };
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nMachine: ${report.machine.cpu}, ${report.machine.nproc} CPUs, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load average at start ${loadStart.map((l) => l.toFixed(2)).join(" ")}, at end ${report.loadAverageAtEnd.map((l) => l.toFixed(2)).join(" ")}\n`,
  );
  for (const [name, counts] of Object.entries(report.datasets)) {
    console.log(
      `${name}: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${fmt.format(n)}`)
        .join(", ")}`,
    );
  }
  if (results.length) console.log(`\n${table()}`);
  for (const r of results) if (r.notes) console.log(`- ${r.name}: ${r.notes}`);
  if (figureRows.length) console.log(`\n${figureTable(figureRows)}`);
  if (reportRows.length) console.log(`\n${reportTable(reportRows)}`);
  if (liveScaleResults.length) console.log(`\n${liveScaleTable()}`);
  if (soakResult) console.log(`\nSoak: ${soakReport(soakResult)}`);
  if (overheadResult) console.log(`\n${overheadTable(overheadResult)}`);
  if (startupResult) console.log(`\n${startupTable(startupResult)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
