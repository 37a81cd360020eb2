import { DomainError } from "@d05/schema";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { createComplexityRule } from "@pothos/plugin-complexity";
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type ValidationContext,
  validate,
  visit,
} from "graphql";
import type { Plugin } from "graphql-yoga";

/** What one caller may ask of the server. Every limit applies over HTTP, SSE and WebSocket. */
export interface Limits {
  /** Deepest selection (fields, fragments flattened; introspection's __schema not counted). */
  maxDepth: number;
  /** Aliased fields in one operation (aliases multiply work without adding depth). */
  maxAliases: number;
  /** Lexical tokens in one document, checked while parsing. */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Cost budget: each field 1 (analytics fields 50), sub-selections times the page size. */
  maxCost: number;
  /**
   * A query (not a mutation) still running after this is answered with an error; for a
   * subscription, the resolution of each event (the wait between events is not counted).
   */
  executionTimeoutMs: number;
  /** Largest HTTP request body and WebSocket message, in bytes. */
  maxBodyBytes: number;
  /** Operations per minute for each signed-in account (0: no limit). */
  rateLimitPerMinute: number;
  /** Operations per minute for each client address without a valid token (0: no limit). */
  anonymousRateLimitPerMinute: number;
  /** Who may introspect the schema (and see "Did you mean …" suggestions). */
  introspection: "open" | "signed-in-analysts" | "off";
  /**
   * "on": requests a browser sends cross-site without a CORS preflight (form or multipart POST)
   * need a preflight-forcing header; "strict": GET too; "off": no check.
   */
  csrf: "on" | "strict" | "off";
}

export const defaultLimits: Limits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 30,
  maxCost: 10_000,
  executionTimeoutMs: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
  rateLimitPerMinute: 1_200,
  anonymousRateLimitPerMinute: 300,
  introspection: "signed-in-analysts",
  csrf: "on",
};

function limitError(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** How many variable sets of one document keep their computed cost. */
const COST_VARIANTS_PER_DOCUMENT = 256;

/** Errors that stop a request before any data are request errors: 400 (GraphQL over HTTP). */
function asRequestError(error: GraphQLError): GraphQLError {
  return error.extensions?.http
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { ...error.extensions, http: { status: 400 } },
      });
}

/** Variables used in a `first` or `last` argument (at any depth): the page sizes a cost reads. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  let inPageSize = 0;
  visit(document, {
    Argument: {
      enter(node) {
        if (node.name.value === "first" || node.name.value === "last") inPageSize++;
      },
      leave(node) {
        if (node.name.value === "first" || node.name.value === "last") inPageSize--;
      },
    },
    Variable(node) {
      if (inPageSize > 0) names.add(node.name.value);
    },
  });
  return [...names].sort();
}

/** Replaces Armor's "Syntax Error: …" with a message and a code of ours. */
function reportAs(code: string, describe: (found: string) => string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1] ?? "too many";
    context?.reportError(limitError(code, describe(found)));
  };
}

/**
 * Depth, aliases, directives and tokens (GraphQL Armor, while parsing and validating), and the
 * cost budget (the Pothos complexity rule, which knows each field's declared cost and the
 * requested page sizes, checked as execution starts). All before any resolver runs.
 */
export function queryLimitPlugins(limits: Limits): Plugin[] {
  const armor = EnvelopArmorPlugin({
    costLimit: { enabled: false },
    // Suggestions are hidden per caller (see the access plugin), not for everyone.
    blockFieldSuggestion: { enabled: false },
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        reportAs(
          "QUERY_TOO_DEEP",
          (found) =>
            `Truy vấn quá sâu: the query is ${found} levels deep; at most ${limits.maxDepth} are allowed.`,
        ),
      ],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [
        reportAs(
          "TOO_MANY_ALIASES",
          (found) =>
            `Quá nhiều bí danh: the query uses ${found} aliases; at most ${limits.maxAliases} are allowed.`,
        ),
      ],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [
        reportAs(
          "TOO_MANY_DIRECTIVES",
          (found) =>
            `Quá nhiều chỉ thị: the query uses ${found} directives; at most ${limits.maxDirectives} are allowed.`,
        ),
      ],
    },
    maxTokens: {
      n: limits.maxTokens,
      onReject: [
        () => {
          throw limitError(
            "QUERY_TOO_LONG",
            `Truy vấn quá dài: the document has more than ${limits.maxTokens} tokens.`,
            { http: { status: 400 } },
          );
        },
      ],
    },
  });

  // The cost depends on the variables (page sizes), so it is checked when the operation runs, not
  // in validation (whose results yoga caches by document).
  const overBudget = (args: ExecutionArgs): GraphQLError[] =>
    validate(args.schema, args.document, [
      createComplexityRule({
        variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
        operationName: args.operationName ?? undefined,
        context: args.contextValue as object,
        validate: (state, report) => {
          if (state.complexity > limits.maxCost) {
            report(
              limitError(
                "QUERY_TOO_COMPLEX",
                `Truy vấn quá nặng: the query costs ${state.complexity}; the budget is ${limits.maxCost}. Ask for fewer fields or smaller pages (first/last).`,
                { cost: state.complexity, limit: limits.maxCost, http: { status: 400 } },
              ),
            );
          }
        },
      }),
    ]) as GraphQLError[];
  // Computing the cost maps each field's arguments, which runs their validation. Arguments that
  // fail it must reach the resolver, whose typed result (InputError) names the problem; that field
  // does not run, so its cost is not spent.
  const checkedCost = (args: ExecutionArgs): GraphQLError[] => {
    try {
      // Besides the budget, the rule reports variables that do not coerce to their types: both
      // stop the request before any data, so both are request errors (400, GraphQL over HTTP).
      return overBudget(args).map(asRequestError);
    } catch (error) {
      if (error instanceof DomainError) return [];
      throw error;
    }
  };
  // The cost depends on the document, the operation and the page sizes (`first`/`last`) only: no
  // field's cost reads the context or other arguments, and yoga hands the same parsed document
  // for the same query text. So it is computed once per document and page-size variables; a write
  // whose variables differ every time (keys, titles) still skips the walk. Variables that do not
  // coerce are found on every request (cheap), since the walk would have reported them.
  const known = new WeakMap<
    DocumentNode,
    { pageSizes: string[]; costs: Map<string, GraphQLError[]> }
  >();
  const costOf = (args: ExecutionArgs): GraphQLError[] => {
    const operation = getOperationAST(args.document, args.operationName);
    const definitions = operation?.variableDefinitions ?? [];
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    if (definitions.length > 0) {
      const coerced = getVariableValues(args.schema, definitions, variables, { maxErrors: 50 });
      if (coerced.errors) return coerced.errors.map(asRequestError);
    }
    let document = known.get(args.document);
    if (!document) {
      document = { pageSizes: pageSizeVariables(args.document), costs: new Map() };
      known.set(args.document, document);
    }
    const key = JSON.stringify([
      args.operationName ?? null,
      ...document.pageSizes.map((name) => variables[name] ?? null),
    ]);
    let errors = document.costs.get(key);
    if (!errors) {
      errors = checkedCost(args);
      if (document.costs.size >= COST_VARIANTS_PER_DOCUMENT) document.costs.clear();
      document.costs.set(key, errors);
    }
    return errors;
  };
  const cost: Plugin = {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = costOf(args);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = costOf(args);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };

  return [armor as Plugin, cost];
}

/**
 * Stops waiting for a query after `timeoutMs`: the caller gets QUERY_TIMEOUT (HTTP 503) and the
 * executor's signal is aborted, so no further resolver starts. Mutations are not cut short: a
 * write that has begun commits or rolls back whole, and a client could not tell which.
 */
export function executionTimeoutPlugin(timeoutMs: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== "query") return;
      setExecuteFn(async (execArgs: ExecutionArgs & { signal?: AbortSignal }) => {
        const controller = new AbortController();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => {
            // Made here, not up front: nearly every query finishes in time.
            const error = limitError(
              "QUERY_TIMEOUT",
              `Truy vấn chạy quá lâu: the query was stopped after ${timeoutMs / 1000} s. Narrow the period or the units, or ask for less.`,
              { http: { status: 503, headers: { "Retry-After": "30" } } },
            );
            controller.abort(error);
            resolve({ errors: [error] });
          }, timeoutMs);
        });
        const signal = execArgs.signal
          ? AbortSignal.any([execArgs.signal, controller.signal])
          : controller.signal;
        try {
          // biome-ignore lint/suspicious/noExplicitAny: yoga's executor accepts a signal
          return await Promise.race([executeFn({ ...execArgs, signal } as any), timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

/**
 * The same time limit for each event of a subscription: resolving one push (reading the figures
 * it carries) that takes longer is answered with a QUERY_TIMEOUT error for that push, and the
 * subscription stays open — the next push reads the figures afresh. The time spent waiting for an
 * event is not counted: a projector's live view may wait hours between changes.
 *
 * graphql-js' own subscribe maps each event through `execute` without a hook in between, so this
 * does the same two steps (createSourceEventStream, then execute per event) with the limit around
 * the second.
 */
export function subscriptionEventTimeoutPlugin(timeoutMs: number): Plugin {
  const timedOut = (): ExecutionResult => ({
    errors: [
      limitError(
        "QUERY_TIMEOUT",
        `Cập nhật trực tiếp chạy quá lâu: this update was stopped after ${timeoutMs / 1000} s. The subscription stays open; the next update reads the figures again.`,
      ),
    ],
  });
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs & { signal?: AbortSignal }) => {
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return source;
        const events = source[Symbol.asyncIterator]();
        const resolveEvent = async (payload: unknown): Promise<ExecutionResult> => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const limit = new Promise<ExecutionResult>((resolve) => {
            timer = setTimeout(() => resolve(timedOut()), timeoutMs);
          });
          try {
            return await Promise.race([
              Promise.resolve(execute({ ...args, rootValue: payload })),
              limit,
            ]);
          } finally {
            clearTimeout(timer);
          }
        };
        // A plain iterator rather than an async generator: return() must reach the source at
        // once (ending the bus listener) even while it waits for the next event.
        const close = async (): Promise<IteratorResult<ExecutionResult>> => {
          await events.return?.();
          return { done: true, value: undefined };
        };
        args.signal?.addEventListener("abort", () => void close(), { once: true });
        const mapped: AsyncIterableIterator<ExecutionResult> = {
          async next() {
            const step = await events.next();
            if (step.done) return { done: true, value: undefined };
            return { done: false, value: await resolveEvent(step.value) };
          },
          return: close,
          async throw(error: unknown) {
            await events.return?.();
            throw error;
          },
          [Symbol.asyncIterator]() {
            return mapped;
          },
        };
        return mapped;
      });
    },
  };
}
