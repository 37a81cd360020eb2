// A time limit that only answers late leaves the work running: the GraphQL executor (graphql-jit
// does not look at an abort signal) goes on resolving fields, each field goes on asking the
// database, and one Prisma operation may itself be a chain of statements (one per nested relation).
// So the check sits where every statement passes: the driver adapter, wrapped once when the
// database is opened. Work run inside `runStoppable(signal, …)` (the server's query time limit)
// has each further statement refused once that signal is aborted, before it reaches the database
// (a statement under way runs to its end). The signal travels with that work's async calls
// (AsyncLocalStorage), so other requests, writes and everything outside are never affected.
//
// One imperfection, from Prisma: it batches `findUnique` calls made in the same tick into one
// statement, possibly across requests, and the batch runs in the context of the request that
// queued first. If that request runs out of time while the batch is under way, the others in it
// see an error for that field. It needs two requests asking for the same record shape in the same
// tick as one of them times out, and it costs a field error, not a wrong answer.
import { AsyncLocalStorage } from "node:async_hooks";

const stopSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that the statements it issues are refused once `signal` is aborted. */
export function runStoppable<T>(signal: AbortSignal, work: () => T): T {
  return stopSignal.run(signal, work);
}

/**
 * Runs `work` free of the current caller's signal: for a read shared by several callers (a cached
 * answer being computed, figures read once per change), which must not fail for all because the
 * one that started it ran out of time or went away.
 */
export function runUnstoppable<T>(work: () => T): T {
  return stopSignal.exit(work);
}

/** The adapter factory, checking before every statement that the work it belongs to is wanted. */
export function stoppableAdapter<T extends object>(factory: T): T {
  const guard = <O extends object>(target: O): O =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object) as unknown;
        if (typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => unknown;
        if (property === "queryRaw" || property === "executeRaw") {
          return (...args: unknown[]) => {
            const signal = stopSignal.getStore();
            if (signal?.aborted) return Promise.reject(signal.reason);
            return method.apply(object, args);
          };
        }
        // Connections and transactions send their statements through the same two methods.
        if (property === "connect" || property === "startTransaction") {
          return async (...args: unknown[]) => guard((await method.apply(object, args)) as object);
        }
        return method.bind(object);
      },
    });
  return guard(factory);
}

/** Rejects when the work this call belongs to is no longer wanted, as the adapter does. */
export function stoppedStatement(): Promise<never> | null {
  const signal = stopSignal.getStore();
  return signal?.aborted ? Promise.reject(signal.reason) : null;
}
