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
    const cache = new ReadCache();
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
    const cache = new ReadCache();
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
    const cache = new ReadCache();
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
});
