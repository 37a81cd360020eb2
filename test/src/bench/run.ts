// pnpm bench [--scale province|national|small] [--only queries,writes,live,pglite] [--runs 3]
//   [--duration 10] [--concurrency 8] [--write-concurrency 16] [--subscribers 10] [--regenerate]
//   [--out results.json]
// Benchmarks a generated data set through the real GraphQL endpoint (a server process of its
// own): the dashboard's questions read from the rollups vs the same questions as plain SQL
// aggregates over the raw records, GraphQL writes, live pushes, and embedded PGlite. Not part of
// `pnpm test`. Prints a Markdown table; every figure is the median of --runs runs.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
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
  graphqlClient,
  login,
  prepareDataset,
  type Scale,
  startServer,
  type Target,
} from "./env";
import { type LoadStats, medianStats, runLoad } from "./load";
import { liveLatency, removeBenchWrites, subscribe, writeLoad } from "./writes";

const SECTIONS = ["queries", "writes", "live", "pglite"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "province" },
    only: { type: "string" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
    "write-concurrency": { type: "string", default: "16" },
    subscribers: { type: "string", default: "10" },
    regenerate: { type: "boolean", default: false },
    out: { type: "string" },
  },
});

const scale = values.scale as Scale;
if (!["small", "province", "national"].includes(scale)) {
  throw new Error(`--scale must be small, province or national (got ${scale})`);
}
const only = (values.only?.split(",") ?? [...SECTIONS]) as Section[];
for (const s of only) {
  if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(", ")} (got ${s})`);
}
const runs = Number(values.runs);
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const writeConcurrency = Number(values["write-concurrency"]);
const subscriberCount = Number(values.subscribers);

const log = (line: string) => console.error(line);
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const fmt = new Intl.NumberFormat("en-US");

interface Result {
  section: Section;
  name: string;
  description: string;
  rollup?: LoadStats;
  plain?: LoadStats;
  equal?: boolean;
  notes?: string;
}
const results: Result[] = [];
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
  options: { concurrency: number; durationMs: number; maxRequests?: number; warmup: number },
): Promise<LoadStats> {
  const all: LoadStats[] = [];
  for (let r = 0; r < runs; r++) {
    const s = await runLoad(
      async (i) => {
        await request(i);
      },
      { ...options, warmup: r === 0 ? options.warmup : 0 },
    );
    log(
      `  ${label} run ${r + 1}/${runs}: ${s.requests} req, p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms, ${s.rps.toFixed(1)} req/s${s.errors ? `, ${s.errors} errors (${s.firstError})` : ""}`,
    );
    all.push(s);
  }
  return medianStats(all);
}

async function queriesSection(target: Target, info: DatasetInfo, plainToo: boolean) {
  const server = await startServer(target);
  const pool =
    target.kind === "postgres"
      ? new pg.Pool({ connectionString: target.url, max: concurrency })
      : null;
  try {
    const token = await login(server.url, "bench-analyst", "bench-analyst-05");
    const client = graphqlClient(server.url, token);
    const national = scale === "national" && target.kind === "postgres";
    const members = pool ? await membersOf(pool, national ? info.rootId : info.provinceId) : 0;
    const qs = questions(info, national, members);
    const section: Section = target.kind === "pglite" ? "pglite" : "queries";
    for (const q of qs) {
      log(`${section}: ${q.description}`);
      try {
        let equal: boolean | undefined;
        if (plainToo && pool) {
          const [a, b] = await Promise.all([q.graphql(client), q.plain(pool)]);
          const problems = compareAnswers(a as Answer, b);
          equal = problems.length === 0;
          log(
            equal
              ? `  equal answers (${a.size} keys)`
              : `  ANSWERS DIFFER:\n    ${problems.join("\n    ")}`,
          );
        }
        const c = target.kind === "pglite" ? Math.min(concurrency, 4) : concurrency;
        const d = target.kind === "pglite" ? Math.min(durationMs, 5000) : durationMs;
        const rollup = await timed("rollup/graphql", () => q.graphql(client), {
          concurrency: c,
          durationMs: d,
          warmup: 5,
        });
        let plain: LoadStats | undefined;
        if (plainToo && pool) {
          const p = pool;
          plain = await timed("plain/sql", () => q.plain(p), {
            concurrency: c,
            durationMs: d,
            warmup: 1,
          });
        }
        results.push({ section, name: q.name, description: q.description, rollup, plain, equal });
      } catch (error) {
        // One failing question (a masked server error, say) must not lose the others' figures.
        const message = error instanceof Error ? error.message : String(error);
        log(`  FAILED: ${message}`);
        results.push({
          section,
          name: q.name,
          description: q.description,
          notes: `failed: ${message}`,
        });
      }
    }
  } finally {
    await pool?.end();
    await server.stop();
  }
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
        const s = await writeLoad(client, info.cellIds, `${run}-${r}`, {
          concurrency: writeConcurrency,
          durationMs,
          warmup: r === 0 ? 10 : 0,
        });
        log(
          `  recordActivity run ${r + 1}/${runs}: ${s.requests} writes, ${s.rps.toFixed(1)} writes/s, p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms${s.errors ? `, ${s.errors} errors (${s.firstError})` : ""}`,
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
        notes: "includes the server's coalescing window (at most one push per 250 ms)",
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
  const lines = [
    "| section | question | rollup p50 / p95 / p99 ms | rollup req/s | plain p50 / p95 / p99 ms | plain req/s | plain/rollup (p50) | equal |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const s = r.rollup;
    const p = r.plain;
    lines.push(
      `| ${r.section} | ${r.name} | ${s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : ""} | ${s && Number.isFinite(s.rps) ? s.rps.toFixed(1) : ""} | ${p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : ""} | ${p ? p.rps.toFixed(1) : ""} | ${s && p ? `${(p.p50 / s.p50).toFixed(1)}×` : ""} | ${r.equal === undefined ? "" : r.equal ? "yes" : "NO"} |`,
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
  if (only.some((s) => s !== "pglite")) {
    const target = defaultPostgresTarget(scale);
    const info = await prepareDataset(target, scale, values.regenerate ?? false, log);
    datasets[describeTarget(target)] = info;
    log(`dataset: ${describeTarget(target)}: ${JSON.stringify(info.counts)}`);
    if (only.includes("queries")) await queriesSection(target, info, true);
    if (target.kind === "postgres" && (only.includes("writes") || only.includes("live"))) {
      await writesSection(target, info, only);
    }
  }
  if (only.includes("pglite")) {
    const pgliteScale: Scale = scale === "small" ? "small" : "province";
    const target = defaultPgliteTarget(pgliteScale);
    const info = await prepareDataset(target, pgliteScale, values.regenerate ?? false, log);
    datasets[describeTarget(target)] = info;
    log(`dataset: ${describeTarget(target)}: ${JSON.stringify(info.counts)}`);
    await queriesSection(target, info, false);
  }
  const report = {
    started: started.toISOString(),
    machine: machine(),
    loadAverageAtStart: loadStart,
    loadAverageAtEnd: os.loadavg(),
    options: { scale, only, runs, durationMs, concurrency, writeConcurrency, subscriberCount },
    datasets: Object.fromEntries(Object.entries(datasets).map(([k, v]) => [k, v.counts])),
    results,
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
  console.log(`\n${table()}`);
  for (const r of results) if (r.notes) console.log(`- ${r.name}: ${r.notes}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
