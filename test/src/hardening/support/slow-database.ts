import { type Database, PrismaClient } from "@d05/prisma";

/**
 * The database as the app sees it, every answer from the database held back `delayMs` and every
 * statement the database ran counted: a slow database, to see which statements a request still
 * has run once it has been answered. (At the driver adapter, like support/counting.ts: every
 * statement Prisma sends goes through its queryRaw/executeRaw. Statements the server refuses
 * before they reach the database are not counted.)
 */
export function slowCountingDatabase(
  db: Database,
  delayMs: number,
): { database: Database; statements: () => number } {
  let statements = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === "queryRaw" || prop === "executeRaw") {
          return async (...args: unknown[]) => {
            const result = await fn.apply(obj, args);
            statements++;
            await new Promise((resolve) => setTimeout(resolve, delayMs));
            return result;
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
