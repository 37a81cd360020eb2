import { createSecretKey, type KeyObject } from "node:crypto";
import type { PrismaClient } from "@d05/prisma";
import { errors, jwtVerify, SignJWT } from "jose";
import type { Viewer } from "../context";
import type { ReadCache } from "../read-cache";

const ISSUER = "d05";
export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

const keys = new Map<string, KeyObject>();

/**
 * The secret as a Node KeyObject, made once: jose then signs and verifies with node:crypto's HMAC
 * directly, instead of importing a WebCrypto key for every request (~1 ms of CPU each).
 */
function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keys.set(secret, key);
  }
  return key;
}

export interface TokenSettings {
  secret: string;
  lifetimeSeconds?: number;
}

/** A signed, expiring bearer token (JWT, HS256). `ver` lets an admin revoke all of a user's tokens. */
export async function issueToken(
  user: { id: number; tokenVersion: number },
  settings: TokenSettings,
): Promise<{ token: string; expiresAt: Date }> {
  const lifetime = settings.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
  const expiresAt = new Date(Date.now() + lifetime * 1000);
  const token = await new SignJWT({ ver: user.tokenVersion })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(user.id))
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secretKey(settings.secret));
  return { token, expiresAt };
}

type Payload = { sub?: string; ver?: unknown; exp?: number };

/**
 * Tokens whose signature was already checked (by secret and token text), so each request does not
 * pay for an HMAC through WebCrypto again. Expiry is still checked on every use, and revocation
 * and deactivation below read the account each time. Bounded: the oldest entries go first.
 */
const verified = new Map<string, Payload>();
const MAX_VERIFIED = 10_000;

function remember(cacheKey: string, payload: Payload): void {
  if (verified.size >= MAX_VERIFIED) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(cacheKey, payload);
}

export type TokenCheck = { viewer: Viewer } | { problem: "expired" | "invalid" | "revoked" };

/** Verifies the signature and expiry, then that the account is active and the token not revoked. */
export async function viewerFromToken(
  token: string,
  prisma: PrismaClient,
  settings: TokenSettings,
  reads?: ReadCache,
): Promise<TokenCheck> {
  const cacheKey = `${settings.secret}\n${token}`;
  let payload = verified.get(cacheKey);
  if (payload) {
    if (typeof payload.exp === "number" && payload.exp * 1000 <= Date.now()) {
      verified.delete(cacheKey);
      return { problem: "expired" };
    }
  } else {
    try {
      ({ payload } = await jwtVerify(token, secretKey(settings.secret), {
        issuer: ISSUER,
        algorithms: ["HS256"],
        // A token without an expiry would be valid forever; one issued longer ago than a
        // token lives was not issued by this server (or its key has leaked).
        requiredClaims: ["exp", "iat", "sub"],
        maxTokenAge: settings.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS,
      }));
    } catch (error) {
      return { problem: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
    remember(cacheKey, payload);
  }
  const userId = Number(payload.sub);
  if (!Number.isInteger(userId)) return { problem: "invalid" };
  // Kept across requests until the account changes (deactivation, revocation, role or scope).
  const [user] = reads
    ? await reads.accountFact(userId, () => readAccount(prisma, userId))
    : await readAccount(prisma, userId);
  if (!user?.active || user.tokenVersion !== payload.ver) return { problem: "revoked" };
  return {
    viewer: { userId: user.id, username: user.username, role: user.role, scopeUnitId: user.unitId },
  };
}

/** Raw: this runs on every request, and a raw query skips Prisma's query planning. */
function readAccount(prisma: PrismaClient, userId: number) {
  return prisma.$queryRaw<
    {
      id: number;
      username: string;
      role: Viewer["role"];
      unitId: number;
      active: boolean;
      tokenVersion: number;
    }[]
  >`SELECT "id", "username", "role"::text AS "role", "unitId", "active", "tokenVersion"
      FROM "User" WHERE "id" = ${userId}`;
}

/** Reads "Bearer <token>" from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
