import { runStoppable } from "@d05/prisma";
import type { Context } from "@d05/schema";
import type { Lang } from "@d05/schema/domain";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type GraphQLError,
  getOperationAST,
  type ValidationContext,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { localizedError } from "./language";
import { costCheckPlugin } from "./limits/cost-check";
import type { Limits } from "./limits/settings";

export { defaultLimits, type Limits } from "./limits/settings";

type LimitKey = "queryTooDeep" | "tooManyAliases" | "tooManyDirectives";

/** Replaces Armor's "Syntax Error: …" with a message (in the request's language) and a code. */
function reportAs(code: string, key: LimitKey, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(
      localizedError(
        key,
        { found: found === undefined ? null : Number(found), max },
        { extensions: { code, limit: max } },
      ),
    );
  };
}

/**
 * Depth, aliases, directives and tokens (GraphQL Armor, while parsing and validating), and the
 * cost budget (each field's declared cost, page sizes and list lengths; limits/cost-check.ts,
 * checked as execution starts). All before any resolver runs.
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
      onReject: [reportAs("QUERY_TOO_DEEP", "queryTooDeep", limits.maxDepth)],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reportAs("TOO_MANY_ALIASES", "tooManyAliases", limits.maxAliases)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportAs("TOO_MANY_DIRECTIVES", "tooManyDirectives", limits.maxDirectives)],
    },
    maxTokens: {
      n: limits.maxTokens,
      onReject: [
        () => {
          throw localizedError(
            "queryTooLong",
            { max: limits.maxTokens },
            { extensions: { code: "QUERY_TOO_LONG", http: { status: 400 } } },
          );
        },
      ],
    },
  });

  // The cost depends on the variables (page sizes, list lengths), so it is checked when the
  // operation runs, not in validation (whose results yoga caches by document).
  return [armor as Plugin, costCheckPlugin(limits)];
}

/**
 * Stops a query after `timeoutMs`: the caller gets QUERY_TIMEOUT (HTTP 503) and the request's
 * signal is aborted. The work still running sends no further SQL statement (the server's database
 * refuses them for this operation, prisma/src/stoppable-statements.ts), and the signal is on the
 * context (`ctx.signal`); yoga's executor also starts no further resolver (graphql-jit's does not
 * look at it).
 * Mutations are not cut short: a write that has begun commits or rolls back whole, and a client
 * could not tell which.
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
            const error = localizedError(
              "queryTimeout",
              { seconds: timeoutMs / 1000 },
              {
                extensions: {
                  code: "QUERY_TIMEOUT",
                  http: { status: 503, headers: { "Retry-After": "30" } },
                },
              },
              (execArgs.contextValue as Context).lang,
            );
            controller.abort(error);
            resolve({ errors: [error] });
          }, timeoutMs);
        });
        // The request's own signal (the client went away) aborts this one too. A listener rather
        // than AbortSignal.any, which cost ~13 µs a query (issue 19).
        const request = execArgs.signal;
        const follow = abortWith(controller, request);
        if (request?.aborted) follow();
        else request?.addEventListener("abort", follow, { once: true });
        const { signal } = controller;
        // Resolvers with long loops of their own can look at it.
        (execArgs.contextValue as Context).signal = signal;
        try {
          return await Promise.race([
            // biome-ignore lint/suspicious/noExplicitAny: yoga's executor accepts a signal
            runStoppable(signal, () => executeFn({ ...execArgs, signal } as any)),
            timedOut,
          ]);
        } finally {
          clearTimeout(timer);
          request?.removeEventListener("abort", follow);
        }
      });
    },
  };
}

/** A listener aborting `controller` with `signal`'s reason (unnamed: see operations.ts). */
function abortWith(controller: AbortController, signal: AbortSignal | undefined) {
  return () => controller.abort(signal?.reason);
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
  // In the subscriber's language: a push is resolved long after the request that subscribed.
  const timedOut = (lang: Lang | undefined): ExecutionResult => ({
    errors: [
      localizedError(
        "liveUpdateTimeout",
        { seconds: timeoutMs / 1000 },
        { extensions: { code: "QUERY_TIMEOUT" } },
        lang,
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
          const controller = new AbortController();
          const limit = new Promise<ExecutionResult>((resolve) => {
            timer = setTimeout(() => {
              const result = timedOut((args.contextValue as Context).lang);
              controller.abort(result.errors?.[0]);
              resolve(result);
            }, timeoutMs);
          });
          // Each push its own signal: one that ran out of time stops issuing statements, while
          // the subscription itself (its source, the next push) goes on.
          const contextValue: Context = {
            ...(args.contextValue as Context),
            signal: controller.signal,
          };
          try {
            return await Promise.race([
              runStoppable(controller.signal, () =>
                Promise.resolve(execute({ ...args, rootValue: payload, contextValue })),
              ),
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
