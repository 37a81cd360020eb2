// Reads reused until a change makes them stale: analytics answers, unit ancestor paths and the
// accounts behind tokens.
//
// The dashboard's questions repeat: every projector and every staff screen on a province asks the
// same overview, comparison and trend, and the figures change only when a record under that
// province is written. So an answer is computed once and reused until a change event names its
// root (every event carries the paths of units from each unit it touched up to the top: the unit
// a corrected record left as well as the one it joined), a change to the unit tree, or its time to live passes. Facts about the tree (a unit's ancestors) are kept
// until the tree changes; an account's row (role, scope, active, token version) until that
// account changes.
//
// Exactness. Each unit and account has a generation, bumped by every change to it (for a unit:
// under it); a read remembers the generation its computation started at and is only reused while
// that is still current. The server bumps generations synchronously when it announces a change,
// i.e. after the write committed and before the write's response is sent, so a client that wrote
// and then reads gets figures that include its write, and a revoked token is refused from the
// next request on. Concurrent identical reads share one computation (the entry exists from the
// moment it starts), and a change during that computation retires it. Changes made on another
// instance arrive through Redis a few milliseconds later; while Redis is unreachable, the cache is
// bypassed (see suspend). Writes that bypass the API altogether (SQL by hand, the generator) are
// seen after the time to live.
import type { ChangeEvent } from "./events";

export interface ReadCacheOptions {
  /** Upper bound on the cached rows (an overview counts 1, a comparison one per unit). */
  maxRows: number;
  /** How long a read may be reused at most, whatever the change events say (ms). */
  ttlMs: number;
}

export const defaultReadCacheOptions: ReadCacheOptions = {
  maxRows: 50_000,
  ttlMs: 60_000,
};

interface Entry {
  scope: Scope;
  value: Promise<unknown>;
  generation: number;
  epoch: number;
  expires: number;
  rows: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  rows: number;
}

/** What a read depends on: a unit's subtree, an account, or the unit tree alone. */
type Scope = `unit:${number}` | `user:${number}` | "tree";

export class ReadCache {
  private readonly options: ReadCacheOptions;
  /** Per scope: how many changes so far. Absent means 0; "tree" is never bumped (see epoch). */
  private readonly generations = new Map<Scope, number>();
  /** Bumped by anything that can change every read (the unit tree, a reset). */
  private epoch = 0;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  /** The keys of each scope's entries, so that a change frees them at once (not when re-read). */
  private readonly keysOf = new Map<Scope, Set<string>>();
  private rows = 0;
  private suspended = false;
  private hits = 0;
  private misses = 0;

  constructor(options: Partial<ReadCacheOptions> = {}) {
    this.options = { ...defaultReadCacheOptions, ...options };
  }

  /**
   * The answer to `question` about the subtree of `rootId`: reused while nothing under the root
   * changed, else computed by `compute`. `rowsOf` sizes an answer for the memory bound.
   */
  answer<T>(
    rootId: number,
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (answer: T) => number,
  ): Promise<T> {
    return this.read(`unit:${rootId}`, question, compute, rowsOf);
  }

  /**
   * A fact about the unit tree alone (a unit's ancestors, say): reused until the tree changes,
   * whatever records are written meanwhile.
   */
  unitTreeFact<T>(question: string, compute: () => Promise<T>): Promise<T> {
    return this.read("tree", question, compute);
  }

  /** An account's row as sign-in checks read it: reused until that account changes. */
  accountFact<T>(userId: number, compute: () => Promise<T>): Promise<T> {
    return this.read(`user:${userId}`, "account", compute);
  }

  /** A committed change: every answer about a unit on its path is out of date. */
  changed(event: ChangeEvent): void {
    if (event.entity === "Unit") {
      // Names, figures (party members), the tree itself: any answer may show them.
      this.invalidateAll();
      return;
    }
    for (const unitId of new Set(event.unitPath)) this.bump(`unit:${unitId}`);
  }

  /** A committed change to an account (role, scope, deactivation, password, revocation). */
  accountChanged(userId: number): void {
    this.bump(`user:${userId}`);
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
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, rows: this.rows };
  }

  private read<T>(
    scope: Scope,
    question: string,
    compute: () => Promise<T>,
    rowsOf: (answer: T) => number = () => 1,
  ): Promise<T> {
    if (this.suspended) return compute();
    const key = `${scope}\u0001${question}`;
    const now = Date.now();
    const generation = this.generations.get(scope) ?? 0;
    const found = this.entries.get(key);
    if (found) {
      if (found.generation === generation && found.epoch === this.epoch && found.expires > now) {
        this.hits++;
        this.entries.delete(key);
        this.entries.set(key, found);
        return found.value as Promise<T>;
      }
      this.remove(key, found);
    }
    this.misses++;
    const value = compute();
    const entry: Entry = {
      scope,
      value,
      generation,
      epoch: this.epoch,
      expires: now + this.options.ttlMs,
      rows: 1,
    };
    this.entries.set(key, entry);
    let keys = this.keysOf.get(scope);
    if (!keys) {
      keys = new Set();
      this.keysOf.set(scope, keys);
    }
    keys.add(key);
    this.rows += entry.rows;
    value.then(
      (answer) => {
        // Resized once known; the entry may have been replaced or evicted meanwhile.
        if (this.entries.get(key) !== entry) return;
        const rows = Math.max(1, rowsOf(answer));
        this.rows += rows - entry.rows;
        entry.rows = rows;
        this.evict();
      },
      // A failed computation is not an answer: the next request tries again.
      () => {
        if (this.entries.get(key) === entry) this.remove(key, entry);
      },
    );
    this.evict();
    return value;
  }

  private bump(scope: Scope): void {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
    // Retired now: free them rather than wait for the same question to come again.
    for (const key of this.keysOf.get(scope) ?? []) {
      const entry = this.entries.get(key);
      if (entry) this.remove(key, entry);
    }
    this.keysOf.delete(scope);
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
