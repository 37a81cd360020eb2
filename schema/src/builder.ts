import type { PrismaClient } from "@d05/prisma";
import type PrismaTypes from "@d05/prisma/pothos-types";
import { getDatamodel } from "@d05/prisma/pothos-types";
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import {
  GraphQLError,
  type GraphQLOutputType,
  getNamedType,
  isListType,
  isNonNullType,
  isUnionType,
} from "graphql";
import { z } from "zod";
import type { Context } from "./context";
import { type Text, textOf } from "./domain/messages";
import { ForbiddenError, fieldIssueOf, InputError } from "./errors";
import { checkCursor, decodeGlobalIdStrictly } from "./ids";
import StrictIdsPlugin from "./ids-plugin";

/** Page size of a Relay connection when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first`/`last` a connection accepts; more is refused with PAGE_SIZE_TOO_LARGE. */
export const MAX_PAGE_SIZE = 500;

/**
 * Called by the Prisma plugin with each connection's arguments before it reads them: refuses
 * (rather than silently clamps) a page larger than MAX_PAGE_SIZE, naming the limit, and a cursor
 * this server never issued (which Prisma would answer with a 500).
 */
function maxPageSize(
  args: {
    first?: number | null;
    last?: number | null;
    after?: string | null;
    before?: string | null;
  },
  ctx?: Context,
): number {
  checkCursor(args.after, "after");
  checkCursor(args.before, "before");
  const asked = Math.max(args.first ?? 0, args.last ?? 0);
  if (asked > MAX_PAGE_SIZE) {
    throw new GraphQLError(
      textOf("pageTooLarge", { max: MAX_PAGE_SIZE, asked })[ctx?.lang ?? "vi"],
      { extensions: { code: "PAGE_SIZE_TOO_LARGE", limit: MAX_PAGE_SIZE, http: { status: 400 } } },
    );
  }
  return MAX_PAGE_SIZE;
}

/** Most ids one `nodes(ids:)` takes: each id is a record to load and its selection to resolve. */
export const MAX_NODES_IDS = 100;
// Worded by the table ("tooMany"), like every rule's issue.
const nodesIdsRule = z.array(z.unknown()).max(MAX_NODES_IDS);

/** What a refused role is told, by the scope it lacks (words in domain/messages.ts). */
const ROLE_REFUSALS = { canWrite: "readOnlyRole", admin: "adminOnly" } as const;

function refusal(failure: AuthFailure): Text {
  if (failure.kind === AuthScopeFailureType.AuthScope && failure.scope in ROLE_REFUSALS) {
    return textOf(ROLE_REFUSALS[failure.scope as keyof typeof ROLE_REFUSALS]);
  }
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes) {
    for (const inner of failure.failures) return refusal(inner);
  }
  return textOf("notAllowed");
}

function declaresForbidden(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isUnionType(named) && named.getTypes().some((member) => member.name === "ForbiddenError");
}

/** Configuration only: plugins, context, scalars, auth scopes. Types live in modules/. */
export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  AuthScopes: { signedIn: boolean; admin: boolean; canWrite: boolean; analyst: boolean };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    Vnd: { Input: bigint; Output: bigint | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  plugins: [
    // The errors plugin wraps scope-auth: a role refused on a field whose result union has a
    // ForbiddenError member comes back as that member (Pothos discussion #467), not as a
    // top-level error. Error types hold no protected data, so nothing leaks through them.
    ErrorsPlugin,
    ScopeAuthPlugin,
    // After the errors plugin: a refused id names its argument before it becomes a typed error.
    StrictIdsPlugin,
    ValidationPlugin,
    PrismaPlugin,
    RelayPlugin,
    ComplexityPlugin,
  ],
  scopeAuth: {
    // Subscriptions are checked when they start, not only per pushed event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      admin: ctx.viewer?.role === "ADMIN",
      canWrite: ctx.viewer?.role === "ADMIN" || ctx.viewer?.role === "REPORTER",
      analyst: ctx.viewer?.role === "ADMIN" || ctx.viewer?.role === "ANALYST",
    }),
    unauthorizedError: (_parent, ctx, info, result) => {
      if (!ctx.viewer) {
        const key = (
          {
            expired: "sessionExpired",
            revoked: "sessionRevoked",
            invalid: "sessionInvalid",
            none: "signInFirst",
          } as const
        )[ctx.tokenProblem ?? "none"];
        return new GraphQLError(textOf(key)[ctx.lang ?? "vi"], {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        });
      }
      // A field that declares ForbiddenError among its results answers with that member.
      if (declaresForbidden(info.returnType)) return new ForbiddenError(refusal(result.failure));
      return new GraphQLError(refusal(result.failure)[ctx.lang ?? "vi"], {
        extensions: { code: "FORBIDDEN", http: { status: 403 } },
      });
    },
  },
  prisma: {
    client: (ctx: Context): PrismaClient => ctx.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    // The plugin calls a function here with the connection's arguments (as it does for a
    // field's own `maxSize`); its option type only says number.
    maxConnectionSize: maxPageSize as unknown as number,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // Strict: only ids this server issues (Typename:<1..2^31-1>); see ids.ts.
    decodeGlobalID: (globalID: string) => decodeGlobalIdStrictly(globalID),
    idFieldOptions: { description: "Global id (Relay): stable, opaque, usable with Query.node." },
    nodeTypeOptions: { description: "Anything that can be fetched by its global id." },
    nodeQueryOptions: {
      description: "Fetches any record by global id (null when missing or outside your scope).",
      args: { id: { description: "Global id." } },
    },
    nodesQueryOptions: {
      description: `Fetches records by global ids, in the same order (at most ${MAX_NODES_IDS} ids).`,
      args: { ids: { description: "Global ids.", validate: nodesIdsRule } },
    },
  },
  errors: {
    defaultTypes: [],
    // Lets validation failures become the typed InputError member of a mutation's result union.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (result) =>
      new InputError(
        result.issues.map((issue) => fieldIssueOf(issue as Parameters<typeof fieldIssueOf>[0])),
      ),
  },
  complexity: {
    // Cost of a field without its own `complexity`: 1, its sub-selection multiplied by how many
    // items it may return. A connection returns at most its page size (`first`/`last`), so its
    // `edges` are not multiplied again; a list asked for by a list argument (`nodes(ids:)`) returns
    // one item per element; any other list counts as 10 items. The budget itself is enforced by
    // the server (server/src/limits/cost-check.ts, with the request's variables, QUERY_TOO_COMPLEX),
    // which passes the arguments as GraphQL coerced them and no caller.
    fieldComplexity: (args, _ctx, field) => {
      const named = getNamedType(field.type).name;
      const page = args as { first?: number | null; last?: number | null };
      if (named.endsWith("Connection") && ("first" in page || "last" in page)) {
        const size = page.first ?? page.last ?? DEFAULT_PAGE_SIZE;
        return { field: 1, multiplier: Math.min(Math.max(size, 0), MAX_PAGE_SIZE) };
      }
      const type = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(type)) return 1;
      if (named.endsWith("Edge")) return { field: 1, multiplier: 1 };
      const lengths = Object.values(args).flatMap((value) =>
        Array.isArray(value) ? [value.length] : [],
      );
      return { field: 1, multiplier: lengths.length > 0 ? Math.max(...lengths) : 10 };
    },
  },
});
