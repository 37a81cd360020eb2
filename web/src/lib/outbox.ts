// Entries made while the connection is down (rural networks) wait here, in localStorage, and are
// sent when it returns. Each keeps the idempotency key it was first sent with, so a send whose
// answer was lost, a second tab or a reload that sends it again still saves it at most once: the
// API returns the first result for a key it has seen. An entry leaves the queue only once the API
// has answered it (saved, or refused with a reason shown to the reporter).

import type { WriteOp } from "./sendWrite";
import { createStore } from "./store";

export interface PendingWrite {
  /** The write's idempotency key, also its id in the queue. */
  key: string;
  op: WriteOp;
  input: Record<string, unknown>;
  /** Whose key it is: the API keeps keys per account, so only that account may send it. */
  username: string;
  /** What the reporter typed as its title, for the waiting list. */
  label: string;
  queuedAt: string;
  /** Why the API refused it once the connection returned (it is not sent again). */
  refused?: string;
}

const STORAGE_KEY = "d05.outbox";

function read(): PendingWrite[] {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as PendingWrite[]) : [];
  } catch {
    return [];
  }
}

export const outboxStore = createStore<PendingWrite[]>(read());

function write(next: PendingWrite[]): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next));
  outboxStore.set(next);
}

// Another tab's changes (it sent or queued an entry) show here too.
globalThis.addEventListener?.("storage", (event) => {
  if (event.key === STORAGE_KEY) outboxStore.set(read());
});

export function enqueue(entry: PendingWrite): void {
  write([...read().filter((e) => e.key !== entry.key), entry]);
}

export function removePending(key: string): void {
  write(read().filter((e) => e.key !== key));
}

export function markRefused(key: string, reason: string): void {
  write(read().map((e) => (e.key === key ? { ...e, refused: reason } : e)));
}
