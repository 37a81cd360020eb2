import { type Database, PrismaClient } from "@d05/prisma";

/**
 * The database as the app sees it, every SQL statement passed through `around` at the driver
 * adapter: every statement Prisma sends, in or out of a transaction, goes through the adapter's
 * queryRaw/executeRaw. The server gets its own Prisma client over the wrapped adapter (same
 * database), on either backend.
 */
export function interceptStatements(
  db: Database,
  around: (sql: string, send: () => Promise<unknown>) => Promise<unknown>,
): Database {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => Promise<unknown>;
        if (prop === "queryRaw" || prop === "executeRaw") {
          return (query: { sql: string }, ...rest: unknown[]) =>
            around(query.sql, () => fn.call(obj, query, ...rest));
        }
        if (prop === "startTransaction" || prop === "connect") {
          return async (...args: unknown[]) => wrap((await fn.apply(obj, args)) as object);
        }
        return fn.bind(obj);
      },
    });
  const adapterFactory = wrap(db.adapterFactory);
  // Without poolRows: the write and the analytics reads that would go straight to the pool on
  // PostgreSQL take the adapter's path, so every statement passes `around`.
  const { poolRows: _straightToPool, ...rest } = db;
  return { ...rest, prisma: new PrismaClient({ adapter: adapterFactory }), adapterFactory };
}

/**
 * Counts SQL statements at the driver adapter, so the count is exactly what one GraphQL request
 * costs. (Prisma's query log needs `log` at construction; the shared client is built without it.
 * pg_stat_* counters are per database and too coarse.)
 *
 * A statement counts once the database has answered it (one the server refuses before it reaches
 * the database does not). `answerDelayMs` holds every answer back: a slow database, to see which
 * statements a request still runs once it has been answered.
 */
export function countingDatabase(
  db: Database,
  { answerDelayMs = 0 }: { answerDelayMs?: number } = {},
): { database: Database; statements: () => number } {
  let statements = 0;
  const database = interceptStatements(db, async (_sql, send) => {
    const result = await send();
    statements++;
    if (answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    return result;
  });
  return { database, statements: () => statements };
}
