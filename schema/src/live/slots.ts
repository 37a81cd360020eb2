import { GraphQLError } from "graphql";
import type { Context } from "../context";
import { type LiveBus, liveBus } from "./bus";

/**
 * Open subscriptions per account, WebSocket and SSE together: every live field takes a slot when
 * it starts and gives it back when it ends however it ends (unsubscribed, socket closed, SSE
 * connection dropped, token lapsed). Counted per server process (per bus): behind a load balancer
 * each instance holds its own count, so an account may hold the limit on each instance.
 */
const openByBus = new WeakMap<LiveBus, Map<number, number>>();

export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

/** Takes a slot for the viewer, or throws TOO_MANY_SUBSCRIPTIONS; returns its release. */
export function takeSubscriptionSlot(ctx: Context): () => void {
  const bus = liveBus(ctx);
  const userId = ctx.viewer?.userId;
  if (userId === undefined) return () => {};
  let open = openByBus.get(bus);
  if (!open) {
    open = new Map();
    openByBus.set(bus, open);
  }
  const counts = open;
  const limit = bus.live.maxSubscriptionsPerAccount;
  const held = counts.get(userId) ?? 0;
  if (limit > 0 && held >= limit) {
    throw new GraphQLError(
      `Quá nhiều đăng ký cập nhật trực tiếp: this account already holds ${held} open subscriptions; at most ${limit} are allowed (MAX_SUBSCRIPTIONS_PER_ACCOUNT). Close a tab or a screen, or unsubscribe, then try again.`,
      { extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit } },
    );
  }
  counts.set(userId, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = (counts.get(userId) ?? 1) - 1;
    if (now > 0) counts.set(userId, now);
    else counts.delete(userId);
  };
}

/** `iterator`, calling `release` once when it ends (done, returned or thrown into). */
export function releasingOnEnd<T>(
  iterator: AsyncIterableIterator<T>,
  release: () => void,
): AsyncIterableIterator<T> {
  const wrapped: AsyncIterableIterator<T> = {
    async next() {
      try {
        const step = await iterator.next();
        if (step.done) release();
        return step;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return(value?: unknown) {
      release();
      return (await iterator.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      release();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped;
}
