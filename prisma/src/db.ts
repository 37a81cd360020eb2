import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { ConfigurationError, type DatabaseConfig, describeDatabase } from "./config";
import { PrismaClient } from "./generated/client.ts";
import { type PoolRows, poolRows, rawQueriesOnPool } from "./pool-rows";
import { ReadReplicas } from "./replicas";
import { SESSION_OPTIONS } from "./session-options";
import { statementName } from "./statement-names";
import { stoppableAdapter } from "./stoppable-statements";

/** The one adapter-backed Prisma client of a process, and what is needed to close it. */
export interface Database {
  config: DatabaseConfig;
  prisma: PrismaClient;
  /** The driver adapter factory, also used by the migration engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * One statement on the PostgreSQL pool without Prisma's per-query work, rows typed as $queryRaw
   * types them (pool-rows.ts); callers take it through rawQueriesOf. Absent on PGlite.
   */
  poolRows?: PoolRows;
  /** The PostgreSQL pool's connections now (for metrics); absent on PGlite. */
  poolStats?: () => { max: number; total: number; idle: number; waiting: number };
  /** The embedded engine itself (PGlite only): backups take a consistent clone of it. */
  pglite?: PGlite;
  /** Streaming replicas analytics reads may use (DATABASE_READ_URL; PostgreSQL only). */
  replicas?: ReadReplicas;
  close(): Promise<void>;
}

/** Opens the database named by the config and checks that it answers. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === "postgres") return openPostgres(config.url, config);
  return openPglite(config);
}

async function openPostgres(
  url: string,
  config: Extract<DatabaseConfig, { kind: "postgres" }>,
): Promise<Database> {
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    options: SESSION_OPTIONS,
  });
  // An idle client losing its server (PostgreSQL restarting) must not crash the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigurationError(
      `Cannot reach ${describeDatabase(config)}: ${(error as Error).message || String(error)}`,
    );
  }
  const adapterFactory = stoppableAdapter(
    new PrismaPg(pool, { statementNameGenerator: statementName }),
  );
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const rows = poolRows(pool);
  // Reads that fall back from the replicas to the primary take the pool's path too.
  const replicas = config.readUrls?.length
    ? await ReadReplicas.open(rawQueriesOnPool(prisma, rows), config.readUrls, poolSize)
    : undefined;
  return {
    config,
    prisma,
    adapterFactory,
    poolRows: rows,
    ...(replicas ? { replicas } : {}),
    poolStats: () => ({
      max: pool.options.max ?? 10,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async close() {
      await replicas?.close();
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openPglite(config: DatabaseConfig): Promise<Database> {
  let dataDir: string | undefined;
  if (config.kind === "pglite") {
    dataDir = config.dataDir;
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.accessSync(dataDir, fs.constants.W_OK);
    } catch (error) {
      throw new ConfigurationError(
        `DATA_DIR ${dataDir} is not a writable directory (${(error as NodeJS.ErrnoException).code ?? error}).`,
      );
    }
  }
  let client: PGlite;
  try {
    client = await PGlite.create(
      dataDir
        ? { dataDir }
        : config.kind === "memory" && config.image
          ? { loadDataDir: config.image }
          : {},
    );
  } catch (error) {
    throw new ConfigurationError(
      `Cannot open ${describeDatabase(config)}: ${(error as Error).message}`,
    );
  }
  // A process killed during an import leaves its staging rows in temporary tables (see the
  // schema's import/staged-write.ts). PostgreSQL clears a dead session's temporary schema when the
  // next session first uses one: this session does so now, at start-up, rather than at the next
  // import.
  await client.exec("CREATE TEMPORARY TABLE d05_session_start (); DROP TABLE d05_session_start;");
  const adapterFactory = stoppableAdapter(new PrismaPGlite(client));
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    config,
    prisma,
    adapterFactory,
    pglite: client,
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}
