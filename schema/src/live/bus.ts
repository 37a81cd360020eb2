import type { Context } from "../context";
import type { ChangeBus, ChangeEvent } from "../events";

/**
 * What a live subscription hears about its unit: a change inside the subtree, or "resync" when
 * events may have been missed (the Redis link came back after an outage) and figures must be
 * re-read from the database.
 */
export type LiveSignal = { kind: "change"; event: ChangeEvent } | { kind: "resync"; at: string };

/** A change bus that can also be listened to: the server's pub/sub (in-process or Redis). */
export interface LiveBus extends ChangeBus {
  /** Signals for the unit's topic: every change to the unit or anything below it. */
  subscribe(unitId: number): AsyncIterableIterator<LiveSignal>;
  /**
   * Resolves once the unit's topic is really being listened to (with Redis: the SUBSCRIBE is
   * confirmed, or a short timeout passed during an outage). Call after the first pull of
   * `subscribe`'s iterator has started.
   */
  ready(unitId: number): Promise<void>;
  /** Coalescing settings for subscribers. */
  readonly live: LiveSettings;
}

export interface LiveSettings {
  /** At most one push per subscriber per subscription in this many ms. */
  intervalMs: number;
  /** Feed entries kept per slow subscriber before the oldest are dropped. */
  feedLimit: number;
  /**
   * Open subscriptions one account may hold, WebSocket and SSE together, across every instance
   * sharing the Redis (per process without one) (MAX_SUBSCRIPTIONS_PER_ACCOUNT); one more is
   * refused with TOO_MANY_SUBSCRIPTIONS. 0: no limit.
   */
  maxSubscriptionsPerAccount: number;
  /** Open operations on one WebSocket (MAX_SUBSCRIPTIONS_PER_SOCKET). 0: no limit. */
  maxSubscriptionsPerSocket: number;
}

// 200 ms: at most five pushes a second per subscriber, and a change waits at most 200 ms for its
// window, which leaves room for the server's own work inside a 250 ms write-to-screen budget.
// Subscriptions: a dashboard tab or a projector page holds one socket with two to five of them
// (figures, feed, a chart or two); 20 per socket leaves room for a busy page. An office may keep
// many tabs and screens signed in as one account: 100 per account is twenty such pages, while
// 1,000 (accepted before) meant 1,000 bus listeners and figure reads for a single caller.
export const defaultLiveSettings: LiveSettings = {
  intervalMs: 200,
  feedLimit: 100,
  maxSubscriptionsPerAccount: 100,
  maxSubscriptionsPerSocket: 20,
};

export function isLiveBus(bus: ChangeBus): bus is LiveBus {
  return typeof (bus as Partial<LiveBus>).subscribe === "function";
}

/** The context's bus, when it can be listened to (the server's always can; scripts' cannot). */
export function liveBus(ctx: Context): LiveBus {
  if (!isLiveBus(ctx.events)) {
    throw new Error("Live updates are not available in this context (no subscribable bus).");
  }
  return ctx.events;
}
