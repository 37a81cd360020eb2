// What the fault tests stand on: a PRIVATE PostgreSQL cluster they may stop and kill (the
// machine's shared one on 5432 serves everyone else's tests), and server processes they may
// kill -9.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../support/ports";

const run = promisify(execFile);
const PG_BIN = process.env.TEST_POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

/**
 * PostgreSQL refuses to run as root (initdb and postgres both exit). Under root the cluster's
 * commands run as the `postgres` OS user, in a directory it owns; otherwise as the current user.
 */
function asClusterOwner(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ["runuser", ["-u", "postgres", "--", command, ...args]];
}

/** A temp directory the cluster's owner may write. */
async function clusterDirectory(prefix: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

/** A throwaway PostgreSQL cluster in a temp directory, trust auth, TCP on 127.0.0.1 only. */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const dir = await clusterDirectory("d05-private-pg-");
    const cluster = new PrivatePostgres(dir, await freePort());
    const [cmd, args] = asClusterOwner(`${PG_BIN}/initdb`, [
      "-D",
      cluster.dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
    await run(cmd, args);
    return cluster;
  }

  /**
   * A streaming replica of `primary` (running): pg_basebackup with -R writes the standby's
   * connection settings, so it follows the primary's WAL from the moment it starts. The backup
   * begins with a checkpoint on the primary: a fast one (an idle test cluster writes a few MB),
   * not the default spread one, which paces itself over most of checkpoint_timeout (~100 s).
   */
  static async standbyOf(primary: PrivatePostgres): Promise<PrivatePostgres> {
    const dir = await clusterDirectory("d05-private-pg-standby-");
    const standby = new PrivatePostgres(dir, await freePort());
    const [cmd, args] = asClusterOwner(`${PG_BIN}/pg_basebackup`, [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      "postgres",
      "-D",
      standby.dataDir,
      "-R",
      "-X",
      "stream",
      "--checkpoint=fast",
      "--no-sync",
    ]);
    await run(cmd, args);
    return standby;
  }

  get dataDir(): string {
    return path.join(this.dir, "data");
  }

  url(database = "postgres"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the cluster and returns once it accepts connections (pg_ctl -w). */
  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=on`;
    const [cmd, args] = asClusterOwner(`${PG_BIN}/pg_ctl`, [
      "start",
      "-w",
      "-t",
      "60",
      "-D",
      this.dataDir,
      "-l",
      path.join(this.dir, "server.log"),
      "-o",
      options,
    ]);
    await run(cmd, args);
  }

  /**
   * fast: disconnects every client, rolls back their transactions, shuts down cleanly.
   * immediate: quits at once without a shutdown checkpoint (recovery runs at the next start), the
   * closest a test gets to the server losing power.
   */
  async stop(mode: "fast" | "immediate"): Promise<void> {
    const [cmd, args] = asClusterOwner(`${PG_BIN}/pg_ctl`, [
      "stop",
      "-w",
      "-t",
      "60",
      "-m",
      mode,
      "-D",
      this.dataDir,
    ]);
    await run(cmd, args);
  }

  async destroy(): Promise<void> {
    await this.stop("immediate").catch(() => {});
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface GraphqlReply<T> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  signal?: AbortSignal,
): Promise<GraphqlReply<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}
