import type { Client } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Translate } from "./i18n";
import { outboxStore, removePending } from "./outbox";
import { sendOrQueue } from "./sendOrQueue";

const t: Translate = (key) => key;
const queueing = { username: "bao-cao-vien", label: "Xóa: Hội nghị" };

/** A client whose every mutation answers `answer` (and counts the sends). */
function client(answer: object) {
  const sent: Record<string, unknown>[] = [];
  const fake = {
    mutation: (_doc: unknown, variables: { input: Record<string, unknown> }) => {
      sent.push(variables.input);
      return { toPromise: async () => answer };
    },
  };
  return { client: fake as unknown as Client, sent };
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const entry of outboxStore.get()) removePending(entry.key);
});

describe("sendOrQueue", () => {
  it("queues a deletion made offline with the key it will be sent with, sending nothing", async () => {
    vi.spyOn(globalThis.navigator, "onLine", "get").mockReturnValue(false);
    const { client: offline, sent } = client({});
    const outcome = await sendOrQueue(offline, "deleteCommitment", { id: "Q29t" }, t, queueing);
    expect(outcome).toEqual({ ok: true, queued: true });
    expect(sent).toEqual([]);
    const [entry] = outboxStore.get();
    expect(entry).toMatchObject({
      op: "deleteCommitment",
      label: "Xóa: Hội nghị",
      username: "bao-cao-vien",
      input: { id: "Q29t" },
    });
    expect(entry?.input.idempotencyKey).toBe(entry?.key);
  });

  it("queues a correction whose send could not reach the server, under the key it was sent with", async () => {
    const { client: unreachable, sent } = client({ error: { networkError: new Error("down") } });
    const input = { id: "QWN0", attendance: 12, idempotencyKey: "k-1" };
    const outcome = await sendOrQueue(unreachable, "correctActivity", input, t, queueing);
    expect(outcome).toEqual({ ok: true, queued: true });
    expect(sent).toEqual([input]);
    expect(outboxStore.get().map((e) => e.key)).toEqual(["k-1"]);
  });

  it("sends once and queues nothing when the server answers", async () => {
    const { client: online, sent } = client({
      data: { correctCommitment: { __typename: "MutationCorrectCommitmentSuccess" } },
    });
    const outcome = await sendOrQueue(online, "correctCommitment", { id: "x" }, t, queueing);
    expect(outcome).toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.idempotencyKey).toEqual(expect.any(String));
    expect(outboxStore.get()).toEqual([]);
  });
});
