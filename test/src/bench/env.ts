// What a benchmark run stands on: a database holding a generated data set (created, migrated and
// generated when empty), a real server process on it, and signed-in GraphQL clients.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@d05/prisma";
import pg from "pg";
import { Pool } from "undici";
import { freePort } from "../support/ports";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type Scale = "small" | "province" | "national";

export type Target = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function describeTarget(t: Target): string {
  if (t.kind === "pglite") return `PGlite in ${t.dataDir}`;
  const u = new URL(t.url);
  if (u.password) u.password = "***";
  return `PostgreSQL ${u.toString()}`;
}

export function defaultPostgresTarget(scale: Scale): Target {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const base = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const u = new URL(base);
  u.pathname = `/d05_bench_${scale}`;
  return { kind: "postgres", url: u.toString() };
}

export function defaultPgliteTarget(scale: Scale): Target {
  return {
    kind: "pglite",
    dataDir: process.env.BENCH_PGLITE_DIR ?? path.join(os.tmpdir(), `d05-bench-pglite-${scale}`),
  };
}

async function ensurePostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export interface DatasetInfo {
  /** Database ids. */
  rootId: number;
  provinceId: number;
  provinceName: string;
  provinces: number;
  communesInProvince: number;
  /** Party cells of the province, for writes. */
  cellIds: number[];
  counts: Record<string, number>;
}

/** Row counts and the units the benchmarks use; null when the database holds no generated set. */
async function inspect(target: Target): Promise<DatasetInfo | null> {
  const db = await openDatabase(
    target.kind === "postgres" ? target : { kind: "pglite", dataDir: target.dataDir },
  );
  try {
    const q = <T>(sql: string) => db.prisma.$queryRawUnsafe<T[]>(sql);
    const [root] = await q<{ id: number }>(`SELECT "id" FROM "Unit" WHERE "code" = 'VN'`).catch(
      () => [],
    );
    if (!root) return null;
    const [province] = await q<{ id: number; name: string; communes: number }>(
      `SELECT p."id", p."name", count(c."id")::int AS communes FROM "Unit" p
       JOIN "Unit" c ON c."parentId" = p."id" AND c."kind" = 'COMMUNE'
       WHERE p."kind" = 'PROVINCE' GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1`,
    );
    if (!province) return null;
    const [{ provinces } = { provinces: 0 }] = await q<{ provinces: number }>(
      `SELECT count(*)::int AS provinces FROM "Unit" WHERE "kind" = 'PROVINCE'`,
    );
    const cells = await q<{ id: number }>(
      `SELECT u."id" FROM "Unit" u JOIN "UnitClosure" c ON c."descendantId" = u."id"
       WHERE c."ancestorId" = ${Number(province.id)} AND u."kind" = 'PARTY_CELL' ORDER BY 1`,
    );
    const tables = [
      "Unit",
      "UnitClosure",
      "Activity",
      "Model",
      "ModelStatusChange",
      "ModelContribution",
      "Commitment",
      "Award",
      "ActivityRollup",
      "AwardRollup",
      "ModelDayRollup",
      "ContributionRollup",
      "CommitmentRollup",
    ];
    const countRows = await q<{ t: string; n: number }>(
      tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(" UNION ALL "),
    );
    return {
      rootId: Number(root.id),
      provinceId: Number(province.id),
      provinceName: province.name,
      provinces: Number(provinces),
      communesInProvince: Number(province.communes),
      cellIds: cells.map((c) => Number(c.id)),
      counts: Object.fromEntries(countRows.map((r) => [r.t, Number(r.n)])),
    };
  } finally {
    await db.close();
  }
}

function targetEnv(target: Target): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (target.kind === "postgres") {
    env.DATABASE_URL = target.url;
    delete env.DATA_DIR;
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = target.dataDir;
  }
  return env;
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/** Runs the generator CLI (the same `pnpm gen`) against the target. */
async function generate(target: Target, scale: Scale): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/generate.ts", "--scale", scale, "--yes"],
    { cwd: path.join(REPO_ROOT, "prisma"), env: targetEnv(target), stdio: "inherit" },
  );
  const code = await waitForExit(child);
  if (code !== 0) throw new Error(`the generator exited with code ${code}`);
}

/** Expected number of provinces in a data set of the scale. */
const PROVINCES: Record<Scale, (n: number) => boolean> = {
  small: (n) => n === 1,
  province: (n) => n === 1,
  national: (n) => n >= 34,
};

/** The target's generated data set; generates one when the database is empty (or asked to). */
export async function prepareDataset(
  target: Target,
  scale: Scale,
  regenerate: boolean,
  log: (line: string) => void,
): Promise<DatasetInfo> {
  if (target.kind === "postgres") await ensurePostgresDatabase(target.url);
  let info = regenerate ? null : await inspect(target);
  if (info && !PROVINCES[scale](info.provinces)) {
    throw new Error(
      `${describeTarget(target)} holds a data set of ${info.provinces} province(s), not a ${scale} one: pass --regenerate (it replaces the content).`,
    );
  }
  if (!info) {
    log(`Generating a ${scale} data set into ${describeTarget(target)}…`);
    await generate(target, scale);
    info = await inspect(target);
    if (!info) throw new Error("the generator left no data set");
  }
  return info;
}

export interface ServerProcess {
  url: string;
  /** Process id of the server (its node process), for /proc/<pid>/status. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * `server/src/index.ts` in a process of its own, so its CPU is not the load generator's.
 * `extraEnv` adds variables (REDIS_URL, …); pass the `secret` of a first instance to a second one
 * so that both accept the same tokens.
 */
export async function startServer(
  target: Target,
  extraEnv: NodeJS.ProcessEnv = {},
  sharedSecret?: string,
): Promise<ServerProcess & { secret: string }> {
  const secret = sharedSecret ?? randomBytes(32).toString("hex");
  // BENCH_SERVER_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`]
    : [];
  // The port is chosen here, not by the server (PORT=0), and readiness asked of /readyz: the
  // server's "on http://…" line is an info line, absent under LOG_LEVEL=warn (the benchmark then
  // waited for it forever).
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `d05-bench-server-${process.pid}-${port}.log`);
  const logFd = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "src/index.ts"], {
    cwd: path.join(REPO_ROOT, "server"),
    env: {
      ...targetEnv(target),
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      // As deployed: graphql-js and the schema builder skip their development-time checks.
      NODE_ENV: "production",
      AUTH_SECRET: secret,
      // The load comes from one account standing in for many users: no per-account rate limit.
      RATE_LIMIT_PER_MINUTE: "0",
      MAX_SUBSCRIPTIONS_PER_ACCOUNT: "0",
      ...extraEnv,
    },
    // Its log (a line per request) goes to a file, as a deployment's goes to a collector, not
    // through a pipe to this load generator, whose CPU is the server's two cores' too.
    stdio: ["ignore", logFd, "pipe"],
  });
  fs.closeSync(logFd);
  const exited = waitForExit(child);
  // Never leave a server behind when the benchmark exits early.
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  // stderr's tail is kept for the error if the server exits, with the log's.
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4096);
    // The server's own error log (masked errors are logged there, not sent to clients).
    if (process.env.BENCH_SERVER_LOG) process.stderr.write(`[server] ${chunk.toString()}`);
  });
  let gone = false;
  await new Promise<void>((resolve, reject) => {
    // Rejecting after the server was ready (it stops at the end) changes nothing.
    void exited.then((code) => {
      gone = true;
      reject(new Error(`server exited with ${code}: ${tail(logFile)}${output.trim()}`));
    });
    untilReady(url, () => gone).then(resolve, reject);
  });
  return {
    url,
    secret,
    pid: child.pid,
    async stop() {
      process.off("exit", orphan);
      child.kill("SIGTERM");
      await exited;
      // Kept with BENCH_SERVER_LOG (its path printed); a run writes tens of MB otherwise.
      if (process.env.BENCH_SERVER_LOG) process.stderr.write(`[server] log: ${logFile}\n`);
      else fs.rmSync(logFile, { force: true });
    },
  };
}

/** The last 4 KB of a file, or nothing. */
function tail(file: string): string {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.slice(-4096);
  } catch {
    return "";
  }
}

/** Waits until the server's /readyz answers 200 (the starting page answers 503 until then). */
async function untilReady(url: string, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const ready = await fetch(`${url}/readyz`)
      .then(async (response) => {
        await response.body?.cancel();
        return response.ok;
      })
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface GraphqlClient {
  request<T = Record<string, unknown>>(query: string, variables?: object): Promise<T>;
}

/**
 * A client that throws on transport errors, GraphQL errors and typed error results. It keeps its
 * connections open (an undici pool): the load generator shares the CPU with the server under
 * test, so it should cost as little per request as a real client elsewhere would cost the server.
 */
export function graphqlClient(url: string, token?: string): GraphqlClient {
  const pool = new Pool(url, { connections: 64, pipelining: 1 });
  const headers = {
    "content-type": "application/json",
    accept: "application/graphql-response+json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return {
    async request<T>(query: string, variables?: object): Promise<T> {
      const response = await pool.request({
        path: "/graphql",
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as {
        data?: T;
        errors?: { message: string }[];
      };
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
      if (!body.data) throw new Error(`HTTP ${response.statusCode} without data`);
      for (const value of Object.values(body.data as Record<string, unknown>)) {
        const typename = (value as { __typename?: string } | null)?.__typename;
        if (typename && /Error$/.test(typename)) {
          throw new Error(`${typename}: ${JSON.stringify(value)}`);
        }
      }
      return body.data;
    },
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const data = await graphqlClient(url).request<{
    login: { __typename: string; data?: { token: string } };
  }>(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) {
      __typename ... on MutationLoginSuccess { data { token } } } }`,
    { u: username, p: password },
  );
  if (!data.login.data) throw new Error(`login as ${username} failed: ${data.login.__typename}`);
  return data.login.data.token;
}

/** Relay global id, as the schema encodes it. */
export const globalId = (typename: string, id: number) =>
  Buffer.from(`${typename}:${id}`).toString("base64");
