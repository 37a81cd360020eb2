// The live updates' settings and their defaults: a module of its own, so the server's
// configuration can read them without loading the schema.

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
