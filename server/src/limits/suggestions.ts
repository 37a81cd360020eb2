// "Did you mean …?" names fields, arguments and enum values close to what was sent: enough to read
// the schema piece by piece. It is shown only to those who may introspect (INTROSPECTION).
import type { Role } from "@d05/prisma";
import { GraphQLError } from "graphql";
import type { Limits } from "../limits";

/** Whether a caller of `role` (null: anonymous) may read the schema, suggestions included. */
export function maySeeSchema(
  mode: Limits["introspection"],
  role: Role | null | undefined,
): boolean {
  if (mode === "open") return true;
  if (mode === "off") return false;
  return role === "ANALYST" || role === "ADMIN";
}

const SUGGESTION = / Did you mean .*$/s;

/** The same errors, each without its trailing "Did you mean …?" (the rest of the message stays). */
export function withoutSuggestions(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((error) =>
    SUGGESTION.test(error.message)
      ? new GraphQLError(error.message.replace(SUGGESTION, ""), {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: error.originalError,
          extensions: error.extensions,
        })
      : error,
  );
}
