// The cost budget (MAX_QUERY_COST), checked as an operation starts: its variables are coerced, its
// cost computed (query-cost.ts) and compared with the budget, before any resolver runs.
//
// Costs are remembered, never verdicts or errors. A remembered cost is keyed by everything it is a
// function of — the parsed document (yoga hands the same object for the same text), the operation
// and every variable value — so no caller's input can become another caller's answer; the
// comparison with the budget, and every error (variables that do not coerce, with or without
// suggestions for this caller), are made afresh for each request.
import type { Context } from "@d05/schema";
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getOperationAST,
  getVariableValues,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { localizedError } from "../language";
import type { Limits } from "../limits";
import { operationCost } from "./query-cost";
import { maySeeSchema, withoutSuggestions } from "./suggestions";

/**
 * Longest key (operation name and variables as JSON) worth remembering. Larger variables (a base64
 * spreadsheet) are not turned into a key at all: their cost is computed, which is cheaper.
 */
const MAX_KEY_CHARS = 4_096;
/**
 * Characters of keys kept in all (~2 MiB of strings): a caller sending new documents or variables
 * without end only makes the cache start over, never grow.
 */
const MAX_CACHED_CHARS = 1_048_576;

/** Errors that stop a request before any data are request errors: 400 (GraphQL over HTTP). */
function asRequestError(error: GraphQLError): GraphQLError {
  return error.extensions?.http
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        originalError: error.originalError,
        extensions: { ...error.extensions, http: { status: 400 } },
      });
}

/** Stops a walk of the variables once their JSON would exceed MAX_KEY_CHARS. */
const TOO_LONG = Symbol("too long");

/** The operation name and variables as JSON, or null when that would exceed MAX_KEY_CHARS. */
function costKey(operationName: string | null | undefined, variables: unknown): string | null {
  // Most operations come without variables: the same text, without a replacer called per value.
  if (isEmptyObject(variables)) return `[${JSON.stringify(operationName ?? null)},{}]`;
  let chars = 0;
  try {
    return JSON.stringify([operationName ?? null, variables], (_key, value: unknown) => {
      // Strings dominate the length; counting them bounds the work done on a huge variable.
      chars += typeof value === "string" ? value.length + 2 : 8;
      if (chars > MAX_KEY_CHARS) throw TOO_LONG;
      return value;
    });
  } catch (error) {
    if (error === TOO_LONG) return null;
    throw error;
  }
}

function isEmptyObject(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  for (const _ in value) return false;
  return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}

export function costCheckPlugin(limits: Pick<Limits, "maxCost" | "introspection">): Plugin {
  // Keyed by the document's identity (a number per parsed document; yoga hands the same object
  // for the same text) and the key of its operation and variables.
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const costs = new Map<string, number>();
  let cachedChars = 0;

  const costOf = (args: ExecutionArgs, variables: Record<string, unknown>): number => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return 0;
    const key = costKey(args.operationName, args.variableValues ?? {});
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) {
      documentId = nextDocumentId++;
      documentIds.set(args.document, documentId);
    }
    const fullKey = key === null ? null : `${documentId}:${key}`;
    const remembered = fullKey === null ? undefined : costs.get(fullKey);
    if (remembered !== undefined) return remembered;
    const cost = operationCost(args.schema, args.document, operation, variables);
    if (fullKey !== null) {
      if (cachedChars + fullKey.length > MAX_CACHED_CHARS) {
        costs.clear();
        cachedChars = 0;
      }
      costs.set(fullKey, cost);
      cachedChars += fullKey.length;
    }
    return cost;
  };

  const check = (args: ExecutionArgs): GraphQLError[] => {
    const operation = getOperationAST(args.document, args.operationName);
    const definitions = operation?.variableDefinitions ?? [];
    let variables: Record<string, unknown> = {};
    if (definitions.length > 0) {
      const coerced = getVariableValues(
        args.schema,
        definitions,
        (args.variableValues ?? {}) as Record<string, unknown>,
        { maxErrors: 50 },
      );
      if (coerced.errors) {
        const role = (args.contextValue as Partial<Context> | undefined)?.viewer?.role;
        const errors = maySeeSchema(limits.introspection, role)
          ? coerced.errors
          : withoutSuggestions(coerced.errors);
        return errors.map(asRequestError);
      }
      variables = coerced.coerced;
    }
    const cost = costOf(args, variables);
    if (cost <= limits.maxCost) return [];
    return [
      localizedError(
        "queryTooCostly",
        { cost, max: limits.maxCost },
        {
          extensions: {
            code: "QUERY_TOO_COMPLEX",
            cost,
            limit: limits.maxCost,
            http: { status: 400 },
          },
        },
        (args.contextValue as Partial<Context> | undefined)?.lang,
      ),
    ];
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}
