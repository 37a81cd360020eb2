import { afterEach, describe, expect, it, vi } from "vitest";
import { fanOutTimingsFromEnv } from "./live-timings";

// The fan-out's debug timings: nothing unless LIVE_FANOUT_TIMINGS=1; then one summary line per
// interval in which pushes were written out, none for an idle one.

describe("live fan-out timings", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("are off unless LIVE_FANOUT_TIMINGS=1", () => {
    expect(fanOutTimingsFromEnv({})).toBeUndefined();
    expect(fanOutTimingsFromEnv({ LIVE_FANOUT_TIMINGS: "0" })).toBeUndefined();
  });

  it("write one line per interval with pushes: frames, wall time, yielding, CPU per frame", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const timer = fanOutTimingsFromEnv({ LIVE_FANOUT_TIMINGS: "1" }, (line) => lines.push(line));
    if (!timer) throw new Error("timings off");
    vi.advanceTimersByTime(5_000);
    expect(lines).toEqual([]);

    for (let push = 0; push < 2; push++) {
      timer.start();
      timer.paused(1.5);
      timer.end(3);
    }
    vi.advanceTimersByTime(5_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^live fan-out: 2 pushes, 6 frames; wall mean [\d.]+ ms \(max [\d.]+\), yielding 1\.5 ms; main thread CPU per frame user [\d.]+ µs, system [\d.]+ µs; context switches per push [\d.]+ voluntary, [\d.]+ involuntary$/,
    );
    vi.advanceTimersByTime(5_000);
    expect(lines).toHaveLength(1);
  });
});
