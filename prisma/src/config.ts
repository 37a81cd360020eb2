import { resolveDataDir } from "./data-dir";

export { resolveDataDir };

/** Where the data lives: a PostgreSQL server, or embedded PGlite in a directory. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  /** A throwaway in-memory PGlite; `image` starts it from a dumped data directory (a tarball from
   *  PGlite's dumpDataDir) instead of an empty cluster, which skips initdb and the migrations. */
  | { kind: "memory"; image?: Blob };

/** A problem the operator must fix; printed as one line, never a stack trace. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * Reads DATABASE_URL / DATA_DIR. A postgres URL selects PostgreSQL; no URL selects PGlite in
 * DATA_DIR (default <repository>/data, see data-dir.ts); "memory:" selects a throwaway in-memory PGlite (tests, scratch).
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "pglite", dataDir: resolveDataDir(env.DATA_DIR) };
  if (url === "memory:") return { kind: "memory" };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `DATABASE_URL is not a valid URL (expected postgresql://user@host:5432/database).`,
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigurationError(
      `DATABASE_URL must start with postgresql:// (got "${parsed.protocol}"); leave it unset to use the embedded database.`,
    );
  }
  if (!parsed.pathname || parsed.pathname === "/") {
    throw new ConfigurationError("DATABASE_URL names no database (postgresql://host:5432/NAME).");
  }
  return { kind: "postgres", url };
}

/** The URL without its password, safe for logs and error messages. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") return `embedded PGlite in ${config.dataDir}`;
  if (config.kind === "memory") return "in-memory PGlite";
  const u = new URL(config.url);
  if (u.password) u.password = "***";
  return `PostgreSQL ${u.toString()}`;
}
