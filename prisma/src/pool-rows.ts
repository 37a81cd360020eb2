// Raw statements straight on the PostgreSQL pool (issue 19): Prisma's $queryRaw spends ~0.1 ms of
// the server's CPU per call on its own request machinery (measured: 0.15–0.18 ms per one-row
// statement against 0.06–0.07 ms on the pool), plus converting every value. The hottest write
// (recordActivity), the analytics answers' statements and the reads every request starts with
// (its account, its unit's path) take this path. Rows come typed as $queryRaw types them, so
// callers see no difference: a date as a Date at midnight UTC, a timestamp (stored without zone,
// in UTC) as a Date, a bigint as a BigInt. The query time limit holds as for every statement
// (stoppable-statements). PGlite has no pool: there the callers keep $queryRaw.
import pg from "pg";
import { Prisma, type PrismaClient } from "./generated/client.ts";
import { statementName } from "./statement-names";
import { stoppedStatement } from "./stoppable-statements";

const DATE = 1082;
const TIMESTAMP = 1114;
const INT8 = 20;

const parsers: Record<number, (value: string) => unknown> = {
  [DATE]: (value) => new Date(`${value}T00:00:00Z`),
  [TIMESTAMP]: (value) => new Date(`${value.replace(" ", "T")}Z`),
  [INT8]: (value) => BigInt(value),
};

/** Statement text with $1… placeholders and its values: what Prisma.sql`…` builds. */
export interface Statement {
  text: string;
  values: unknown[];
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type PoolRows = <T>(statement: Statement) => Promise<T[]>;

export function poolRows(pool: pg.Pool): PoolRows {
  return async <T>(statement: Statement) => {
    const stopped = stoppedStatement();
    if (stopped) return stopped;
    const result = await pool.query({
      name: statementName({ sql: statement.text }),
      text: statement.text,
      values: statement.values,
      types,
    });
    return result.rows as T[];
  };
}

/**
 * The client with its raw reads (`$queryRaw`) straight on the pool, everything else as it is: the
 * analytics engine's statements are raw SQL, several per answer, and Prisma's own work around
 * each (~0.1 ms, plus converting every value: 0.25 ms more for a comparison's 168 units) was a
 * fifth of the server's CPU for a computed comparison. The statement is the one Prisma would
 * send (Prisma.sql's text and values) and the rows come typed as Prisma types them (above).
 * Unlike Prisma's, the result is a plain promise: not for `$transaction([...])`.
 */
export function rawQueriesOnPool(prisma: PrismaClient, rows: PoolRows): PrismaClient {
  const queryRaw = (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    return rows({ text: sql.text, values: sql.values });
  };
  return new Proxy(prisma, {
    get: (target, property) =>
      property === "$queryRaw" ? queryRaw : Reflect.get(target, property, target),
  });
}

const rawQueriesByDatabase = new WeakMap<object, PrismaClient>();

/**
 * A database's client for raw statements: its `$queryRaw` on the pool where there is one
 * (PostgreSQL), else the client itself (PGlite). One per database, made once.
 */
export function rawQueriesOf(database: {
  prisma: PrismaClient;
  poolRows?: PoolRows;
}): PrismaClient {
  const { poolRows: rows } = database;
  if (!rows) return database.prisma;
  let client = rawQueriesByDatabase.get(database);
  if (!client) {
    client = rawQueriesOnPool(database.prisma, rows);
    rawQueriesByDatabase.set(database, client);
  }
  return client;
}
