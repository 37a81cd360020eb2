// Summarises a V8 CPU profile (node --cpu-prof, BENCH_SERVER_CPU_PROF) as the benchmark notes
// quote it: self time by function, and total (inclusive) time by package, top entries first.
// tsx test/src/bench/profile-summary.ts <file.cpuprofile> [--top 25]
import fs from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" } },
});
const file = positionals[0];
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [--top 25]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** "graphql-yoga", "@envelop/core", "server/src/access.ts", "(node)" … */
function packageOf(url: string): string {
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) return m[1];
  const own = /\/((?:server|schema|prisma|test|web)\/src\/.*)$/.exec(url);
  if (own?.[1]) return own[1];
  if (url.startsWith("node:") || url === "") return "(node / native)";
  return url;
}

const selfMs = new Map<string, number>();
const packageMs = new Map<string, number>();
/** Inclusive time of each function of our own code (server/, schema/, prisma/). */
const ownMs = new Map<string, number>();
let totalMs = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  totalMs += ms;
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"} ${packageOf(url)}:${lineNumber + 1}`;
  selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
  // Inclusive by package: each package once per sample, however deep it recurs.
  const seen = new Set<string>();
  const own = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame || frame.url === "") continue;
    const pkg = packageOf(frame.url);
    seen.add(pkg);
    if (/^(server|schema|prisma)\/src\//.test(pkg)) {
      own.add(`${frame.functionName || "(anonymous)"} ${pkg}:${frame.lineNumber + 1}`);
    }
  }
  for (const p of seen) packageMs.set(p, (packageMs.get(p) ?? 0) + ms);
  if (id !== undefined && byId.get(id)?.callFrame.functionName !== "(idle)") {
    for (const f of own) ownMs.set(f, (ownMs.get(f) ?? 0) + ms);
  }
});

const rows = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `| ${k} | ${v.toFixed(0)} | ${((100 * v) / totalMs).toFixed(1)} % |`)
    .join("\n");
console.log(`Profile ${file}: ${(totalMs / 1000).toFixed(1)} s sampled\n`);
console.log(
  `| self time: function (package:line) | ms | share |\n|---|---:|---:|\n${rows(selfMs)}\n`,
);
console.log(`| inclusive time by package | ms | share |\n|---|---:|---:|\n${rows(packageMs)}\n`);
console.log(
  `| inclusive time of our functions (function file:line) | ms | share |\n|---|---:|---:|\n${rows(ownMs)}`,
);
