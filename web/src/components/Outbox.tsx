// The queue of entries made offline (lib/outbox.ts) on screen: OutboxSync sends them when the
// connection returns (mounted once, in the layout, so they go out whatever page is open), and
// OutboxPanel tells the reporter what is still waiting.
import { useEffect, useRef, useSyncExternalStore } from "react";
import { type Client, useClient } from "urql";
import { useSession } from "../client";
import { formatDateTime } from "../lib/format";
import { type Translate, useI18n } from "../lib/i18n";
import { markRefused, outboxStore, type PendingWrite, removePending } from "../lib/outbox";
import { sendWrite } from "../lib/sendWrite";
import { createStore } from "../lib/store";

/** Entries sent since the page loaded, so the panel can say they went out. */
const sentStore = createStore(0);
let flushing = false;

/** Sends the account's waiting entries in the order they were made; stops at the first that cannot reach the server. */
export async function flushOutbox(client: Client, username: string, t: Translate): Promise<void> {
  if (flushing || globalThis.navigator?.onLine === false) return;
  flushing = true;
  let sent = 0;
  try {
    for (const entry of outboxStore.get()) {
      if (entry.username !== username || entry.refused) continue;
      const outcome = await sendWrite(client, entry.op, entry.input, t);
      if (outcome.ok) {
        removePending(entry.key);
        sent += 1;
      } else if ("offline" in outcome) return;
      else if ("error" in outcome) {
        const issues = outcome.error.__typename === "InputError" ? outcome.error.issues : [];
        markRefused(entry.key, issues.map((i) => i.message).join(" ") || outcome.error.message);
      }
      // Any other failure (server busy, database away) is tried again on the next round.
    }
  } finally {
    flushing = false;
    if (sent > 0) sentStore.set(sentStore.get() + sent);
  }
}

const RETRY_MS = 15_000;

export function OutboxSync() {
  const client = useClient();
  const { t } = useI18n();
  const translate = useRef(t);
  translate.current = t;
  const username = useSession()?.user.username;
  const pending = useSyncExternalStore(outboxStore.subscribe, outboxStore.get);
  const waiting = pending.some((e) => e.username === username && !e.refused);
  useEffect(() => {
    if (!username || !waiting) return;
    const flush = () => void flushOutbox(client, username, translate.current);
    flush();
    // `online` fires when the device's network returns; the timer covers a network that is up
    // but a server that was not reachable yet.
    globalThis.addEventListener("online", flush);
    const timer = setInterval(flush, RETRY_MS);
    return () => {
      globalThis.removeEventListener("online", flush);
      clearInterval(timer);
    };
  }, [client, username, waiting]);
  return null;
}

export function OutboxPanel() {
  const { t } = useI18n();
  const client = useClient();
  const username = useSession()?.user.username ?? "";
  const all = useSyncExternalStore(outboxStore.subscribe, outboxStore.get);
  const sent = useSyncExternalStore(sentStore.subscribe, sentStore.get);
  const mine: PendingWrite[] = all.filter((e) => e.username === username);
  if (mine.length === 0) {
    return sent > 0 ? (
      <p className="form-success" role="status">
        {t("outbox.sent")}
      </p>
    ) : null;
  }
  return (
    <section className="banner banner-warning" role="status" aria-live="polite">
      <strong>{t("outbox.waiting", { count: mine.length })}</strong>
      <p>{t("outbox.hint")}</p>
      <ul>
        {mine.map((entry) => (
          <li key={entry.key}>
            {entry.label} · {formatDateTime(entry.queuedAt)}
            {entry.refused && (
              <>
                {" "}
                — {t("outbox.refused", { reason: entry.refused })}{" "}
                <button type="button" className="button" onClick={() => removePending(entry.key)}>
                  {t("outbox.discard")}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => void flushOutbox(client, username, t)}
      >
        {t("outbox.sendNow")}
      </button>
    </section>
  );
}
