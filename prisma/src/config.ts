import { resolveDataDir } from "./data-dir";

export { resolveDataDir };

/** Where the data lives: a PostgreSQL server, or embedded PGlite in a directory. */
export type DatabaseConfig =
  | {
      kind: "postgres";
      url: string;
      /** Streaming replicas of `url` that analytics reads may use (DATABASE_READ_URL). */
      readUrls?: string[];
    }
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
  const readUrls = (env.DATABASE_READ_URL ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  if (!url) {
    if (readUrls.length > 0) {
      throw new ConfigurationError(
        "DATABASE_READ_URL needs DATABASE_URL: read replicas are replicas of a PostgreSQL primary, not of the embedded database.",
      );
    }
    return { kind: "pglite", dataDir: resolveDataDir(env.DATA_DIR) };
  }
  if (url === "memory:") return { kind: "memory" };
  checkPostgresUrl("DATABASE_URL", url);
  for (const readUrl of readUrls) checkPostgresUrl("DATABASE_READ_URL", readUrl);
  return readUrls.length > 0 ? { kind: "postgres", url, readUrls } : { kind: "postgres", url };
}

function checkPostgresUrl(name: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `${name} is not a valid URL (expected postgresql://user@host:5432/database).`,
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigurationError(
      `${name} must start with postgresql:// (got "${parsed.protocol}")${name === "DATABASE_URL" ? "; leave it unset to use the embedded database" : ""}.`,
    );
  }
  if (!parsed.pathname || parsed.pathname === "/") {
    throw new ConfigurationError(`${name} names no database (postgresql://host:5432/NAME).`);
  }
}

/** The URL without its password, safe for logs and error messages. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") return `embedded PGlite in ${config.dataDir}`;
  if (config.kind === "memory") return "in-memory PGlite";
  return `PostgreSQL ${redactedUrl(config.url)}`;
}

/** A PostgreSQL URL without its password, safe for logs and error messages. */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
