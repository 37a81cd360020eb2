import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  foldBounded,
  foldLatest,
  mapIterator,
  startWith,
  throttle,
} from "../../../schema/src/live/iterators";

/** A push-driven source that records whether it was closed and how far it was drained. */
function channel<T>() {
  const buffered: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let closed = false;
  let failWith: unknown = null;
  const source: AsyncIterableIterator<T> & { pushed: number; closed: boolean } = {
    pushed: 0,
    get closed() {
      return closed;
    },
    next() {
      if (failWith) return Promise.reject(failWith);
      const value = buffered.shift();
      if (value !== undefined) return Promise.resolve({ done: false, value });
      if (closed) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    async return() {
      closed = true;
      waiting?.({ done: true, value: undefined });
      waiting = null;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    source,
    /** How many items are still waiting in the source (not drained by the consumer). */
    get backlog() {
      return buffered.length;
    },
    push(value: T) {
      source.pushed += 1;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ done: false, value });
      } else buffered.push(value);
    },
    end() {
      closed = true;
      waiting?.({ done: true, value: undefined });
    },
    fail(error: unknown) {
      failWith = error;
      waiting = null;
    },
  };
}

/** Lets promise callbacks run (no timers involved). */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe("coalescing of live pushes (throttle)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands out the first item at once and folds the burst after it into one trailing push", async () => {
    const ch = channel<number>();
    const it = throttle(ch.source, { intervalMs: 250, fold: foldLatest<number> });
    ch.push(1);
    expect(await it.next()).toEqual({ done: false, value: { latest: 1, count: 1 } });
    const second = it.next();
    for (let i = 2; i <= 50; i++) ch.push(i);
    await flush();
    let settled = false;
    void second.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await second).toEqual({ done: false, value: { latest: 50, count: 49 } });
  });

  it("never pushes more than once per interval however fast items come", async () => {
    const ch = channel<number>();
    const it = throttle(ch.source, { intervalMs: 250, fold: foldLatest<number> });
    const pushTimes: number[] = [];
    let consumed = 0;
    const consumer = (async () => {
      for await (const v of it) {
        pushTimes.push(Date.now());
        consumed += v.count;
        if (consumed === 200) break;
      }
    })();
    for (let i = 1; i <= 200; i++) {
      ch.push(i);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(250);
    await consumer;
    // 2 000 ms of items: at most one push per 250 ms, plus the leading one.
    expect(pushTimes.length).toBeLessThanOrEqual(2000 / 250 + 1);
    for (let i = 1; i < pushTimes.length; i++) {
      expect((pushTimes[i] ?? 0) - (pushTimes[i - 1] ?? 0)).toBeGreaterThanOrEqual(250);
    }
    expect(ch.source.closed).toBe(true);
  });

  it("keeps draining the source while the subscriber is slow, holding one pending value", async () => {
    const ch = channel<number>();
    const it = throttle(ch.source, { intervalMs: 250, fold: foldLatest<number> });
    for (let i = 1; i <= 10_000; i++) ch.push(i);
    await flush();
    expect(ch.backlog).toBe(0);
    // The subscriber comes back much later: one value, the latest, with the count of what it covers.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await it.next()).toEqual({ done: false, value: { latest: 10_000, count: 10_000 } });
  });

  it("ends when the source ends, after the last pending value", async () => {
    const ch = channel<string>();
    const it = throttle(ch.source, { intervalMs: 100, fold: foldLatest<string> });
    ch.push("a");
    expect((await it.next()).value).toEqual({ latest: "a", count: 1 });
    ch.push("b");
    ch.end();
    const last = it.next();
    await vi.advanceTimersByTimeAsync(100);
    expect((await last).value).toEqual({ latest: "b", count: 1 });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it("closes the source and settles a waiting next() on return()", async () => {
    const ch = channel<number>();
    const it = throttle(ch.source, { intervalMs: 100, fold: foldLatest<number> });
    const waiting = it.next();
    await it.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(ch.source.closed).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it("passes a source failure to the subscriber", async () => {
    const ch = channel<number>();
    const source = ch.source;
    const failing: AsyncIterableIterator<number> = {
      next: () => Promise.reject(new Error("bus broke")),
      return: source.return,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    const it = throttle(failing, { intervalMs: 100, fold: foldLatest<number> });
    await expect(it.next()).rejects.toThrow("bus broke");
  });
});

describe("bounded feed backlog (foldBounded)", () => {
  it("keeps every item up to the limit, in arrival order", () => {
    const fold = foldBounded<number>(3);
    let batch = fold(undefined, 1);
    batch = fold(batch, 2);
    batch = fold(batch, 3);
    expect(batch).toEqual({ items: [1, 2, 3], dropped: 0 });
  });

  it("drops the oldest items beyond the limit and counts them", () => {
    const fold = foldBounded<number>(3);
    let batch = fold(undefined, 1);
    for (let i = 2; i <= 10; i++) batch = fold(batch, i);
    expect(batch).toEqual({ items: [8, 9, 10], dropped: 7 });
  });

  it("refuses a limit below 1", () => {
    expect(() => foldBounded(0)).toThrow(RangeError);
  });

  it("bounds a slow feed subscriber: newest entries plus a dropped count", async () => {
    vi.useFakeTimers();
    try {
      const ch = channel<number>();
      const it = throttle(ch.source, { intervalMs: 250, fold: foldBounded<number>(5) });
      for (let i = 1; i <= 1000; i++) ch.push(i);
      await vi.advanceTimersByTimeAsync(0);
      expect(ch.backlog).toBe(0);
      expect(await it.next()).toEqual({
        done: false,
        value: { items: [996, 997, 998, 999, 1000], dropped: 995 },
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("iterator helpers", () => {
  it("startWith yields the first value, then the rest, and return() closes the rest", async () => {
    const ch = channel<number>();
    const it = startWith(
      0,
      mapIterator(ch.source, (n) => n * 10),
    );
    expect(await it.next()).toEqual({ done: false, value: 0 });
    ch.push(4);
    expect(await it.next()).toEqual({ done: false, value: 40 });
    await it.return?.();
    expect(ch.source.closed).toBe(true);
  });

  it("startWith's return() before any pull still closes the source", async () => {
    const ch = channel<number>();
    const it = startWith(0, ch.source);
    await it.return?.();
    expect(ch.source.closed).toBe(true);
  });
});
