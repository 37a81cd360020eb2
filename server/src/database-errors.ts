import type { GraphQLError } from "graphql";
import { localizedError } from "./language";

/**
 * Prisma's codes for "the database could not be reached or went away": P1001 cannot reach,
 * P1002 timed out, P1008 operation timed out, P1017 server closed the connection, P2024 no
 * connection from the pool in time.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Kinds of Prisma's driver-adapter errors with the same meaning. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
/** Socket errors of the driver. */
const ERRNO_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now (starting up or shutting down), 53300 too many connections.
 */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** What node-postgres says when the server vanishes under a client. */
const MESSAGES =
  /Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error/i;

/** The errors an error wraps: GraphQL's originalError, `cause`, Prisma's driver-adapter error. */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== "object" || depth > 8) return;
  const e = error as Record<string, unknown>;
  yield e;
  yield* chain(e.originalError, depth + 1);
  yield* chain(e.cause, depth + 1);
  yield* chain((e.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** True when the error means the database is down or unreachable, not that the request was bad. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (PRISMA_CODES.has(code) || ERRNO_CODES.has(code) || SQLSTATE.test(code))) {
      return true;
    }
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    const originalCode = e.originalCode;
    if (typeof originalCode === "string" && SQLSTATE.test(originalCode)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * What a caller gets while the database is away: 503 with Retry-After, a code to branch on and a
 * message saying it is temporary (in the request's language). A write that failed this way was almost always rolled back
 * (PostgreSQL rolls back a transaction whose connection drops), but the connection may also have
 * dropped just after COMMIT: the same idempotency key makes the retry safe in both cases.
 */
export function databaseUnavailableError(): GraphQLError {
  return localizedError("databaseUnavailable", undefined, {
    extensions: {
      code: "DATABASE_UNAVAILABLE",
      retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_SECONDS,
      http: {
        status: 503,
        headers: { "Retry-After": String(DATABASE_UNAVAILABLE_RETRY_SECONDS) },
      },
    },
  });
}

/**
 * Transient refusals of a reachable database: P2028 (an interactive transaction could not start
 * in time, or expired before its commit: the pool or the machine is overloaded), P2034 and
 * SQLSTATE 40001/40P01 (a write conflict or deadlock). The transaction was rolled back.
 */
const BUSY_CODES = new Set(["P2028", "P2034", "40001", "40P01"]);

export function isDatabaseBusy(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && BUSY_CODES.has(e.code)) return true;
    if (typeof e.originalCode === "string" && BUSY_CODES.has(e.originalCode)) return true;
  }
  return false;
}

/** 503 with a short Retry-After: the same request is expected to succeed in a moment. */
export function databaseBusyError(): GraphQLError {
  return localizedError("databaseBusy", undefined, {
    extensions: {
      code: "DATABASE_BUSY",
      retryAfterSeconds: 1,
      http: { status: 503, headers: { "Retry-After": "1" } },
    },
  });
}

/** The first line of an error's message, for one log line per failure instead of a stack. */
export function shortMessage(error: unknown): string {
  for (const e of chain(error)) {
    const lines =
      typeof e.message === "string" ? e.message.split("\n").filter((l) => l.trim()) : [];
    const last = lines[lines.length - 1];
    if (last) return last.trim();
  }
  return String(error);
}
