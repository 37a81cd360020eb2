// A time limit that only answers late leaves the work running: the executor (graphql-jit does not
// look at an abort signal) goes on resolving fields, each field goes on asking the database, and
// one Prisma operation may itself be a chain of statements (one per nested relation). So the check
// sits where every statement passes: the driver adapter. The server's database is wrapped once;
// an operation runs inside `runStoppable(signal, …)`, and once that signal is aborted each further
// statement it would send is refused before it reaches the database (the statement under way runs
// to its end). The signal travels with the operation's async work (AsyncLocalStorage), so other
// requests, and writes, are never affected by it.
//
// One imperfection, from Prisma: it batches `findUnique` calls made in the same tick into one
// statement, possibly across requests, and the batch runs in the context of the request that
// queued first. If that request runs out of time while the batch is under way, the others in it
// see an error for that field. It needs two requests asking for the same record shape in the same
// tick as one of them times out, and it costs a field error, not a wrong answer.
import { AsyncLocalStorage } from "node:async_hooks";
import { type Database, PrismaClient } from "@d05/prisma";

const stopSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that the statements it issues are refused once `signal` is aborted. */
export function runStoppable<T>(signal: AbortSignal, work: () => T): T {
  return stopSignal.run(signal, work);
}

/**
 * The same database, its adapter checking before every statement that the operation it belongs
 * to (if any) is still wanted. A second Prisma client over the same adapter factory (the same
 * pool or PGlite instance): the server uses only this one.
 */
export function stoppableStatements(database: Database): Database {
  const guard = <T extends object>(target: T): T =>
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
  const adapterFactory = guard(database.adapterFactory);
  return { ...database, adapterFactory, prisma: new PrismaClient({ adapter: adapterFactory }) };
}
