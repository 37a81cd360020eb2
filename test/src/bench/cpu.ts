// CPU time spent per request, split by process: the server under test, PostgreSQL (every process
// named postgres, with the exited ones through the postmaster's reaped-children time) and this
// load generator. On a 2-vCPU machine the three share the cores, so "where does a request's CPU
// go" explains a throughput ceiling better than latency alone. Linux /proc only; elsewhere the
// meter reports nothing.
import fs from "node:fs";

export interface CpuPerRequest {
  /** CPU milliseconds per completed request. */
  serverMs: number;
  postgresMs: number;
  loadGeneratorMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux (sysconf(_SC_CLK_TCK)).

/** utime + stime (+ reaped children's) of one process, in ms, or 0 if it is gone. */
function processCpuMs(pid: number, withChildren: boolean): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15,
    // cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const at = (n: number) => Number(fields[n - 3]);
    const own = at(14) + at(15);
    return (withChildren ? own + at(16) + at(17) : own) * TICK_MS;
  } catch {
    return 0;
  }
}

function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim();
    } catch {
      continue; // exited meanwhile
    }
    // Backends exit when their connection closes; the postmaster's cutime keeps their time.
    if (comm === "postgres") total += processCpuMs(Number(entry), true);
  }
  return total;
}

function loadGeneratorMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Starts measuring; `stop(requests)` answers the CPU per request since the start. */
export function cpuMeter(serverPid: number | undefined): {
  stop(requests: number): CpuPerRequest | undefined;
} {
  if (!fs.existsSync("/proc/self/stat") || serverPid === undefined)
    return { stop: () => undefined };
  const start = {
    server: processCpuMs(serverPid, false),
    postgres: postgresCpuMs(),
    load: loadGeneratorMs(),
  };
  return {
    stop(requests) {
      if (requests <= 0) return undefined;
      return {
        serverMs: (processCpuMs(serverPid, false) - start.server) / requests,
        postgresMs: (postgresCpuMs() - start.postgres) / requests,
        loadGeneratorMs: (loadGeneratorMs() - start.load) / requests,
      };
    },
  };
}

export const formatCpu = (c: CpuPerRequest | undefined) =>
  c
    ? `${c.serverMs.toFixed(1)} / ${c.postgresMs.toFixed(1)} / ${c.loadGeneratorMs.toFixed(1)}`
    : "";
