// `pnpm bench --peer postgraphile`: the system an analyst could pick instead of ours, run by the
// benchmark beside our server on the same database. Its packages live in test/peer/postgraphile
// (exact versions, its own package-lock.json), outside the pnpm workspace, so the product's
// install never fetches them; the bench installs them with npm on first use.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Answer, Question } from "./dashboard";
import { type GraphqlClient, REPO_ROOT, type ServerProcess, type Target } from "./env";
import { peerComparison, peerMetrics, peerOverview, peerTrend } from "./peer-queries";

export const PEERS = ["postgraphile"] as const;
export type Peer = (typeof PEERS)[number];

const PEER_DIR = path.join(REPO_ROOT, "test/peer/postgraphile");

function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.toLowerCase().startsWith("npm_config_") || k.toLowerCase() === "npm_config_registry",
    ),
  );
}

/** npm install into the peer's folder when its packages are missing (npm registry only). */
function ensureInstalled(log: (line: string) => void): void {
  if (fs.existsSync(path.join(PEER_DIR, "node_modules/postgraphile/package.json"))) return;
  log(`peer: installing PostGraphile into ${PEER_DIR} (npm, first use only)…`);
  const npm = spawnSync(
    "npm",
    ["install", "--prefix", PEER_DIR, "--no-audit", "--no-fund", "--ignore-scripts"],
    // Without pnpm's own npm_config_* settings (catalog, …), which npm does not know.
    { stdio: "inherit", env: npmEnv() },
  );
  if (npm.status !== 0) throw new Error(`npm install of the peer failed (${npm.status})`);
}

/** PostGraphile in a process of its own (Node ≥ 22: it calls Promise.withResolvers). */
export async function startPeer(
  target: Target,
  log: (line: string) => void,
): Promise<ServerProcess> {
  if (target.kind !== "postgres") throw new Error("the peer runs on PostgreSQL only");
  ensureInstalled(log);
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: PEER_DIR,
    env: { ...process.env, DATABASE_URL: target.url, PORT: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  let output = "";
  const port = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening (\d+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    exited.then((code) => reject(new Error(`the peer exited with ${code}: ${output.trim()}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      process.off("exit", orphan);
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The peer's form of one of our questions (by its kind and the unit it asks about). */
export function peerQuestion(
  q: Question,
): ((client: GraphqlClient) => Promise<Answer>) | undefined {
  const p = q.peer;
  if (!p) return undefined;
  if (p.kind === "overview") return (c) => peerOverview(c, p.rootId);
  if (p.kind === "comparison") return (c) => peerComparison(c, p.rootId, p.childLevel);
  if (p.kind === "trend") return (c) => peerTrend(c, p.rootId);
  return (c) => peerMetrics(c, p.rootId);
}
