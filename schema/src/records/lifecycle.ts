// A model's lifecycle, below the GraphQL module: which status holds on a day, how the current
// status follows its history, and the rule that nothing happens before the model started.
import type { Prisma } from "@d05/prisma";
import type { z } from "zod";
import { InputError, issueOf } from "../errors";
import type { modelStatus } from "./rules";

type ModelStatusValue = z.infer<typeof modelStatus>;

/** History in the order that decides "the latest": by day, then by when it was entered. */
export const HISTORY_ORDER: Prisma.ModelStatusChangeOrderByWithRelationInput[] = [
  { effectiveOn: "asc" },
  { id: "asc" },
];

/** The status in effect on `day`: the last history entry effective on or before it. */
export function statusOnDay(
  history: readonly { status: ModelStatusValue; effectiveOn: Date; id: number }[],
  day: Date,
): ModelStatusValue | null {
  let current: ModelStatusValue | null = null;
  for (const entry of [...history].sort(
    (a, b) => a.effectiveOn.getTime() - b.effectiveOn.getTime() || a.id - b.id,
  )) {
    if (entry.effectiveOn.getTime() <= day.getTime()) current = entry.status;
  }
  return current;
}

/** Keeps Model.status equal to the latest history entry (by day, then entry order). */
export async function syncCurrentStatus(tx: Prisma.TransactionClient, modelId: number) {
  const latest = await tx.modelStatusChange.findFirstOrThrow({
    where: { modelId },
    orderBy: [{ effectiveOn: "desc" }, { id: "desc" }],
  });
  return tx.model.update({ where: { id: modelId }, data: { status: latest.status } });
}

export function tooEarly(path: string, startedOn: Date): InputError {
  return new InputError([
    issueOf(["input", path], "beforeModelStarted", { day: startedOn.toISOString().slice(0, 10) }),
  ]);
}
