import type { PrismaClient } from "@d05/prisma";
import type PrismaTypes from "@d05/prisma/pothos-types";
import { getDatamodel } from "@d05/prisma/pothos-types";
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { GraphQLError } from "graphql";
import type { Context } from "./context";
import { InputError } from "./errors";

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
    ScopeAuthPlugin,
    ErrorsPlugin,
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
    unauthorizedError: (_parent, ctx, _info, result) => {
      if (!ctx.viewer) {
        return new GraphQLError(
          {
            expired: "Phiên đăng nhập đã hết hạn: sign in again (token expired).",
            revoked:
              "Phiên đăng nhập đã bị thu hồi: sign in again (token revoked or account disabled).",
            invalid: "Cần đăng nhập: sign in first (invalid token).",
            none: "Cần đăng nhập: sign in first (no token).",
          }[ctx.tokenProblem ?? "none"],
          { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } },
        );
      }
      return new GraphQLError(`Không có quyền: ${result.message}`, {
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
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    idFieldOptions: { description: "Global id (Relay): stable, opaque, usable with Query.node." },
    nodeTypeOptions: { description: "Anything that can be fetched by its global id." },
    nodeQueryOptions: {
      description: "Fetches any record by global id (null when missing or outside your scope).",
      args: { id: { description: "Global id." } },
    },
    nodesQueryOptions: {
      description: "Fetches records by global ids, in the same order.",
      args: { ids: { description: "Global ids." } },
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
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)),
          message: issue.message,
        })),
      ),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});
