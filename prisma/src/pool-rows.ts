// One statement straight on the PostgreSQL pool, for the hottest write (recordActivity, issue 19
// target 4): Prisma's $queryRaw spends ~0.1 ms of the server's CPU per call on its own request
// machinery (measured: 0.15–0.18 ms per one-row statement against 0.06–0.07 ms on the pool), and
// at 1,000 writes/s on two cores each write may use 2 ms of CPU in all (server, PostgreSQL, load).
// Rows come typed as $queryRaw types them, so callers see no difference: a date as a Date at
// midnight UTC, a timestamp (stored without zone, in UTC) as a Date, a bigint as a BigInt. The
// query time limit holds as for every statement (stoppable-statements). PGlite has no pool: there
// the callers use $queryRaw.
import pg from "pg";
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
