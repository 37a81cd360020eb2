// Every command (server start in server/, db:seed, db:migrate, gen and backup in prisma/, anything
// typed at the repository root) must use the same embedded database: DATA_DIR is resolved from the
// repository root, whatever folder pnpm runs the script in.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/processes";

/** The data directory databaseConfigFromEnv picks when run with `cwd` as working directory. */
function dataDirSeenFrom(cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const config = path.join(repoRoot, "prisma/src/config.ts");
  const script = `import { databaseConfigFromEnv } from ${JSON.stringify(config)};
    process.stdout.write(JSON.stringify(databaseConfigFromEnv(process.env)));`;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: "", ...env },
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout).dataDir;
}

describe("data directory", () => {
  it("is <repository>/data for the server, the prisma commands and the repository root alike", () => {
    const expected = path.join(repoRoot, "data");
    for (const folder of ["", "server", "prisma", "test"]) {
      expect(dataDirSeenFrom(path.join(repoRoot, folder))).toBe(expected);
    }
  });

  it("resolves a relative DATA_DIR from the repository root and keeps an absolute one", () => {
    expect(dataDirSeenFrom(path.join(repoRoot, "prisma"), { DATA_DIR: "var/d05" })).toBe(
      path.join(repoRoot, "var/d05"),
    );
    expect(dataDirSeenFrom(path.join(repoRoot, "server"), { DATA_DIR: "/srv/d05-data" })).toBe(
      "/srv/d05-data",
    );
  });
});
