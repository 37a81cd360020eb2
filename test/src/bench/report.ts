// The periodic report of the generated province (~100 communes, their chi bộ below) on the
// embedded database, as `GET /report` serves it: wall time per file (figures read on the server's
// thread, file laid out in its worker), and how long `/healthz` waits meanwhile against its own
// time on an idle server (a report must not hold other users' requests).
import { type DatasetInfo, login, startServer, type Target } from "./env";

export interface ReportBenchRow {
  file: string;
  /** Median, min and max wall time of the report request, ms. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** /healthz on the idle server, median ms; and the slowest while reports were made. */
  healthzIdleMs: number;
  healthzWorstMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  // Once more if a kept-alive socket was closed by the server meanwhile (undici: "fetch failed");
  // both requests are reads.
  const response = await fetch(url, init).catch(() => fetch(url, init));
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

export async function reportSection(
  target: Target,
  info: DatasetInfo,
  runs: number,
  log: (line: string) => void,
): Promise<ReportBenchRow[]> {
  const server = await startServer(target);
  try {
    const token = await login(server.url, "bench-admin", "bench-admin-05");
    const year = new Date().getUTCFullYear() - 1;
    const unitId = Buffer.from(`Unit:${info.provinceId}`).toString("base64");
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push((await timed(`${server.url}/healthz`)).ms);
    const rows: ReportBenchRow[] = [];
    for (const format of ["docx", "pdf"] as const) {
      const params = new URLSearchParams({
        unitId,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        format,
      });
      const url = `${server.url}/report?${params}`;
      const headers = { authorization: `Bearer ${token}` };
      // One unmeasured run: the worker starts and parses its fonts once per process.
      const first = await timed(url, { headers });
      if (first.status !== 200) throw new Error(`report ${format}: HTTP ${first.status}`);
      const times: number[] = [];
      const health: number[] = [];
      for (let r = 0; r < runs; r++) {
        let done = false;
        const pending = timed(url, { headers }).finally(() => {
          done = true;
        });
        while (!done) health.push((await timed(`${server.url}/healthz`)).ms);
        times.push((await pending).ms);
      }
      const file = `${info.provinceName} (${info.communesInProvince} communes), năm ${year}, ${format}`;
      log(`report: ${file}: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
      rows.push({
        file,
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        healthzIdleMs: median(idle),
        healthzWorstMs: Math.max(...health),
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

export function reportTable(rows: ReportBenchRow[]): string {
  const f = (v: number) => v.toFixed(0);
  return [
    "| report (embedded PGlite) | median ms | min–max ms | /healthz idle ms | /healthz worst during ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.file} | ${f(r.medianMs)} | ${f(r.minMs)}–${f(r.maxMs)} | ${f(r.healthzIdleMs)} | ${f(r.healthzWorstMs)} |`,
    ),
  ].join("\n");
}
