// A large, deterministic data set for benchmarks and load tests: the real 2025 unit list (or one
// of the same shape), ~10 chi bộ per commune, and records for every commune over several years.
// It REPLACES the database's content. Rows are bulk loaded with the rollup triggers off, then
// rebuild_rollups() recomputes every rollup once, the route the rollups' migration documents.
import { Prisma, type PrismaClient } from "../generated/client.ts";
import { hashPassword } from "../password";
import { ROLLUP_TABLES } from "../rollup-tables";
import { createRandom, type Random } from "../seed/random";
import { THEMES } from "../seed/themes";
import { BulkLoader } from "./load";
import { createProgress } from "./progress";
import { type Calendar, epochDay, generateCommune, type RecordTable } from "./records";
import { buildUnitTree, type ProvinceSource, syntheticProvinceList, type UnitTree } from "./units";

export { NATIONAL_ROOT_CODE, readProvinceList, syntheticProvinceList } from "./units";

export const SCALES = ["small", "province", "national"] as const;
export type Scale = (typeof SCALES)[number];

/** The last year with records: complete, and in the past for any clock this runs under. */
export const LAST_YEAR = 2025;
export const DEFAULT_SEED = 20160515;

/** Accounts of a generated data set, scoped to the national root. Public, like the demo's. */
export const GENERATED_ACCOUNTS = [
  {
    username: "bench-admin",
    password: "bench-admin-05",
    role: "ADMIN",
    name: "Quản trị (dữ liệu sinh)",
  },
  {
    username: "bench-analyst",
    password: "bench-analyst-05",
    role: "ANALYST",
    name: "Phân tích (dữ liệu sinh)",
  },
  {
    username: "bench-viewer",
    password: "bench-viewer-05",
    role: "VIEWER",
    name: "Xem (dữ liệu sinh)",
  },
] as const;

export interface GenerateOptions {
  scale: Scale;
  /** Years of records ending with LAST_YEAR (default: 2 for small, else 5), 1 to 10. */
  years?: number;
  seed?: number;
  /** The province list (vn-admin-units-2025.json shape); null: a synthetic one. */
  provinces: ProvinceSource[] | null;
  /** Rows per INSERT (default 20,000). */
  batchSize?: number;
  /** Progress bar on stderr. */
  progress?: boolean;
}

export interface GeneratePlan {
  scale: Scale;
  years: number[];
  seed: number;
  tree: UnitTree;
  /** "1 province (Tỉnh X, 98 communes)" */
  description: string;
}

export interface GenerateSummary {
  rows: Record<string, number>;
  /** Generating and loading the records (units included). */
  loadMs: number;
  rebuildMs: number;
  /** Ordering the rollup tables by their primary key (CLUSTER). */
  clusterMs: number;
  /** VACUUM ANALYZE of the whole database. */
  vacuumMs: number;
  totalMs: number;
}

const RECORD_TABLES: RecordTable[] = [
  "Activity",
  "Model",
  "ModelStatusChange",
  "ModelContribution",
  "Commitment",
  "Award",
];
const TABLES_WITH_IDS = ["Unit", "Theme", "User", ...RECORD_TABLES];
/** Tables whose triggers stay off during the load: the records', and the unit tree's (which
 * keep the party-cell rollups); rebuild_rollups() recomputes everything they maintain. */
const TRIGGERED_TABLES = ["Unit", "UnitClosure", ...RECORD_TABLES];

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** What would be generated: the provinces, communes and years; no database involved. */
export function planDataset(options: GenerateOptions): GeneratePlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const randomFor = (key: string): Random => createRandom((hash(key) ^ seed) >>> 0);
  const years = options.years ?? (options.scale === "small" ? 2 : 5);
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    throw new Error(`--years must be 1 to 10 (got ${years})`);
  }
  const all = options.provinces ?? syntheticProvinceList(randomFor("provinces"));
  let chosen: ProvinceSource[];
  if (options.scale === "national") chosen = all;
  else if (options.scale === "province") {
    chosen = [all.reduce((a, b) => (b.Wards.length > a.Wards.length ? b : a))];
  } else {
    // The province closest to 100 communes: a realistic small data set.
    chosen = [
      all.reduce((a, b) =>
        Math.abs(b.Wards.length - 100) < Math.abs(a.Wards.length - 100) ? b : a,
      ),
    ];
  }
  const tree = buildUnitTree(chosen, randomFor);
  const first = LAST_YEAR - years + 1;
  const description =
    chosen.length === 1
      ? `1 province (${chosen[0]?.FullName}, ${tree.communes.length} communes)`
      : `${chosen.length} provinces, ${tree.communes.length} communes`;
  return {
    scale: options.scale,
    years: Array.from({ length: years }, (_, i) => first + i),
    seed,
    tree,
    description: `${description}, ${tree.units.length} units, years ${first}–${LAST_YEAR}`,
  };
}

/** Replaces the database's content with the planned data set; returns row counts and timings. */
export async function generateDataset(
  prisma: PrismaClient,
  plan: GeneratePlan,
  options: Pick<GenerateOptions, "batchSize" | "progress"> = {},
): Promise<GenerateSummary> {
  const started = performance.now();
  const { tree, years, seed } = plan;
  const users = await Promise.all(
    GENERATED_ACCOUNTS.map(async (a, i) => ({
      i: i + 1,
      u: a.username,
      n: a.name,
      h: await hashPassword(a.password),
      r: a.role,
      x: tree.root.id,
    })),
  );
  const calendar: Calendar = {
    years,
    end: epochDay(LAST_YEAR, 12, 31),
    themeId: (year) => {
      const index = THEMES.findIndex((t) => t.year === year);
      if (index < 0) throw new Error(`no theme for ${year}`);
      return index + 1;
    },
  };
  const progress = createProgress("generate", tree.communes.length, options.progress ?? true);
  let rowsWritten = 0;
  let loader: BulkLoader | undefined;
  let loadMs = 0;
  let rebuildMs = 0;
  await prisma.$transaction(
    async (tx) => {
      const tables = Object.values(Prisma.ModelName).map((name) => `"${name}"`);
      await tx.$executeRawUnsafe(`TRUNCATE TABLE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
      // Row-by-row rollup triggers would cost far more than the load: off, then one rebuild.
      // DDL is transactional, so a failed load leaves the triggers as they were.
      for (const table of TRIGGERED_TABLES) {
        await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
      }
      const l = new BulkLoader(
        (sql, json) => tx.$executeRawUnsafe(sql, json),
        options.batchSize ?? 20_000,
        (_table, rows) => {
          rowsWritten += rows;
        },
      );
      loader = l;
      for (const u of tree.units) {
        l.push("Unit", {
          i: u.id,
          c: u.code,
          n: u.name,
          k: u.kind,
          p: u.parentId,
          h: u.path,
          d: u.depth,
          m: u.partyMembers,
          o: u.population,
        });
      }
      for (const [a, d, n] of tree.closures) l.push("UnitClosure", { a, d, n });
      for (const [index, t] of THEMES.entries()) {
        l.push("Theme", {
          i: index + 1,
          y: t.year,
          t: t.title,
          d: "description" in t ? (t.description ?? null) : null,
        });
      }
      for (const u of users) l.push("User", u);
      // Units, closures, themes and users before any record points at them.
      await l.flushAll();
      const ids = new Map<RecordTable, number>();
      const sink = {
        nextId(table: RecordTable) {
          const id = (ids.get(table) ?? 0) + 1;
          ids.set(table, id);
          return id;
        },
        push: (table: RecordTable, row: Record<string, string | number | null>) =>
          l.push(table, row),
      };
      for (const [index, c] of tree.communes.entries()) {
        generateCommune(
          c,
          createRandom((hash(`${c.commune.code}:records`) ^ seed) >>> 0),
          calendar,
          sink,
        );
        if (l.hasFullBatch) await l.flushFull();
        progress.update(index + 1, rowsWritten);
      }
      await l.flushAll();
      progress.update(tree.communes.length, rowsWritten);
      loadMs = performance.now() - started;
      progress.finish(
        `generate: ${rowsWritten.toLocaleString("en-US")} rows in ${(loadMs / 1000).toFixed(1)} s; rebuilding rollups…`,
      );
      for (const table of TRIGGERED_TABLES) {
        await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
      }
      const rebuildStarted = performance.now();
      await tx.$queryRawUnsafe(`SELECT rebuild_rollups()::text`);
      rebuildMs = performance.now() - rebuildStarted;
      // Explicit ids leave the serial sequences at 1; the next insert would collide without this.
      const resets = TABLES_WITH_IDS.map(
        (table) =>
          `setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      );
      await tx.$queryRawUnsafe(`SELECT ${resets.join(", ")}`);
    },
    { maxWait: 60_000, timeout: 4 * 3_600_000 },
  );
  // rebuild_rollups() writes each rollup in hash-aggregate order, so one unit's rows end up on as
  // many pages as it has rows: reading a commune's year touched ~60 pages. Ordering the rollups
  // by their key (unit first) puts them on one or two. Then VACUUM ANALYZE: the visibility map
  // for index-only scans, and fresh statistics for the planner.
  const tidyStarted = performance.now();
  for (const table of ROLLUP_TABLES) {
    await prisma.$executeRawUnsafe(`CLUSTER "${table}" USING "${table}_pkey"`);
  }
  const clusterMs = performance.now() - tidyStarted;
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  const vacuumMs = performance.now() - tidyStarted - clusterMs;
  const rows: Record<string, number> = Object.fromEntries(loader?.written ?? []);
  const rollups = await prisma.$queryRawUnsafe<{ table: string; rows: number }[]>(
    `SELECT 'ActivityRollup' AS "table", count(*)::int AS rows FROM "ActivityRollup"
     UNION ALL SELECT 'AwardRollup', count(*)::int FROM "AwardRollup"
     UNION ALL SELECT 'ModelDayRollup', count(*)::int FROM "ModelDayRollup"
     UNION ALL SELECT 'ContributionRollup', count(*)::int FROM "ContributionRollup"
     UNION ALL SELECT 'CommitmentRollup', count(*)::int FROM "CommitmentRollup"`,
  );
  for (const r of rollups) rows[r.table] = Number(r.rows);
  return { rows, loadMs, rebuildMs, clusterMs, vacuumMs, totalMs: performance.now() - started };
}
