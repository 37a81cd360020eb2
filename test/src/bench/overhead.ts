// Per-request overhead (issue 19, target 3): `{ __typename }` with a token against our server, and
// against bare graphql-yoga (bare-yoga.ts) in the same run, runs alternating so that the machine's
// other work weighs on both alike. Throughput and the server's CPU per request are compared; the
// gap is what auth, the limits, metrics, logging and masking cost a request that does nothing.
// BENCH_SERVER_CPU_PROF=<dir> makes our server, and bare yoga, write a V8 profile
// (profile-summary.ts reads it).
import { spawn } from "node:child_process";
import path from "node:path";
import { Pool } from "undici";
import { cpuMeter } from "./cpu";
import { type DatasetInfo, login, REPO_ROOT, startServer, type Target } from "./env";
import { type LoadStats, medianStats, runLoad } from "./load";

export interface OverheadResult {
  ours: LoadStats;
  bare: LoadStats;
  /** ours.rps / bare.rps, median of the per-pair ratios. */
  throughputRatio: number;
}

interface Options {
  runs: number;
  durationMs: number;
  warmupMs: number;
  concurrency: number;
}

/** graphql-yoga alone, in a process of its own (its CPU is measured like our server's). */
async function startBareYoga(): Promise<{ url: string; pid: number | undefined; stop(): void }> {
  // BENCH_SERVER_CPU_PROF profiles it too (a file of its own, `bare-yoga…`), for a comparison.
  const dir = process.env.BENCH_SERVER_CPU_PROF;
  const profile = dir
    ? ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-name=bare-yoga.cpuprofile"]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, "--import", "tsx", path.join(REPO_ROOT, "test/src/bench/bare-yoga.ts")],
    { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  process.once("exit", () => child.kill("SIGTERM"));
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /on (http:\/\/[^\s/]+)\//.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`bare yoga exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => void child.kill("SIGTERM") };
}

/** `{ __typename }` over kept-alive connections, as graphqlClient sends its requests. */
function typenameRequester(url: string, token?: string) {
  const pool = new Pool(url, { connections: 64, pipelining: 1 });
  const body = JSON.stringify({ query: "{ __typename }" });
  const headers = {
    "content-type": "application/json",
    accept: "application/graphql-response+json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return async () => {
    const response = await pool.request({ path: "/graphql", method: "POST", headers, body });
    const text = await response.body.text();
    if (response.statusCode !== 200 || !text.includes('"Query"')) {
      throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
    }
  };
}

export async function overheadSection(
  target: Target,
  _info: DatasetInfo,
  options: Options,
  log: (line: string) => void,
): Promise<OverheadResult> {
  const ours = await startServer(target);
  const bare = await startBareYoga();
  try {
    const token = await login(ours.url, "bench-analyst", "bench-analyst-05");
    const sides = [
      { name: "ours", pid: ours.pid, request: typenameRequester(ours.url, token), runs: [] },
      { name: "bare yoga", pid: bare.pid, request: typenameRequester(bare.url), runs: [] },
    ] as {
      name: string;
      pid: number | undefined;
      request: () => Promise<void>;
      runs: LoadStats[];
    }[];
    for (const side of sides) {
      await runLoad(side.request, {
        concurrency: options.concurrency,
        durationMs: options.warmupMs,
      });
    }
    const ratios: number[] = [];
    for (let r = 0; r < options.runs; r++) {
      for (const side of sides) {
        const meter = cpuMeter(side.pid);
        const s = await runLoad(side.request, {
          concurrency: options.concurrency,
          durationMs: options.durationMs,
        });
        s.cpu = meter.stop(s.requests);
        side.runs.push(s);
        log(
          `  { __typename } ${side.name} run ${r + 1}/${options.runs}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} ms, CPU ms/req server ${s.cpu?.serverMs.toFixed(3) ?? "?"} postgres ${s.cpu?.postgresMs.toFixed(3) ?? "?"} load ${s.cpu?.loadGeneratorMs.toFixed(3) ?? "?"}${s.errors ? `, ${s.errors} errors (${s.firstError})` : ""}`,
        );
      }
      const [a, b] = sides.map((side) => side.runs[r]?.rps ?? Number.NaN);
      ratios.push((a as number) / (b as number));
    }
    ratios.sort((x, y) => x - y);
    return {
      ours: medianStats(sides[0]?.runs ?? []),
      bare: medianStats(sides[1]?.runs ?? []),
      throughputRatio: ratios[Math.floor(ratios.length / 2)] ?? Number.NaN,
    };
  } finally {
    bare.stop();
    await ours.stop();
  }
}

export function overheadTable(r: OverheadResult): string {
  const row = (name: string, s: LoadStats) =>
    `| ${name} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.cpu?.serverMs.toFixed(3) ?? "–"} |`;
  return [
    "| `{ __typename }` | req/s | p50 ms | p99 ms | server CPU ms/req |",
    "|---|---:|---:|---:|---:|",
    row("ours (token, every plugin)", r.ours),
    row("bare graphql-yoga", r.bare),
    `\nThroughput ours / bare (median of the alternating pairs): ${(r.throughputRatio * 100).toFixed(0)} %`,
  ].join("\n");
}
