// pnpm gen --scale small|province|national [--years N] [--seed N] [--units FILE] [--yes]
// Replaces the content of the database named by DATABASE_URL / DATA_DIR with a generated data set.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConfigurationError, databaseConfigFromEnv, describeDatabase } from "../config";
import { openDatabase } from "../db";
import {
  GENERATED_ACCOUNTS,
  generateDataset,
  planDataset,
  readProvinceList,
  SCALES,
  type Scale,
} from "../generate";
import { applyMigrations } from "../migrate";
import { isDatabaseEmpty } from "../seed/write";
import { runCli } from "./run";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

runCli(async () => {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "small" },
      years: { type: "string" },
      seed: { type: "string" },
      units: { type: "string" },
      yes: { type: "boolean", default: false },
      "batch-size": { type: "string" },
    },
  });
  const scale = values.scale as Scale;
  if (!SCALES.includes(scale)) {
    throw new ConfigurationError(`--scale must be one of ${SCALES.join(", ")} (got "${scale}").`);
  }
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigurationError(`--${name} must be an integer.`);
    return n;
  };
  // A given path is relative to where the command was typed (pnpm runs scripts in prisma/).
  const unitsFile = values.units
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.units)
    : path.resolve(repoRoot, "../shared/data/vn-admin-units-2025.json");
  const provinces = readProvinceList(unitsFile);
  const plan = planDataset({
    scale,
    years: int("years", values.years),
    seed: int("seed", values.seed),
    provinces,
  });
  const config = databaseConfigFromEnv();
  console.log(
    `Will REPLACE the content of ${describeDatabase(config)} with a generated ${scale} data set: ` +
      `${plan.description} (seed ${plan.seed}; units from ${provinces ? unitsFile : "a synthetic list"}).`,
  );
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.adapterFactory);
    if (!values.yes && !(await isDatabaseEmpty(db.prisma))) {
      throw new ConfigurationError(
        "The database is not empty: pass --yes to replace its content with the generated data set.",
      );
    }
    const s = await generateDataset(db.prisma, plan, {
      batchSize: int("batch-size", values["batch-size"]),
    });
    const counts = Object.entries(s.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`)
      .join(", ");
    console.log(
      `Generated in ${(s.totalMs / 1000).toFixed(1)} s (load ${(s.loadMs / 1000).toFixed(1)} s, ` +
        `rebuild_rollups ${(s.rebuildMs / 1000).toFixed(1)} s, CLUSTER rollups ${(s.clusterMs / 1000).toFixed(1)} s, ` +
        `VACUUM ANALYZE ${(s.vacuumMs / 1000).toFixed(1)} s): ${counts}.`,
    );
    console.log(
      `Accounts (national scope): ${GENERATED_ACCOUNTS.map((a) => `${a.username} / ${a.password}`).join(", ")}.`,
    );
  } finally {
    await db.close();
  }
});
