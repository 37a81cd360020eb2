import type { Context } from "../context";
import { liveBus } from "./bus";
import { idle, startWith } from "./iterators";
import { releasingOnEnd, takeSubscriptionSlot } from "./slots";

/**
 * The stream a live field's subscribe returns, as its Context.liveRole asks (see
 * shared-fields.ts): on its own, its slot, its first push, then `changes`; as a live group's
 * source, `changes` only (the members hold the slots and get their own first push); as a
 * member, its slot and its first push only (the group pushes the rest). Whatever listens
 * listens before the first push is read, so no change can fall between the two.
 */
export async function liveFieldStream<T>(
  ctx: Context,
  unitId: number,
  changes: () => AsyncIterableIterator<T>,
  first: () => T | Promise<T>,
): Promise<AsyncIterableIterator<T>> {
  const bus = liveBus(ctx);
  if (ctx.liveRole === "source") {
    const updates = changes();
    try {
      await bus.ready(unitId);
      return updates;
    } catch (error) {
      await updates.return?.();
      throw error;
    }
  }
  const release = await takeSubscriptionSlot(ctx);
  // A member's group already listens: it was started (and is ready) before the member subscribed.
  const updates = ctx.liveRole === "member" ? idle<T>() : changes();
  try {
    if (ctx.liveRole !== "member") await bus.ready(unitId);
    return releasingOnEnd(startWith(await first(), updates), release);
  } catch (error) {
    release();
    await updates.return?.();
    throw error;
  }
}
