/**
 * Coalescing for live pushes. The source (events from the pub/sub) is drained eagerly, so a slow
 * subscriber never holds up the publisher or anyone else; what it has not consumed yet is folded
 * into one bounded `pending` value, handed out at most once per interval. The trailing edge is
 * kept: whatever arrives after a push is delivered once the interval has passed, so the last push
 * always reflects the final state.
 */
export interface ThrottleOptions<T, S> {
  /** Minimum time between two values handed out (ms). */
  intervalMs: number;
  /** Folds one source item into the pending value; must keep that value bounded. */
  fold: (pending: S | undefined, item: T) => S;
  /** Clock, for tests. */
  now?: () => number;
}

export function throttle<T, S>(
  source: AsyncIterable<T>,
  { intervalMs, fold, now = Date.now }: ThrottleOptions<T, S>,
): AsyncIterableIterator<S> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: { value: S } | null = null;
  let sourceDone = false;
  let failure: { error: unknown } | null = null;
  let closed = false;
  let lastPush = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiter: {
    resolve: (result: IteratorResult<S>) => void;
    reject: (error: unknown) => void;
  } | null = null;

  const finish = (): IteratorResult<S> => ({ done: true, value: undefined });

  const settle = () => {
    if (!waiter) return;
    const current = waiter;
    if (closed) {
      waiter = null;
      current.resolve(finish());
      return;
    }
    if (pending) {
      const wait = lastPush + intervalMs - now();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = null;
          settle();
        }, wait);
        return;
      }
      const { value } = pending;
      pending = null;
      lastPush = now();
      waiter = null;
      current.resolve({ done: false, value });
      return;
    }
    if (failure) {
      closed = true;
      waiter = null;
      current.reject(failure.error);
      return;
    }
    if (sourceDone) {
      closed = true;
      waiter = null;
      current.resolve(finish());
    }
  };

  const pump = async () => {
    try {
      while (!closed) {
        const step = await iterator.next();
        if (step.done || closed) break;
        pending = { value: fold(pending?.value, step.value) };
        settle();
      }
    } catch (error) {
      failure = { error };
    } finally {
      sourceDone = true;
      settle();
    }
  };
  void pump();

  let queue: Promise<unknown> = Promise.resolve();
  const nextOnce = () =>
    new Promise<IteratorResult<S>>((resolve, reject) => {
      waiter = { resolve, reject };
      settle();
    });

  const close = async () => {
    if (closed) return;
    closed = true;
    pending = null;
    if (timer) clearTimeout(timer);
    timer = null;
    settle();
    await iterator.return?.();
  };

  return {
    next() {
      // Calls are served one after the other, whatever the caller does.
      const result = queue.then(nextOnce);
      queue = result.catch(() => {});
      return result;
    },
    async return() {
      await close();
      return finish();
    },
    async throw(error) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Keeps only the latest item and how many arrived: for figures, where only "now" matters. */
export interface Latest<T> {
  latest: T;
  count: number;
}

export function foldLatest<T>(pending: Latest<T> | undefined, item: T): Latest<T> {
  return { latest: item, count: (pending?.count ?? 0) + 1 };
}

/** Items in arrival order, at most `limit` of them; older ones are dropped and counted. */
export interface Batch<T> {
  items: T[];
  dropped: number;
}

export function foldBounded<T>(
  limit: number,
): (pending: Batch<T> | undefined, item: T) => Batch<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be at least 1");
  return (pending, item) => {
    const batch = pending ?? { items: [], dropped: 0 };
    batch.items.push(item);
    if (batch.items.length > limit) {
      batch.items.shift();
      batch.dropped += 1;
    }
    return batch;
  };
}

/** `source` with each value mapped; return() reaches the source, so its listeners are removed. */
export function mapIterator<T, U>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => U,
): AsyncIterableIterator<U> {
  return {
    async next() {
      const step = await source.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: map(step.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Yields `first`, then whatever `rest` yields; return() closes `rest` even before it started. */
export function startWith<T>(first: T, rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  let started = false;
  return {
    next() {
      if (!started) {
        started = true;
        return Promise.resolve({ done: false, value: first });
      }
      return rest.next();
    },
    async return() {
      started = true;
      await rest.return?.();
      return { done: true, value: undefined };
    },
    async throw(error) {
      await rest.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Yields nothing and ends only when returned: the rest of a live group member's own stream, whose
 * pushes after the first come from the group (its next() waits until the member leaves).
 */
export function idle<T>(): AsyncIterableIterator<T> {
  let end: (() => void) | null = null;
  const ended = new Promise<IteratorResult<T>>((resolve) => {
    end = () => resolve({ done: true, value: undefined });
  });
  return {
    next: () => ended,
    async return() {
      end?.();
      return { done: true, value: undefined };
    },
    async throw(error) {
      end?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
