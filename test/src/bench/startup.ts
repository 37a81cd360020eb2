// Cold start and restart (issue 19, target 5): `pnpm start` as a newcomer runs it, on the embedded
// default (PGlite, demo data) in a data directory of its own. Measured from the command: when the
// port first answers anything, and when /readyz answers 200 (migrated, demo loaded, app serving);
// then the same command again on the data the first start left (a restart).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../support/ports";
import { REPO_ROOT } from "./env";

export interface StartupTimes {
  /** Seconds from the command to the port's first HTTP answer (any status). */
  firstAnswerS: number;
  /** Seconds from the command to /readyz answering 200. */
  readyS: number;
}

export interface StartupResult {
  runs: { first: StartupTimes; restart: StartupTimes }[];
}

async function status(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** One `pnpm start` in `dataDir`, timed until ready, then stopped as an operator would (SIGTERM). */
async function timeOneStart(dataDir: string, timeoutS: number): Promise<StartupTimes> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  // The embedded default: no PostgreSQL, no Redis, whatever the bench's own shell has set.
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  delete env.REDIS_URL;
  env.LOG_LEVEL = "warn";
  const started = performance.now();
  const child = spawn("pnpm", ["start"], { cwd: REPO_ROOT, env, stdio: "ignore", detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  let firstAnswerS: number | null = null;
  try {
    for (;;) {
      const seconds = (performance.now() - started) / 1000;
      if (seconds > timeoutS) throw new Error(`not ready after ${timeoutS} s`);
      if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
      const ready = await status(`${base}/readyz`);
      if (ready !== null && firstAnswerS === null) firstAnswerS = seconds;
      if (ready === 200) return { firstAnswerS: firstAnswerS ?? seconds, readyS: seconds };
      await sleep(ready === null ? 25 : 100);
    }
  } finally {
    // The whole group: pnpm, tsx and the server.
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
  }
}

export async function startupSection(
  runs: number,
  log: (line: string) => void,
): Promise<StartupResult> {
  const result: StartupResult = { runs: [] };
  for (let run = 1; run <= runs; run++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "d05-startup-"));
    try {
      const first = await timeOneStart(dataDir, 180);
      log(
        `  startup run ${run}/${runs}: first start answers after ${first.firstAnswerS.toFixed(2)} s, ready after ${first.readyS.toFixed(1)} s`,
      );
      const restart = await timeOneStart(dataDir, 60);
      log(
        `  startup run ${run}/${runs}: restart answers after ${restart.firstAnswerS.toFixed(2)} s, ready after ${restart.readyS.toFixed(1)} s`,
      );
      result.runs.push({ first, restart });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

/** Markdown table of the medians. */
export function startupTable(result: StartupResult): string {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const row = (label: string, pick: (r: StartupResult["runs"][number]) => StartupTimes) =>
    `| ${label} | ${median(result.runs.map((r) => pick(r).firstAnswerS)).toFixed(2)} | ${median(result.runs.map((r) => pick(r).readyS)).toFixed(1)} |`;
  return [
    `| \`pnpm start\` (median of ${result.runs.length}) | port answers, s | ready (/readyz 200), s |`,
    "|---|---:|---:|",
    row("first start (empty data directory: migrate, load the demo)", (r) => r.first),
    row("restart (the same data directory)", (r) => r.restart),
  ].join("\n");
}
