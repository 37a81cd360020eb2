export {
  ConfigurationError,
  type DatabaseConfig,
  databaseConfigFromEnv,
  describeDatabase,
} from "./config";
export { type Database, openDatabase } from "./db";
export * from "./generated/client.ts";
export { applyMigrations, diffSchemaAgainstMigrations } from "./migrate";
export {
  checkSignIn,
  hashPassword,
  legacyScryptHash,
  needsRehash,
  verifyPassword,
} from "./password";
export { runStoppable, runUnstoppable } from "./stoppable-statements";
