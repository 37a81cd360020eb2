// Reads reused until a change makes them stale: analytics answers, facts about the unit tree (a
// unit's ancestors and row, the units of a level, party members), targets, and the accounts behind
// tokens.
//
// The dashboard's questions repeat: every projector and every staff screen on a province asks the
// same overview, comparison and trend, and the figures change only when a record under that
// province is written. So an answer is computed once and reused until a change event names its
// root (every event carries the paths of units from each unit it touched up to the top: the unit
// a corrected record left as well as the one it joined), a change to the unit tree, or its time to
// live passes. Facts about the tree are kept until the tree or a membership changes; targets
// until a target changes; an account's row (role, scope, active, token version) until that
// account changes. The facts have their own time to live (factTtlMs), so answers can be computed
// afresh every time (ttlMs 0) while the facts beside them are still reused.
//
// Stale while revalidating (analytics answers only). On a reporting day writes arrive under a
// province several times a second, and recomputing its answers for every reader after each one
// would make every read a computation. So an answer a change made stale is still served, at once,
// to readers other than the writer, while ONE background computation (per question) replaces it;
// the readers that cannot take it wait for a computation that can answer them:
// - the writer: an account whose write the answer does not show (its event was heard after the
//   answer's computation started) waits for one that started after its write, so a client that
//   wrote sees its write on its next read;
// - everybody, once the answer has missed a change for longer than `maxStaleMs` (2 s by default,
//   READ_CACHE_MAX_STALE_MS): no answer served is older than that bound;
// - everybody, when the answer's time to live has passed.
// Facts about the tree and accounts are never served stale (a revoked token is refused from the
// next request on). `maxStaleMs: 0` retires answers at the change, as before.
//
// Exactness. Every change gets the next sequence number; a computation remembers the number when
// it started and shows at least every change up to it (the server tells the cache of a change
// synchronously when it announces it, i.e. after the write committed and before the write's
// response is sent). An answer is fresh while no change to its scope has a higher number; a newer
// computation's answer replaces an older one, never the reverse, and a failed computation leaves
// the previous answer (and the next reader tries again). Concurrent identical reads share one
// computation (the entry exists from the moment it starts). Changes made on another instance
// arrive through Redis a few milliseconds later, with their writer; while Redis is unreachable,
// the cache is bypassed (see suspend). Writes that bypass the API altogether (SQL by hand, the
// generator) are seen after the time to live.
import { runUnstoppable } from "@d05/prisma";
import type { ChangeEvent } from "./events";
import { ReaderReads } from "./read-cache-reader";

export interface ReadCacheOptions {
  /** Upper bound on the cached rows (an overview counts 1, a comparison one per unit). */
  maxRows: number;
  /**
   * How long an analytics answer may be reused at most, whatever the change events say (ms).
   * 0: never reused, every answer computed afresh (the facts below are still kept).
   */
  ttlMs: number;
  /**
   * How long a fact about the unit tree, targets or an account may be reused at most (ms): the
   * bound on changes made by hand in SQL, which send no event. The API's own changes retire them
   * at once.
   */
  factTtlMs: number;
  /**
   * How long an analytics answer may still be served, to readers other than the writer, after a
   * change it does not show was announced (ms), while a newer one is computed. 0: never.
   */
  maxStaleMs: number;
  /** The time in ms since the epoch (tests move it by hand); default Date.now. */
  clock?: () => number;
}

export const defaultReadCacheOptions: ReadCacheOptions = {
  maxRows: 50_000,
  ttlMs: 60_000,
  factTtlMs: 60_000,
  maxStaleMs: 2_000,
};

/** One computation of an answer: in flight, or done and served. */
interface Computation {
  value: Promise<unknown>;
  /** The change sequence number when it started: it shows every change up to this one. */
  seq: number;
  /** When the first change to its scope after `seq` was announced (absent: none yet). */
  staleSince?: number;
  /** Not served after this time (ms since the epoch), whatever the change events say. */
  expires: number;
}

interface Entry {
  scope: Scope;
  epoch: number;
  rows: number;
  /** The newest computation that succeeded: what is served. */
  answer?: Computation;
  /** The newest computation still in flight (at most one is started while it is usable). */
  pending?: Computation;
}

export interface ReadCacheStats {
  /** Served a current answer, or joined the computation of one. */
  hits: number;
  /** Served an answer a change made stale (within the bound) while a newer one is computed. */
  stale: number;
  /** Computed for a reader that waited for it (nothing usable was cached). */
  misses: number;
  /** Computed in the background for readers that were served a stale answer meanwhile. */
  refreshes: number;
  entries: number;
  rows: number;
}

/** What a read depends on: a unit's subtree, an account, the unit tree alone, or the targets. */
type Scope = `unit:${number}` | `user:${number}` | "tree" | "targets";

/** The reads of one request: the cache, knowing who asks (the account's own writes show). */
export interface Reads {
  answer<T>(
    rootId: number,
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (answer: T) => number,
  ): Promise<T>;
  unitTreeFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T>;
  targetFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T>;
  accountFact<T>(userId: number, compute: () => Promise<T>): Promise<T>;
  invalidateAll(): void;
}

export class ReadCache implements Reads {
  private readonly options: ReadCacheOptions;
  /** Numbers every change; a computation shows every change up to the number it started at. */
  private seq = 0;
  /**
   * Per account that wrote lately: its latest change's number and when it was announced. Its
   * reads take no answer older than that. Forgotten after maxStaleMs: by then no answer missing
   * the change is served to anybody.
   */
  private readonly writers = new Map<number, { seq: number; at: number }>();
  private writersSweptAt = 0;
  /** Bumped by anything that can change every read (the unit tree, a reset). */
  private epoch = 0;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  /** The keys of each scope's entries, so that a change finds them at once. */
  private readonly keysOf = new Map<Scope, Set<string>>();
  private rows = 0;
  private suspended = false;
  private hits = 0;
  private staleHits = 0;
  private misses = 0;
  private refreshes = 0;

  constructor(options: Partial<ReadCacheOptions> = {}) {
    this.options = { ...defaultReadCacheOptions, ...options };
  }

  /** This cache as `reader` reads it: its own writes show in its next reads. */
  forReader(reader: number, afterChange = false): Reads {
    return new ReaderReads(this, reader, afterChange);
  }

  /**
   * The answer to `question` about the subtree of `rootId`: reused while nothing under the root
   * changed (or, to other readers than `reader`'s writes, within maxStaleMs of the change), else
   * computed by `compute`. `rowsOf` sizes an answer for the memory bound. Without `reader`, the
   * asker wrote nothing.
   */
  answer<T>(
    rootId: number,
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (answer: T) => number,
    reader?: number,
    afterChange = false,
  ): Promise<T> {
    if (this.options.ttlMs <= 0) return compute();
    return this.read(`unit:${rootId}`, question, compute, rowsOf, reader, afterChange);
  }

  /**
   * A fact about the unit tree alone (a unit's ancestors, a unit's row, the units of a level,
   * party members): reused until the tree or a membership changes, whatever records are written
   * meanwhile. `rowsOf` sizes it for the memory bound (default 1).
   */
  unitTreeFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T> {
    return this.read("tree", question, compute, rowsOf);
  }

  /**
   * A fact about targets (chỉ tiêu): which apply to which units. Reused until a target changes
   * (or the tree does: a target applies through it).
   */
  targetFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T> {
    return this.read("targets", question, compute, rowsOf);
  }

  /** An account's row as sign-in checks read it: reused until that account changes. */
  accountFact<T>(userId: number, compute: () => Promise<T>): Promise<T> {
    return this.read(`user:${userId}`, "account", compute);
  }

  /**
   * A committed change: every answer about a unit on its path is out of date. `writer`: the
   * account that made it, whose next reads must show it.
   */
  changed(event: ChangeEvent, writer?: number): void {
    if (event.entity === "Unit") {
      // Names, figures (party members), the tree itself: any answer may show them.
      this.invalidateAll();
      return;
    }
    const seq = ++this.seq;
    const now = this.now();
    if (event.entity === "Target") this.bump("targets", now);
    for (const unitId of new Set(event.unitPath)) this.bump(`unit:${unitId}`, now);
    if (writer !== undefined) {
      this.writers.delete(writer);
      this.writers.set(writer, { seq, at: now });
    }
    this.forgetOldWriters(now);
  }

  /** A committed change to an account (role, scope, deactivation, password, revocation). */
  accountChanged(userId: number): void {
    this.seq++;
    this.bump(`user:${userId}`, this.now());
  }

  /** Forget every read (something changed that any of them may show). */
  invalidateAll(): void {
    this.epoch++;
    this.entries.clear();
    this.keysOf.clear();
    this.rows = 0;
  }

  /**
   * While changes may go unheard (the link to the other instances is down), read everything
   * afresh; when it is back, start from nothing, since changes were missed meanwhile.
   */
  suspend(suspended: boolean): void {
    this.suspended = suspended;
    this.invalidateAll();
  }

  stats(): ReadCacheStats {
    return {
      hits: this.hits,
      stale: this.staleHits,
      misses: this.misses,
      refreshes: this.refreshes,
      entries: this.entries.size,
      rows: this.rows,
    };
  }

  private read<T>(
    scope: Scope,
    question: string,
    compute: () => Promise<T>,
    rowsOf: (answer: T) => number = oneRow,
    reader?: number,
    afterChange = false,
  ): Promise<T> {
    if (this.suspended) return compute();
    const key = `${scope}\u0001${question}`;
    const now = this.now();
    let entry = this.entries.get(key);
    if (entry && entry.epoch !== this.epoch) {
      this.remove(key, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { scope, epoch: this.epoch, rows: 1 };
      this.entries.set(key, entry);
      let keys = this.keysOf.get(scope);
      if (!keys) {
        keys = new Set();
        this.keysOf.set(scope, keys);
      }
      keys.add(key);
      this.rows += entry.rows;
    } else {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    const { answer, pending } = entry;
    // Only analytics answers are served stale; the reader's own latest write must show.
    const staleMs = scope.startsWith("unit:") ? this.options.maxStaleMs : 0;
    // A reader refetching on a live push must see that change: every one announced so far.
    const mustShow = afterChange ? this.seq : reader === undefined ? 0 : this.mustShow(reader, now);
    if (usable(answer, now, staleMs, mustShow) && answer.staleSince === undefined) {
      this.hits++;
      return answer.value as Promise<T>;
    }
    if (usable(answer, now, staleMs, mustShow)) {
      // Served as it is; one computation at a time replaces it.
      this.staleHits++;
      if (!pending) {
        this.refreshes++;
        this.start(key, entry, compute, rowsOf);
      }
      return answer.value as Promise<T>;
    }
    if (usable(pending, now, staleMs, mustShow)) {
      this.hits++;
      return pending.value as Promise<T>;
    }
    this.misses++;
    return this.start(key, entry, compute, rowsOf).value as Promise<T>;
  }

  /** Starts a computation of `entry`'s answer, showing every change so far. */
  private start<T>(
    key: string,
    entry: Entry,
    compute: () => Promise<T>,
    rowsOf: (answer: T) => number,
  ): Computation {
    // Shared by every caller asking meanwhile: not stopped when the first one's time is up.
    const ttlMs = entry.scope.startsWith("unit:") ? this.options.ttlMs : this.options.factTtlMs;
    const computation: Computation = {
      value: runUnstoppable(compute),
      seq: this.seq,
      expires: this.now() + ttlMs,
    };
    entry.pending = computation;
    computation.value.then(
      (answer) => {
        if (entry.pending === computation) entry.pending = undefined;
        // Evicted or retired meanwhile; or a newer computation was served first.
        if (this.entries.get(key) !== entry) return;
        if (entry.answer && entry.answer.seq >= computation.seq) return;
        entry.answer = computation;
        const rows = Math.max(1, rowsOf(answer as T));
        this.rows += rows - entry.rows;
        entry.rows = rows;
        this.evict();
      },
      // A failed computation is not an answer: the previous one stays, the next request retries.
      () => {
        if (entry.pending === computation) entry.pending = undefined;
        if (this.entries.get(key) === entry && !entry.answer && !entry.pending) {
          this.remove(key, entry);
        }
      },
    );
    this.evict();
    return computation;
  }

  private now(): number {
    return this.options.clock ? this.options.clock() : Date.now();
  }

  /** The change number `reader`'s reads must show: its latest write's (0: none lately). */
  private mustShow(reader: number, now: number): number {
    const wrote = this.writers.get(reader);
    if (!wrote) return 0;
    if (now - wrote.at <= this.options.maxStaleMs) return wrote.seq;
    this.writers.delete(reader);
    return 0;
  }

  /** Writers whose latest change is older than the bound (oldest first in the map). */
  private forgetOldWriters(now: number): void {
    if (now - this.writersSweptAt < this.options.maxStaleMs) return;
    this.writersSweptAt = now;
    for (const [writer, wrote] of this.writers) {
      if (now - wrote.at <= this.options.maxStaleMs) return;
      this.writers.delete(writer);
    }
  }

  private bump(scope: Scope, now: number): void {
    const keys = this.keysOf.get(scope);
    if (!keys) return;
    const staleMs = scope.startsWith("unit:") ? this.options.maxStaleMs : 0;
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      if (staleMs <= 0 && !entry.pending) {
        // Never served stale: free it now rather than when the question comes again.
        this.remove(key, entry);
        continue;
      }
      if (entry.answer) entry.answer.staleSince ??= now;
      if (entry.pending) entry.pending.staleSince ??= now;
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.rows -= entry.rows;
    const keys = this.keysOf.get(entry.scope);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOf.delete(entry.scope);
  }

  /** Least recently used first, until the rows fit (the newest entry always stays). */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.rows <= this.options.maxRows || this.entries.size <= 1) return;
      this.remove(key, entry);
    }
  }
}

/** An answer's size for the memory bound when its question does not say. */
const oneRow = () => 1;

/**
 * A computation that may answer now: not expired, and either fresh or stale within `staleMs` of
 * its change while showing every change up to `mustShow`. (A function of the module, not a closure
 * made per read: this runs for every request's token.)
 */
function usable(
  c: Computation | undefined,
  now: number,
  staleMs: number,
  mustShow: number,
): c is Computation {
  return (
    c !== undefined &&
    c.expires > now &&
    (c.staleSince === undefined ||
      (staleMs > 0 && c.seq >= mustShow && now - c.staleSince <= staleMs))
  );
}
