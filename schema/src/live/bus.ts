import type { Context } from "../context";
import type { ChangeBus, ChangeEvent } from "../events";
import type { LiveSettings } from "./settings";

/**
 * What a live subscription hears about its unit: a change inside the subtree, or "resync" when
 * events may have been missed (the Redis link came back after an outage) and figures must be
 * re-read from the database.
 */
export type LiveSignal = { kind: "change"; event: ChangeEvent } | { kind: "resync"; at: string };

/** A change bus that can also be listened to: the server's pub/sub (in-process or Redis). */
export interface LiveBus extends ChangeBus {
  /** Signals for the unit's topic: every change to the unit or anything below it. */
  subscribe(unitId: number): AsyncIterableIterator<LiveSignal>;
  /**
   * Resolves once the unit's topic is really being listened to (with Redis: the SUBSCRIBE is
   * confirmed, or a short timeout passed during an outage). Call after the first pull of
   * `subscribe`'s iterator has started.
   */
  ready(unitId: number): Promise<void>;
  /** Coalescing settings for subscribers. */
  readonly live: LiveSettings;
}

export { defaultLiveSettings, type LiveSettings } from "./settings";

export function isLiveBus(bus: ChangeBus): bus is LiveBus {
  return typeof (bus as Partial<LiveBus>).subscribe === "function";
}

/** The context's bus, when it can be listened to (the server's always can; scripts' cannot). */
export function liveBus(ctx: Context): LiveBus {
  if (!isLiveBus(ctx.events)) {
    throw new Error("Live updates are not available in this context (no subscribable bus).");
  }
  return ctx.events;
}
