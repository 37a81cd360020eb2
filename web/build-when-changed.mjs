// `pnpm start` builds the dashboard only when what it is built from changed since the last build:
// a restart, or a first start after an install that already built it, serves at once instead of
// spending half a minute in Vite. The build's inputs (this package's files, the shared domain
// tables it imports, the lockfile's dependency versions) are hashed; the hash is kept in dist/.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(web);
const stamp = path.join(web, "dist", ".sources-sha256");
const inputs = [web, path.join(root, "schema", "src", "domain"), path.join(root, "pnpm-lock.yaml")];
const skipped = new Set(["node_modules", "dist"]);

function* files(entry) {
  if (!existsSync(entry)) return;
  if (!statSync(entry).isDirectory()) {
    yield entry;
    return;
  }
  const children = readdirSync(entry).sort();
  for (const child of children) {
    if (!skipped.has(child)) yield* files(path.join(entry, child));
  }
}

const hash = createHash("sha256");
for (const input of inputs) {
  for (const file of files(input)) {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
}
const sources = hash.digest("hex");
const built = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : null;
if (built === sources && existsSync(path.join(web, "dist", "index.html"))) {
  console.log("Dashboard: already built from these sources (web/dist).");
} else {
  console.log("Dashboard: building web/dist (its sources changed since the last build)…");
  const result = spawnSync("pnpm", ["--filter", "@d05/web", "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, `${sources}\n`);
}
