import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "./events";
import { ReadCache } from "./read-cache";

// Units: 1 (province) → 2, 3 (communes); a record under 2 has the path [1, 2].
const change = (entity: ChangeEvent["entity"], unitPath: number[]): ChangeEvent => ({
  entity,
  action: "created",
  id: 1,
  unitId: unitPath[unitPath.length - 1] ?? 0,
  unitPath,
  at: new Date().toISOString(),
});

/**
 * Computations answered by hand: `compute` starts one (answering its run number once released),
 * `release(n)` lets run n answer, `fail(n)` makes it fail.
 */
function held() {
  const runs: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  return {
    compute: () =>
      new Promise<number>((resolve, reject) => {
        runs.push({ resolve, reject });
      }),
    runs: () => runs.length,
    release: (n: number) => runs[n - 1]?.resolve(n),
    fail: (n: number) => runs[n - 1]?.reject(new Error("database away")),
  };
}

/** Held computations for question "q" about unit 1, whose first run (answer 1) is cached. */
async function answeredOnce(cache: ReadCache) {
  const h = held();
  const first = cache.answer(1, "q", h.compute);
  h.release(1);
  expect(await first).toBe(1);
  return h;
}

/** Lets pending promise callbacks (a computation's completion) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A computation that counts its runs and answers its run number. */
function counter() {
  let runs = 0;
  return {
    compute: async () => ++runs,
    runs: () => runs,
  };
}

describe("ReadCache", () => {
  it("computes a question once and reuses the answer while nothing under its root changes", async () => {
    const cache = new ReadCache();
    const c = counter();
    expect(await cache.answer(1, "overview", c.compute)).toBe(1);
    expect(await cache.answer(1, "overview", c.compute)).toBe(1);
    expect(c.runs()).toBe(1);
    // Another question or another root is another answer.
    expect(await cache.answer(1, "trend", c.compute)).toBe(2);
    expect(await cache.answer(2, "overview", c.compute)).toBe(3);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, entries: 3 });
  });

  it("retires the answers of every unit on a change's path, and only those", async () => {
    // Served stale meanwhile never (maxStaleMs 0): the change alone decides.
    const cache = new ReadCache({ maxStaleMs: 0 });
    const c = counter();
    await cache.answer(1, "q", c.compute);
    await cache.answer(2, "q", c.compute);
    await cache.answer(3, "q", c.compute);
    cache.changed(change("Activity", [1, 2]));
    expect(await cache.answer(1, "q", c.compute)).toBe(4);
    expect(await cache.answer(2, "q", c.compute)).toBe(5);
    expect(await cache.answer(3, "q", c.compute)).toBe(3);
  });

  it("frees retired answers at once, not when the same question comes again", async () => {
    const cache = new ReadCache({ maxStaleMs: 0 });
    const c = counter();
    await cache.answer(1, "a", c.compute);
    await cache.answer(1, "b", c.compute);
    await cache.answer(3, "a", c.compute);
    await cache.accountFact(7, c.compute);
    cache.changed(change("Activity", [1, 2]));
    expect(cache.stats()).toMatchObject({ entries: 2, rows: 2 });
    cache.accountChanged(7);
    expect(cache.stats()).toMatchObject({ entries: 1, rows: 1 });
    cache.changed(change("Unit", [3]));
    expect(cache.stats()).toMatchObject({ entries: 0, rows: 0 });
  });

  it("retires every answer when the unit tree changes", async () => {
    const cache = new ReadCache();
    const c = counter();
    await cache.answer(1, "q", c.compute);
    await cache.answer(3, "q", c.compute);
    cache.changed(change("Unit", [1, 2]));
    expect(await cache.answer(1, "q", c.compute)).toBe(3);
    expect(await cache.answer(3, "q", c.compute)).toBe(4);
  });

  it("shares one computation among concurrent askers, and not across a change", async () => {
    const cache = new ReadCache({ maxStaleMs: 0 });
    let release: (v: string) => void = () => {};
    let runs = 0;
    const slow = () => {
      runs++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = cache.answer(1, "q", slow);
    const second = cache.answer(1, "q", slow);
    expect(runs).toBe(1);
    // A write commits while the first computation runs: it may have read the state before.
    cache.changed(change("Award", [1]));
    const releaseFirst = release;
    const third = cache.answer(1, "q", slow);
    expect(runs).toBe(2);
    releaseFirst("before");
    release("after");
    expect(await first).toBe("before");
    expect(await second).toBe("before");
    expect(await third).toBe("after");
    expect(await cache.answer(1, "q", slow)).toBe("after");
    expect(runs).toBe(2);
  });

  it("does not keep a failed computation", async () => {
    const cache = new ReadCache();
    let runs = 0;
    const flaky = async () => {
      runs++;
      if (runs === 1) throw new Error("database away");
      return "ok";
    };
    await expect(cache.answer(1, "q", flaky)).rejects.toThrow("database away");
    expect(await cache.answer(1, "q", flaky)).toBe("ok");
    expect(runs).toBe(2);
  });

  it("expires answers after their time to live", async () => {
    const cache = new ReadCache({ ttlMs: 30 });
    const c = counter();
    await cache.answer(1, "q", c.compute);
    await new Promise((r) => setTimeout(r, 50));
    expect(await cache.answer(1, "q", c.compute)).toBe(2);
  });

  it("keeps the cached rows under the bound, least recently used out first", async () => {
    const cache = new ReadCache({ maxRows: 100 });
    const rows = (n: number) => async () => Array.from({ length: n }, (_, i) => i);
    await cache.answer(1, "a", rows(40), (a) => a.length);
    await cache.answer(1, "b", rows(40), (a) => a.length);
    await cache.answer(1, "a", rows(40), (a) => a.length); // a is now the most recent
    await cache.answer(1, "c", rows(40), (a) => a.length); // 120 rows: b goes
    expect(cache.stats()).toMatchObject({ entries: 2, rows: 80 });
    const c = counter();
    await cache.answer(1, "a", c.compute);
    await cache.answer(1, "b", c.compute);
    expect(c.runs()).toBe(1);
  });

  it("keeps an account until that account changes, whatever records are written", async () => {
    const cache = new ReadCache();
    const c = counter();
    await cache.accountFact(7, c.compute);
    await cache.accountFact(8, c.compute);
    cache.changed(change("Activity", [1, 2]));
    expect(await cache.accountFact(7, c.compute)).toBe(1);
    cache.accountChanged(7);
    expect(await cache.accountFact(7, c.compute)).toBe(3);
    expect(await cache.accountFact(8, c.compute)).toBe(2);
  });

  it("keeps facts about the unit tree through record writes, not through tree changes", async () => {
    const cache = new ReadCache();
    const c = counter();
    await cache.unitTreeFact("ancestors:2", c.compute);
    cache.changed(change("Activity", [1, 2]));
    expect(await cache.unitTreeFact("ancestors:2", c.compute)).toBe(1);
    cache.changed(change("Unit", [1, 2]));
    expect(await cache.unitTreeFact("ancestors:2", c.compute)).toBe(2);
  });

  it("keeps targets through record writes and tree-independent changes, not through target changes", async () => {
    const cache = new ReadCache();
    const c = counter();
    await cache.targetFact("nearest:2", c.compute);
    cache.changed(change("Activity", [1, 2]));
    cache.changed(change("Model", [1, 3]));
    expect(await cache.targetFact("nearest:2", c.compute)).toBe(1);
    // A target set on the province applies to its communes: every target fact goes.
    cache.changed(change("Target", [1]));
    expect(await cache.targetFact("nearest:2", c.compute)).toBe(2);
    // Targets apply through the tree: a unit moved retires them too.
    cache.changed(change("Unit", [1, 3]));
    expect(await cache.targetFact("nearest:2", c.compute)).toBe(3);
  });

  it("computes every answer afresh with a time to live of 0, and still keeps the facts", async () => {
    const cache = new ReadCache({ ttlMs: 0 });
    const answers = counter();
    expect(await cache.answer(1, "q", answers.compute)).toBe(1);
    expect(await cache.answer(1, "q", answers.compute)).toBe(2);
    const facts = counter();
    await cache.unitTreeFact("unit:2", facts.compute);
    await cache.targetFact("nearest:2", facts.compute);
    await cache.accountFact(7, facts.compute);
    expect(await cache.unitTreeFact("unit:2", facts.compute)).toBe(1);
    expect(await cache.targetFact("nearest:2", facts.compute)).toBe(2);
    expect(await cache.accountFact(7, facts.compute)).toBe(3);
    expect(facts.runs()).toBe(3);
  });

  it("expires facts after their own time to live, whatever the answers' is", async () => {
    const cache = new ReadCache({ ttlMs: 0, factTtlMs: 30 });
    const c = counter();
    await cache.unitTreeFact("unit:2", c.compute);
    await new Promise((r) => setTimeout(r, 50));
    expect(await cache.unitTreeFact("unit:2", c.compute)).toBe(2);
  });

  it("answers everything afresh while suspended, and starts empty when resumed", async () => {
    const cache = new ReadCache();
    const c = counter();
    await cache.answer(1, "q", c.compute);
    cache.suspend(true);
    expect(await cache.answer(1, "q", c.compute)).toBe(2);
    expect(await cache.answer(1, "q", c.compute)).toBe(3);
    cache.suspend(false);
    expect(await cache.answer(1, "q", c.compute)).toBe(4);
    expect(await cache.answer(1, "q", c.compute)).toBe(4);
  });

  describe("stale while revalidating (analytics answers)", () => {
    const WRITER = 7;
    const OTHER = 8;

    it("serves the previous answer to other readers while ONE computation replaces it", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      // Every other reader gets the previous answer at once; one computation runs meanwhile.
      const during = await Promise.all(
        Array.from({ length: 5 }, () => cache.answer(1, "q", h.compute, undefined, OTHER)),
      );
      expect(during).toEqual([1, 1, 1, 1, 1]);
      expect(await cache.answer(1, "q", h.compute)).toBe(1);
      expect(h.runs()).toBe(2);
      h.release(2);
      await settle();
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(2);
      expect(h.runs()).toBe(2);
      expect(cache.stats()).toMatchObject({ stale: 6, refreshes: 1, misses: 1 });
    });

    it("keeps answers about units the change did not touch current", async () => {
      const cache = new ReadCache();
      const c = counter();
      await cache.answer(3, "q", c.compute);
      cache.changed(change("Activity", [1, 2]), WRITER);
      expect(await cache.answer(3, "q", c.compute, undefined, WRITER)).toBe(1);
      expect(cache.stats()).toMatchObject({ hits: 1, stale: 0, refreshes: 0 });
    });

    it("gives the writer an answer that shows its write, even while an older one is computed", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      // A third account's write: a background computation (run 2) starts for a reader.
      cache.changed(change("Activity", [1, 2]), 9);
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      expect(h.runs()).toBe(2);
      // The writer writes while run 2 is in flight: run 2 may not show it.
      cache.changed(change("Activity", [1, 2]), WRITER);
      const writersRead = cache.answer(1, "q", h.compute, undefined, WRITER);
      expect(h.runs()).toBe(3);
      // Others still get the previous answer, and join no further computation.
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      expect(h.runs()).toBe(3);
      h.release(3);
      expect(await writersRead).toBe(3);
      // Run 2, older, finishing last does not replace run 3's answer.
      h.release(2);
      await settle();
      expect(await cache.answer(1, "q", h.compute, undefined, WRITER)).toBe(3);
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(3);
      expect(h.runs()).toBe(3);
    });

    it("lets the writer join a computation that started after its write", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      const writersRead = cache.answer(1, "q", h.compute, undefined, WRITER);
      expect(h.runs()).toBe(2);
      h.release(2);
      expect(await writersRead).toBe(2);
    });

    it("serves no answer that missed a change for longer than maxStaleMs", async () => {
      let time = 0;
      const cache = new ReadCache({ maxStaleMs: 20, clock: () => time });
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      time = 20;
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      time = 21;
      // Past the bound: the reader waits for the computation in flight (it shows the change).
      const late = cache.answer(1, "q", h.compute, undefined, OTHER);
      expect(h.runs()).toBe(2);
      h.release(2);
      expect(await late).toBe(2);
    });

    it("keeps the previous answer when a background computation fails, and retries", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      h.fail(2);
      await settle();
      // Not poisoned: the previous answer is still served, and a new computation starts.
      expect(await cache.answer(1, "q", h.compute, undefined, OTHER)).toBe(1);
      expect(h.runs()).toBe(3);
      // The writer waits for that one, which succeeds.
      const writersRead = cache.answer(1, "q", h.compute, undefined, WRITER);
      h.release(3);
      expect(await writersRead).toBe(3);
      expect(h.runs()).toBe(3);
    });

    it("never serves an account's row or a tree fact stale", async () => {
      const cache = new ReadCache({ maxStaleMs: 60_000 });
      const c = counter();
      await cache.accountFact(5, c.compute);
      cache.accountChanged(5);
      expect(await cache.accountFact(5, c.compute)).toBe(2);
      await cache.unitTreeFact("ancestors:2", c.compute);
      cache.changed(change("Unit", [1, 2]), WRITER);
      expect(await cache.unitTreeFact("ancestors:2", c.compute)).toBe(4);
    });

    it("gives a reader asking after a change (a live push) an answer that shows it", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      const afterPush = cache.forReader(OTHER, true).answer(1, "q", h.compute);
      expect(await cache.forReader(OTHER).answer(1, "q", h.compute)).toBe(1);
      h.release(2);
      expect(await afterPush).toBe(2);
      expect(h.runs()).toBe(2);
      // Asking "after a change" again, with no change since, reuses the answer: a caller sending
      // the header on every request cannot make the server recompute for everybody.
      expect(await cache.forReader(OTHER, true).answer(1, "q", h.compute)).toBe(2);
      expect(h.runs()).toBe(2);
    });

    it("binds a reader with forReader", async () => {
      const cache = new ReadCache();
      const h = await answeredOnce(cache);
      cache.changed(change("Activity", [1, 2]), WRITER);
      expect(await cache.forReader(OTHER).answer(1, "q", h.compute)).toBe(1);
      const writersRead = cache.forReader(WRITER).answer(1, "q", h.compute);
      h.release(2);
      expect(await writersRead).toBe(2);
    });
  });
});
