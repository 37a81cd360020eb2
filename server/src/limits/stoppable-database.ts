// A time limit that only answers late leaves the work running: the executor (graphql-jit does not
// look at an abort signal) goes on resolving fields, and each field goes on asking the database.
// A request's database is therefore wrapped so that, once its signal is aborted, every further
// Prisma operation (model calls and raw SQL alike) is refused before it reaches the database: the
// resolvers still running fail at once, and the request stops issuing statements. A statement
// already sent runs to its end.
import type { Database, PrismaClient } from "@d05/prisma";

/** `db` as one request sees it: each Prisma operation first checks that `signal` is not aborted. */
export function stoppableDatabase(db: Database, signal: AbortSignal): Database {
  let guarded: PrismaClient | undefined;
  return {
    ...db,
    // Made on first use: most queries are answered from the read cache without a statement.
    get prisma(): PrismaClient {
      guarded ??= db.prisma.$extends({
        query: {
          $allOperations({ args, query }) {
            signal.throwIfAborted();
            return query(args);
          },
        },
      }) as unknown as PrismaClient;
      return guarded;
    },
  };
}
