import { GraphQLError } from "graphql";
import type { Context } from "../context";
import { textIn } from "../domain/messages";
import { type LiveBus, liveBus } from "./bus";

/**
 * Open subscriptions per account, WebSocket and SSE together: every live field takes a slot when
 * it starts and gives it back when it ends however it ends (unsubscribed, socket closed, SSE
 * connection dropped, token lapsed). Counted in this process unless the server registers a store
 * shared by its instances (Redis), so behind a load balancer the cap holds for the account as a
 * whole.
 */
export interface SubscriptionSlotStore {
  /** A slot for `userId` when fewer than `limit` are held; its release, or null when full. */
  take(userId: number, limit: number): Promise<(() => void) | null>;
}

/** Counts in this process. */
export function memorySlotStore(): SubscriptionSlotStore {
  const held = new Map<number, number>();
  return {
    async take(userId, limit) {
      const count = held.get(userId) ?? 0;
      if (count >= limit) return null;
      held.set(userId, count + 1);
      return () => {
        const now = (held.get(userId) ?? 1) - 1;
        if (now > 0) held.set(userId, now);
        else held.delete(userId);
      };
    },
  };
}

const stores = new WeakMap<LiveBus, SubscriptionSlotStore>();

/** Makes `store` count the slots of subscriptions listening on `bus` (the server's Redis store). */
export function useSlotStore(bus: LiveBus, store: SubscriptionSlotStore): void {
  stores.set(bus, store);
}

function storeOf(bus: LiveBus): SubscriptionSlotStore {
  let store = stores.get(bus);
  if (!store) {
    store = memorySlotStore();
    stores.set(bus, store);
  }
  return store;
}

export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

/** Takes a slot for the viewer, or throws TOO_MANY_SUBSCRIPTIONS; returns its release (once). */
export async function takeSubscriptionSlot(ctx: Context): Promise<() => void> {
  const bus = liveBus(ctx);
  const userId = ctx.viewer?.userId;
  const limit = bus.live.maxSubscriptionsPerAccount;
  if (userId === undefined || limit <= 0) return () => {};
  const release = await storeOf(bus).take(userId, limit);
  if (!release) {
    throw new GraphQLError(textIn(ctx.lang ?? "vi", "tooManySubscriptionsOnAccount", { limit }), {
      extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit },
    });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
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
