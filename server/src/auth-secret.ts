// The key that signs bearer tokens. A key anyone can read signs anyone's admin token, so there is
// no default in the source: AUTH_SECRET when set, else (outside production) a random key made on
// the first start and kept in DATA_DIR, readable by its owner only, so sign-ins survive restarts.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ConfigurationError } from "@d05/prisma/config";

export const MIN_SECRET_LENGTH = 32;
export const SECRET_FILE_NAME = "auth-secret";

/**
 * SHA-256 of keys that were published (this repository once shipped a development key in its
 * source): whoever read it can sign tokens, so it is refused even when configured on purpose.
 */
const PUBLISHED_SECRET_HASHES = new Set([
  "5f452c66d4443b93942029bc223852c7d7d2fc31f8e62bd04b55d5bdb641deb3",
]);

export function isPublishedSecret(secret: string): boolean {
  return PUBLISHED_SECRET_HASHES.has(createHash("sha256").update(secret, "utf8").digest("hex"));
}

/** Why a configured AUTH_SECRET cannot sign tokens, or null when it can. */
export function authSecretProblem(secret: string): string | null {
  if (isPublishedSecret(secret)) {
    return "AUTH_SECRET is a key published in this project's source: anyone could sign tokens with it. Set a random one (openssl rand -hex 32).";
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `AUTH_SECRET must be a random secret of at least ${MIN_SECRET_LENGTH} characters (openssl rand -hex 32).`;
  }
  return null;
}

/**
 * The key in `dir`/auth-secret, made (32 random bytes) on the first call. Refused when it is not a
 * plain file of the server's user, or when others may read or write it: such a key may be known.
 */
export async function loadOrCreateSecretFile(
  dir: string,
  log: (line: string) => void = console.log,
): Promise<string> {
  const file = path.join(dir, SECRET_FILE_NAME);
  try {
    await fs.mkdir(dir, { recursive: true });
    // `wx`: two servers starting together on one DATA_DIR never overwrite each other's key.
    await fs.writeFile(file, `${randomBytes(32).toString("base64url")}\n`, {
      flag: "wx",
      mode: 0o600,
    });
    // The process umask may have taken bits away, never added any; make the mode exact anyway.
    await fs.chmod(file, 0o600);
    log(`AUTH_SECRET is not set: signing tokens with a random key made now and kept in ${file}.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") {
      throw new ConfigurationError(
        `Cannot keep the token signing key in ${file} (${code ?? error}); set AUTH_SECRET or a writable DATA_DIR.`,
      );
    }
  }
  // lstat: a link could point at a key someone else chose.
  const stat = await fs.lstat(file);
  if (!stat.isFile() || (process.getuid && stat.uid !== process.getuid())) {
    throw new ConfigurationError(
      `${file} is not a plain file owned by the user running the server: delete it to make a new key.`,
    );
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigurationError(
      `${file} may be read by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it, or delete it to make a new key.`,
    );
  }
  const secret = (await fs.readFile(file, "utf8")).trim();
  const problem = authSecretProblem(secret);
  if (problem) {
    throw new ConfigurationError(`${file} holds no usable key: delete it to make a new one.`);
  }
  return secret;
}

/** AUTH_SECRET when configured, else the key kept in DATA_DIR (refused in production earlier). */
export function resolveAuthSecret(
  settings: { authSecret: string | undefined; authSecretDir: string },
  log?: (line: string) => void,
): Promise<string> {
  if (settings.authSecret) return Promise.resolve(settings.authSecret);
  return loadOrCreateSecretFile(settings.authSecretDir, log);
}
