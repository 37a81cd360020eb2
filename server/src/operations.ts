import { performance } from "node:perf_hooks";
import type { Context } from "@d05/schema";
import { type ExecutionArgs, getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";

export type OperationType = "query" | "mutation" | "subscription";

/** One GraphQL operation, executed (a subscription: set up), as logs and metrics see it. */
export interface OperationReport {
  /** The client's operationName (or the document's own name); null when anonymous. */
  name: string | null;
  type: OperationType;
  durationMs: number;
  /** `extensions.code` of each error of the result ("UNKNOWN" when it has none). */
  errorCodes: string[];
  accountId: number | null;
  transport: "http" | "websocket";
  /** The graphql-ws socket an operation came over (websocket transport). */
  socket?: object;
}

export interface OperationObserver {
  /** After each operation executed (query, mutation) or subscribed (its setup). */
  operation?(report: OperationReport): void;
  /**
   * The errors of an HTTP response's result, including those raised before execution (parse,
   * validation, limits, rate limit), which never reach `operation`.
   */
  httpErrors?(codes: string[]): void;
}

/**
 * Reports every operation's name, type, duration, account and error codes to its observers (the
 * request log and the metrics), over HTTP, SSE and WebSocket alike.
 */
export function observeOperations(observers: OperationObserver[]): Plugin {
  const emit = (report: OperationReport) => {
    for (const o of observers) o.operation?.(report);
  };
  // Returns the hook that reports it once done, unnamed: a named closure per operation costs a
  // defineProperty under tsx (its keepNames), which showed in the server's profile.
  const begin = (args: ExecutionArgs) => {
    const started = performance.now();
    const context = args.contextValue as Partial<Context> & { socket?: object; request?: unknown };
    const operation = getOperationAST(args.document, args.operationName);
    return ({ result }: { result: unknown }) =>
      emit({
        name: args.operationName ?? operation?.name?.value ?? null,
        type: operation?.operation ?? "query",
        durationMs: performance.now() - started,
        errorCodes: errorCodesOf(result),
        accountId: context.viewer?.userId ?? null,
        transport: context.socket && !context.request ? "websocket" : "http",
        socket: context.socket,
      });
  };
  return {
    onExecute({ args }) {
      return { onExecuteDone: begin(args) };
    },
    onSubscribe({ args }) {
      // A live group's source is no client's operation: its members are reported, each once.
      if ((args.contextValue as Partial<Context>).liveRole === "source") return;
      return { onSubscribeResult: begin(args) };
    },
    onResultProcess({ result }) {
      const codes = errorCodesOf(result);
      if (codes.length) for (const o of observers) o.httpErrors?.(codes);
    },
  };
}

/** Error codes of a result (or a batch of results); none for a stream (a subscription). */
export function errorCodesOf(result: unknown): string[] {
  if (Array.isArray(result)) return result.flatMap(errorCodesOf);
  if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return [];
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors;
  return (errors ?? []).map((e) =>
    typeof e.extensions?.code === "string" ? e.extensions.code : "UNKNOWN",
  );
}
