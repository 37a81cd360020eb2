import { type Database, PrismaClient } from "@d05/prisma";

/**
 * Counts SQL statements at the driver adapter: every statement Prisma sends, in or out of a
 * transaction, goes through the adapter's queryRaw/executeRaw. The server gets its own Prisma
 * client over the counting adapter (same database), so the count is exactly what one GraphQL
 * request costs, on either backend. (Prisma's query log needs `log` at construction; the shared
 * client is built without it. pg_stat_* counters are per database and too coarse.)
 */
export function countingDatabase(db: Database): { database: Database; statements: () => number } {
  let statements = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === "queryRaw" || prop === "executeRaw") {
          return (...args: unknown[]) => {
            statements++;
            return fn.apply(obj, args);
          };
        }
        if (prop === "startTransaction" || prop === "connect") {
          return async (...args: unknown[]) => wrap((await fn.apply(obj, args)) as object);
        }
        return fn.bind(obj);
      },
    });
  const adapter = wrap(db.adapterFactory);
  const prisma = new PrismaClient({ adapter });
  return { database: { ...db, prisma, adapterFactory: adapter }, statements: () => statements };
}
