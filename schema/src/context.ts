import type { Database, Role } from "@d05/prisma";
import type { TokenSettings } from "./auth/tokens";
import type { Lang } from "./domain/enums";
import type { ChangeBus } from "./events";
import type { Reads } from "./read-cache";

/** The signed-in account, as read from a verified token. */
export interface Viewer {
  userId: number;
  username: string;
  role: Role;
  /** Root of the unit subtree this account may see (and, for reporters, write). */
  scopeUnitId: number;
}

/**
 * Per-request context. The database rides on the context (rather than a module import) because
 * one process may serve two databases: the integration tests run PGlite and PostgreSQL side by side.
 */
export interface Context {
  db: Database;
  auth: TokenSettings;
  viewer: Viewer | null;
  /** Where writes announce what changed (live updates). */
  events: ChangeBus;
  /**
   * Reads reused until a change makes them stale: analytics answers, unit paths (absent: none);
   * the server's is bound to the viewer, whose own writes show in its next reads.
   */
  reads?: Reads;
  /**
   * Aborted when the operation runs out of time (QUERY_TIMEOUT): its database then refuses further
   * statements; a resolver with a long loop of its own checks it too.
   */
  signal?: AbortSignal;
  /** The caller's address (the peer, or the client behind a trusted proxy), for the audit log. */
  clientAddress?: string;
  /**
   * Today's date in Vietnam, which unfinished periods are counted up to (absent: the system
   * clock). Tests fix it through the app's `today` option to check a day in the middle of a year.
   */
  today?: () => Date;
  /** The caller's language for messages (Accept-Language; the dashboard sends its own): vi default. */
  lang?: Lang;
  /**
   * A live subscription's part in a group of identical ones sharing its pushes (the WebSocket
   * server's live groups): "source" is the group's one listener, whose pushes are resolved once
   * for all (no INITIAL push, no subscription slot of its own); "member" is one subscriber of it,
   * which holds its slot and gets its own INITIAL push but listens to nothing itself. Absent: a
   * subscription on its own (SSE, or a document that is not shared).
   */
  liveRole?: "source" | "member";
  /** Why a presented token was not accepted, to explain the refusal. */
  tokenProblem?: "expired" | "invalid" | "revoked";
}
