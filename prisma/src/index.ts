export {
  ConfigurationError,
  type DatabaseConfig,
  databaseConfigFromEnv,
  describeDatabase,
} from "./config";
export { repositoryRoot, resolveDataDir } from "./data-dir";
export { type Database, openDatabase } from "./db";
export * from "./generated/client.ts";
export { applyMigrations, diffSchemaAgainstMigrations } from "./migrate";
export { appliedMigrations, knownMigrations, pendingMigrations } from "./migrate/status";
export {
  checkSignIn,
  hashPassword,
  legacyScryptHash,
  needsRehash,
  verifyPassword,
} from "./password";
export { rawQueriesOf, rawQueriesOnPool } from "./pool-rows";
export { ReadReplicas, type ReadRoute } from "./replicas";
export { ROLLUP_TABLES } from "./rollup-tables";
export { runStoppable, runUnstoppable } from "./stoppable-statements";
