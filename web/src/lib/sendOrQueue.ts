// The one way a write leaves the dashboard: sent at once when the network allows, otherwise kept
// in the outbox (outbox.ts) with its idempotency key until it does. New records, corrections,
// deletions and status steps all take it, so none is lost to a dropped rural connection and
// none is saved twice.
import type { Client } from "urql";
import type { Translate } from "./i18n";
import { enqueue } from "./outbox";
import { sendWrite, type WriteOp, type WriteOutcome } from "./sendWrite";

/** A write's outcome, or "queued": it waits in the outbox for the network. */
export type SendOutcome = WriteOutcome | { ok: true; queued: true };

export interface Queueing {
  /** Whose write it is (the outbox sends an account's entries only for that account). */
  username: string | undefined;
  /** What the waiting list calls it ("Sửa: Hội nghị…", "Xóa: …"). */
  label: string;
}

function newKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}

export async function sendOrQueue(
  client: Client,
  op: WriteOp,
  input: Record<string, unknown>,
  t: Translate,
  queueing: Queueing,
): Promise<SendOutcome> {
  // The key is fixed before the first try: a send whose answer was lost and its later resend
  // from the outbox are then one write to the API.
  const keyed = { ...input, idempotencyKey: input.idempotencyKey ?? newKey() };
  const outcome =
    globalThis.navigator?.onLine === false
      ? ({ ok: false, offline: true } as const)
      : await sendWrite(client, op, keyed, t);
  if (outcome.ok || !("offline" in outcome) || !queueing.username) return outcome;
  enqueue({
    key: String(keyed.idempotencyKey),
    op,
    input: keyed,
    username: queueing.username,
    label: queueing.label,
    queuedAt: new Date().toISOString(),
  });
  return { ok: true, queued: true };
}
