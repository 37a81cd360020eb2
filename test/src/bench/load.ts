// A closed-loop load generator: `concurrency` workers each send one request, wait for its answer,
// and send the next, until the duration or the request budget is spent. Latencies are measured
// per request on the client (performance.now), errors counted apart.

import type { CpuPerRequest } from "./cpu";

export interface LoadOptions {
  concurrency: number;
  /** Stop starting requests after this long (ms). */
  durationMs: number;
  /** Stop starting requests after this many (default: no limit). */
  maxRequests?: number;
  /** Requests sent before measuring, one at a time (default 0). */
  warmup?: number;
}

export interface LoadStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Completed requests per second over the measured wall time. */
  rps: number;
  seconds: number;
  firstError?: string;
  /** CPU per request by process, where measured (cpu.ts). */
  cpu?: CpuPerRequest;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export async function runLoad(
  request: (i: number) => Promise<void>,
  options: LoadOptions,
): Promise<LoadStats> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await request(-1 - i);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;
  const budget = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (performance.now() < deadline && started < budget) {
      const i = started++;
      const s = performance.now();
      try {
        await request(i);
        latencies.push(performance.now() - s);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    rps: latencies.length / seconds,
    seconds,
    firstError,
  };
}

/** The run whose value is the median, field by field, of several runs. */
export function medianStats(runs: LoadStats[]): LoadStats {
  const med = (pick: (s: LoadStats) => number) => {
    const v = runs.map(pick).sort((a, b) => a - b);
    return v[Math.floor((v.length - 1) / 2)] as number;
  };
  return {
    requests: runs.reduce((s, r) => s + r.requests, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    p50: med((s) => s.p50),
    p95: med((s) => s.p95),
    p99: med((s) => s.p99),
    max: Math.max(...runs.map((s) => s.max)),
    rps: med((s) => s.rps),
    seconds: runs.reduce((s, r) => s + r.seconds, 0),
    firstError: runs.find((r) => r.firstError)?.firstError,
    cpu: runs.every((r) => r.cpu)
      ? {
          serverMs: med((s) => s.cpu?.serverMs ?? 0),
          postgresMs: med((s) => s.cpu?.postgresMs ?? 0),
          loadGeneratorMs: med((s) => s.cpu?.loadGeneratorMs ?? 0),
        }
      : undefined,
  };
}
