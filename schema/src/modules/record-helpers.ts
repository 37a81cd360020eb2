// What the record modules (activities, models, awards, commitments, contributions) share beyond
// common.ts: the pieces whose shape is the same for every record kind, so each module keeps only
// what is particular to its record.
import { z } from "zod";
import { builder } from "../builder";
import { clearableText } from "../domain/rules";
import { idempotencyKey } from "../validation";
import { globalIdOf } from "./common";

/** A correction's field that may be left out (or null): absent means "stays as it is". */
export const keep = <T>(schema: z.ZodType<T>) => schema.nullish().transform((v) => v ?? undefined);

/** A correction's optional text: absent stays, null or blank clears it. */
export const clearable = clearableText;

/** The fields a correction gives, without the absent ones: what the record becomes is `{ ...current, ...given }`. */
export function given<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/**
 * The input of a `delete<Record>` mutation (the record's global id and a client key for retries)
 * with the zod schema its resolver parses it with.
 */
export function deleteRecordInput(typename: string, description: string, idDescription: string) {
  const input = builder.inputType(`Delete${typename}Input`, {
    description,
    fields: (t) => ({
      id: t.id({ description: idDescription }),
      idempotencyKey: t.string({
        required: false,
        description:
          "Client key for retries: a retry answers as the first did, even though the record is gone.",
      }),
    }),
  });
  return { input, schema: z.object({ id: globalIdOf(typename), idempotencyKey }) };
}
