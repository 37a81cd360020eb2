// What the record modules (activities, models, awards, commitments) share beyond common.ts:
// the pieces whose shape is the same for every record kind, so each module keeps only what is
// particular to its record.
import { z } from "zod";
import { builder } from "../builder";
import { idempotencyKey } from "../validation";
import { globalIdOf } from "./common";

/**
 * The input of a `delete<Record>` mutation (the record's global id and a client key for retries)
 * with the zod schema its resolver parses it with.
 */
export function deleteRecordInput(typename: string, description: string, idDescription: string) {
  const input = builder.inputType(`Delete${typename}Input`, {
    description,
    fields: (t) => ({
      id: t.id({ description: idDescription }),
      idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
    }),
  });
  return { input, schema: z.object({ id: globalIdOf(typename), idempotencyKey }) };
}
