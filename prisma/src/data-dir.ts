import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's root folder. pnpm runs each package's scripts in that package's folder
 * (`pnpm start` in server/, `pnpm db:seed` in prisma/), so a path relative to the working
 * directory would name a different database for each command; relative paths are resolved from
 * here instead.
 */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The embedded database's directory: DATA_DIR (absolute, or relative to the repository root), default <repository>/data. */
export function resolveDataDir(raw: string | undefined): string {
  return path.resolve(repositoryRoot, raw?.trim() || "data");
}
