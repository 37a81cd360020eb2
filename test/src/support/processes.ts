import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TEST_AUTH_SECRET } from "./server";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the repo with tsx and collects its output. */
export function runScript(
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  args: string[] = [],
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * `pnpm start`'s entry point (`node --import tsx server/src/index.ts`) in its own process, on a
 * free port of 127.0.0.1, resolved with its URL once it listens. For tests that signal, kill or
 * restart the process; the others use `startTestServer`, in the test's own process.
 * An `env` entry set to `undefined` is left out of the child's environment.
 */
export async function spawnServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/index.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      SEED_DEMO: "false",
      AUTH_SECRET: TEST_AUTH_SECRET,
      ...env,
    },
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/dashboard on (http:\/\/[^/\s]+)\//);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  // Keep collecting the log after start (the tests read what the server logged).
  return { url, child, output: () => output, exited };
}

/** SIGTERM, then SIGKILL if the server has not gone after 10 s. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await server.exited;
  clearTimeout(timer);
}

/** kill -9: no shutdown handler runs, no transaction is committed or rolled back by the process. */
export async function killServer(server: ServerProcess): Promise<void> {
  server.child.kill("SIGKILL");
  await server.exited;
}
