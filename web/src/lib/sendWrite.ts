// Sends one write by its mutation's name and says how it went: saved, a typed error the form can
// place on its fields, unreachable (the caller may queue it: see outbox.ts), or another failure
// in words the reporter can read (never a GraphQL variable path).
import type { Client, TypedDocumentNode } from "urql";
import {
  ChangeModelStatusMutation,
  CorrectActivityMutation,
  CorrectAwardMutation,
  CorrectCommitmentMutation,
  CorrectModelContributionMutation,
  CorrectModelMutation,
  DeleteActivityMutation,
  DeleteAwardMutation,
  DeleteCommitmentMutation,
  DeleteModelContributionMutation,
  DeleteModelMutation,
  RecordActivityMutation,
  RecordAwardMutation,
  RecordModelContributionMutation,
  RegisterCommitmentMutation,
  RegisterModelMutation,
  type WriteAnswer,
  type WriteError,
} from "../graphql/writes";
import type { Translate } from "./i18n";

const DOCUMENTS = {
  recordActivity: RecordActivityMutation,
  registerModel: RegisterModelMutation,
  recordAward: RecordAwardMutation,
  registerCommitment: RegisterCommitmentMutation,
  recordModelContribution: RecordModelContributionMutation,
  correctActivity: CorrectActivityMutation,
  correctModel: CorrectModelMutation,
  correctAward: CorrectAwardMutation,
  correctCommitment: CorrectCommitmentMutation,
  correctModelContribution: CorrectModelContributionMutation,
  changeModelStatus: ChangeModelStatusMutation,
  deleteActivity: DeleteActivityMutation,
  deleteModel: DeleteModelMutation,
  deleteAward: DeleteAwardMutation,
  deleteCommitment: DeleteCommitmentMutation,
  deleteModelContribution: DeleteModelContributionMutation,
} as const;

export type WriteOp = keyof typeof DOCUMENTS;

/** The answer of a write: success, a typed error, unreachable, or another failure. */
export type WriteOutcome =
  | { ok: true }
  | { ok: false; error: WriteError }
  | { ok: false; offline: true }
  | { ok: false; message: string };

type AnyWrite = TypedDocumentNode<
  Partial<Record<WriteOp, WriteAnswer>>,
  { input: Record<string, unknown> }
>;

/** A request-level failure in the interface's language: the server's own words only when they are meant for people. */
export function failureMessage(messages: readonly string[], t: Translate): string {
  if (messages.length === 0) return t("entry.failed");
  // graphql-js' coercion errors ('Variable "$input" got invalid value …') are English and name
  // variable paths; the forms check their values first, so one reaching here is a bug of ours.
  const readable = messages.filter(
    (m) => !/Variable "\$|GraphQL|Int cannot|got invalid value/.test(m),
  );
  return readable.length === messages.length ? readable.join("; ") : t("entry.invalid");
}

// The forms' values are checked by the API (InputError), not by TypeScript: one document type.
export async function sendWrite(
  client: Client,
  op: WriteOp,
  input: Record<string, unknown>,
  t: Translate,
): Promise<WriteOutcome> {
  const result = await client.mutation(DOCUMENTS[op] as unknown as AnyWrite, { input }).toPromise();
  const answer = result.data?.[op];
  if (answer?.__typename.endsWith("Success")) return { ok: true };
  if (answer && "message" in answer) return { ok: false, error: answer };
  if (result.error?.networkError || globalThis.navigator?.onLine === false) {
    return { ok: false, offline: true };
  }
  return {
    ok: false,
    message: result.error
      ? failureMessage(
          result.error.graphQLErrors.map((e) => e.message),
          t,
        )
      : t("entry.failed"),
  };
}
