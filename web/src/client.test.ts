import { describe, expect, it } from "vitest";
import { nextLiveStatus, retryDelay } from "./client";

describe("live connection status", () => {
  it("connects quietly the first time", () => {
    expect(nextLiveStatus("idle", { type: "connecting", isRetry: false })).toBe("connecting");
    expect(nextLiveStatus("connecting", { type: "connected" })).toBe("connected");
  });

  it("shows reconnecting when a live socket drops, until it is back", () => {
    const dropped = nextLiveStatus("connected", { type: "closed", code: 1006 });
    expect(dropped).toBe("reconnecting");
    expect(nextLiveStatus(dropped, { type: "connecting", isRetry: true })).toBe("reconnecting");
    expect(nextLiveStatus("reconnecting", { type: "connected" })).toBe("connected");
  });

  it("does not call a lazy close or a refused token a reconnect", () => {
    expect(nextLiveStatus("connecting", { type: "closed", code: 1000 })).toBe("idle");
    expect(nextLiveStatus("connected", { type: "closed", code: 4403 })).toBe("idle");
  });

  it("stays quiet when leaving a live view closes the socket and the next one reopens it", () => {
    const left = nextLiveStatus("connected", { type: "closed", code: 1000 });
    expect(left).toBe("idle");
    expect(nextLiveStatus(left, { type: "connecting", isRetry: false })).toBe("connecting");
  });

  it("keeps reconnecting through failed attempts while the server is away", () => {
    expect(nextLiveStatus("reconnecting", { type: "closed", code: 1006 })).toBe("reconnecting");
    expect(nextLiveStatus("connected", { type: "closed", code: 1001 })).toBe("reconnecting");
  });

  it("backs off exponentially up to 30 seconds", () => {
    for (let i = 0; i < 20; i++) {
      expect(retryDelay(0)).toBeLessThanOrEqual(1_000);
      expect(retryDelay(3)).toBeGreaterThanOrEqual(4_000);
      expect(retryDelay(3)).toBeLessThanOrEqual(8_000);
      expect(retryDelay(12)).toBeLessThanOrEqual(30_000);
    }
  });
});
