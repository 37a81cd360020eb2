import type { Context } from "../context";
import type { ChangeEvent } from "../events";
import { currentUnitAncestors, requireViewer } from "../scope";

/**
 * A change as a subscriber is shown it. A change reaches the subscribers above every unit it
 * touched (see ChangeEvent.unitPath), so a record corrected out of a subtree reaches that
 * subtree's subscribers too, whose account may not see where the record went. They are shown
 * the first unit the change touched inside their scope (the unit the record left) instead, and
 * never a unit outside it; failing that, the unit they subscribed to.
 *
 * An event that touched no other unit came only along its own unit's path, so its unit lies
 * under the subscribed one: it is returned as is, without a lookup (the common case).
 */
export async function asShownTo(
  ctx: Context,
  event: ChangeEvent,
  subscribedUnitId: number,
): Promise<ChangeEvent> {
  if (!event.otherUnitIds?.length) return event;
  const scopeUnitId = requireViewer(ctx).scopeUnitId;
  for (const unitId of [event.unitId, ...event.otherUnitIds]) {
    if ((await currentUnitAncestors(ctx, unitId)).includes(scopeUnitId)) {
      return unitId === event.unitId ? event : { ...event, unitId };
    }
  }
  return { ...event, unitId: subscribedUnitId };
}
