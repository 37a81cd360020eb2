import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";

/**
 * argon2id with OWASP's password storage parameters (19 MiB, 2 passes, 1 lane): ~35 ms here, on
 * libuv's thread pool (prebuilt @node-rs binary, no install script), so the event loop stays free.
 * Stored as the standard PHC string "$argon2id$v=19$m=19456,t=2,p=1$salt$hash".
 */
// Algorithm.Argon2id: a const enum, which isolated modules cannot read from the declarations.
const ARGON2ID = 2 as Algorithm;
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password.normalize("NFC"), ARGON2);
}

/** True when the password matches the stored hash (argon2id, or the older scrypt format). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const normalized = password.normalize("NFC");
  if (stored.startsWith("$argon2")) {
    try {
      return await argon2Verify(stored, normalized);
    } catch {
      return false; // a damaged hash matches nothing
    }
  }
  if (stored.startsWith("scrypt$")) return verifyScrypt(normalized, stored);
  return false;
}

/** True when the hash was made with older parameters or scheme: hash the password again. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a sign-in. Without an account to check against (unknown username), a password is still
 * verified, against a hash of a random one made once: a sign-in costs the same whether the name
 * exists or not, so its duration does not tell which usernames exist.
 */
export async function checkSignIn(
  password: string,
  stored: string | null,
): Promise<{ ok: boolean; rehash: boolean }> {
  if (stored === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString("base64"));
    await verifyPassword(password, await dummyHash);
    return { ok: false, rehash: false };
  }
  const ok = await verifyPassword(password, stored);
  return { ok, rehash: ok && needsRehash(stored) };
}

// ── The previous format: "scrypt$N$r$p$salt$hash" (node:crypto scrypt, N=2^15), verified only ──

const scrypt = (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split("$");
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  if (expected.length !== 32) return false;
  // Bounded: a hash written with absurd parameters must not exhaust memory or time.
  const N = Number(n);
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 17 || Number(r) !== 8 || Number(p) !== 1) {
    return false;
  }
  try {
    const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
      N,
      r: 8,
      p: 1,
      maxmem: 256 * 1024 * 1024,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** An old-format hash, for tests of the transparent upgrade at sign-in. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize("NFC"), salt, 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  return ["scrypt", 2 ** 15, 8, 1, salt.toString("base64"), hash.toString("base64")].join("$");
}
