import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "../support/processes";

const SERVER = "server/src/index.ts";

/** A start that cannot work says why in one line and exits 1 — no stack trace. */
async function expectOneLineFailure(env: NodeJS.ProcessEnv, pattern: RegExp) {
  const result = await runScript(SERVER, { PORT: "0", SEED_DEMO: "false", ...env });
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("starting the server with bad configuration", () => {
  it("explains a DATABASE_URL that is not a URL", async () => {
    await expectOneLineFailure(
      { DATABASE_URL: "not a url" },
      /^error: DATABASE_URL is not a valid URL/,
    );
  });

  it("explains a DATABASE_URL of another database kind", async () => {
    await expectOneLineFailure(
      { DATABASE_URL: "mysql://localhost/db" },
      /must start with postgresql:\/\//,
    );
  });

  it("explains an unreachable PostgreSQL", async () => {
    await expectOneLineFailure(
      { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/d05" },
      /^error: Cannot reach PostgreSQL postgresql:\/\/postgres@127\.0\.0\.1:1\/d05/,
    );
  });

  it("explains a database that does not exist", async () => {
    await expectOneLineFailure(
      { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/d05_no_such_database" },
      /does not exist/,
    );
  });

  it("explains an unwritable DATA_DIR", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "d05-")), "a-file");
    fs.writeFileSync(file, "");
    await expectOneLineFailure(
      { DATA_DIR: path.join(file, "data") },
      /^error: DATA_DIR .* is not a writable directory/,
    );
  });

  it("refuses production mode with the development secret", async () => {
    await expectOneLineFailure({ NODE_ENV: "production", AUTH_SECRET: "" }, /needs AUTH_SECRET/);
  });

  it("explains a bad PORT", async () => {
    await expectOneLineFailure({ PORT: "eighty" }, /^error: PORT must be a whole number/);
  });
});
