import { runUnstoppable } from "@d05/prisma";

/**
 * Figures read once per change and shared by every subscriber pushed for it.
 *
 * A write under a province reaches each of its subscribers as the SAME event object (the
 * pub/sub hands one parsed payload to every listener, in-process and through Redis), and each
 * coalesced push names the latest event it covers. Pushes that cover the same latest event show
 * the same state, so the first one to resolve a field reads the database and the others await
 * that read: 1,000 projectors on one province cost one overview query per change, not 1,000.
 *
 * Exactness: the read starts after the event arrived, i.e. after its write committed, so it
 * reflects at least that state; a later change is a different event and gets its own read.
 * Entries hang off the event object (a WeakMap), so they are gone once no push refers to it.
 */
const reads = new WeakMap<object, Map<string, Promise<unknown>>>();

export function readOncePerChange<T>(
  change: object | null,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  // INITIAL and RESYNC pushes are each their own moment: nothing to share safely.
  if (!change) return read();
  let byKey = reads.get(change);
  if (!byKey) {
    byKey = new Map();
    reads.set(change, byKey);
  }
  const shared = byKey.get(key) as Promise<T> | undefined;
  if (shared) return shared;
  // Shared by every subscriber of the change: not stopped when the first push's time is up.
  const fresh = runUnstoppable(read);
  byKey.set(key, fresh);
  // A failed read is not remembered: the next subscriber tries again.
  fresh.catch(() => byKey.delete(key));
  return fresh;
}
