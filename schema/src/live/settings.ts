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

// 150 ms: at most about seven pushes a second per subscriber, and a change waits at most 150 ms
// for its window, which leaves 100 ms of a 250 ms write-to-screen budget for the server's own work
// (the write's commit, one execution per push, and the fan-out: ~50 ms to 5,000 sockets on two
// cores). With 200 ms, p99 was 255 ms at 5,000 subscribers on one instance and 290 ms at 10,000
// on two; with 150 ms, 201 and 230 ms, for ~10 % more server CPU (docs/BENCHMARKS.md, target 7).
// Subscriptions: a dashboard tab or a projector page holds one socket with two to five of them
// (figures, feed, a chart or two); 20 per socket leaves room for a busy page. An office may keep
// many tabs and screens signed in as one account: 100 per account is twenty such pages, while
// 1,000 (accepted before) meant 1,000 bus listeners and figure reads for a single caller.
export const defaultLiveSettings: LiveSettings = {
  intervalMs: 150,
  feedLimit: 100,
  maxSubscriptionsPerAccount: 100,
  maxSubscriptionsPerSocket: 20,
};
