// Read replicas (DATABASE_READ_URL): PostgreSQL streaming replicas that analytics reads may use
// instead of the primary. The rule that keeps every answer fresh: a replica answers a read only
// once it has replayed the primary's WAL up to the last write this process has heard of (its own
// writes, and other instances' writes through the change bus). So a writer's next read sees its
// write, and no cached answer is computed from a replica that has not seen a write the cache was
// already told about. A lagging replica is passed over for the primary; one that fails is left
// alone for a few seconds and the read is answered by the primary: the user sees no error.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { redactedUrl } from "./config";
import { PrismaClient } from "./generated/client.ts";
import { poolRows, rawQueriesOnPool } from "./pool-rows";
import { SESSION_OPTIONS } from "./session-options";
import { statementName } from "./statement-names";
import { stoppableAdapter } from "./stoppable-statements";

/** Why a read went where it went, for the metrics. */
export type ReadRoute =
  | "replica"
  | "primary:lagging"
  | "primary:replica-unavailable"
  | "primary:replica-failed";

/** How long a replica that failed is left alone before it is asked again. */
const REST_AFTER_FAILURE_MS = 5_000;
/** A replica that does not say how far it has replayed within this long counts as unavailable. */
const POSITION_TIMEOUT_MS = 1_000;

interface Replica {
  label: string;
  prisma: PrismaClient;
  pool: pg.Pool;
  /** The WAL position it had replayed when last asked (positions only grow). */
  replayed: bigint;
  /** While now < this, it is not used. */
  restingUntil: number;
}

/** "16/B374D848" (pg_lsn as text) as a number that orders like the WAL. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split("/");
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export class ReadReplicas {
  /** The WAL position every read must see: that of the last write this process heard of. */
  private needed = 0n;
  private next = 0;
  /** Reads by route since start (the metrics read them). */
  readonly routes: Record<ReadRoute, number> = {
    replica: 0,
    "primary:lagging": 0,
    "primary:replica-unavailable": 0,
    "primary:replica-failed": 0,
  };

  private constructor(
    private readonly primary: PrismaClient,
    private readonly replicas: Replica[],
  ) {}

  /**
   * Opens the replicas' pools (without waiting for them: one that is down is simply not used) and
   * requires the primary's WAL position now, so a replica still behind writes made before this
   * process started is not used either.
   */
  static async open(
    primary: PrismaClient,
    urls: string[],
    poolSize: number,
  ): Promise<ReadReplicas> {
    const replicas = new ReadReplicas(
      primary,
      urls.map((url) => {
        const pool = new pg.Pool({
          connectionString: url,
          max: poolSize,
          connectionTimeoutMillis: POSITION_TIMEOUT_MS,
          options: SESSION_OPTIONS,
        });
        // A replica going away must not crash the process: its reads go to the primary.
        pool.on("error", () => {});
        return {
          label: redactedUrl(url),
          pool,
          prisma: rawQueriesOnPool(
            new PrismaClient({
              adapter: stoppableAdapter(
                new PrismaPg(pool, { statementNameGenerator: statementName }),
              ),
            }),
            poolRows(pool),
          ),
          replayed: 0n,
          restingUntil: 0,
        };
      }),
    );
    await replicas.afterWrite();
    return replicas;
  }

  /**
   * After a write commits: the primary's WAL position now, which every later read must see. It is
   * put on the write's change event, so the other instances require it too.
   */
  async afterWrite(): Promise<string> {
    const [row] = await this.primary.$queryRaw<{ lsn: string }[]>`
      SELECT pg_current_wal_lsn()::text AS lsn`;
    const lsn = row?.lsn ?? "0/0";
    this.require(lsn);
    return lsn;
  }

  /**
   * Told of every change event (this instance's and, through Redis, the others'). While Redis is
   * away, other instances' writes go unheard: the replicas are not used until it is back and the
   * primary's position then has been required.
   */
  readonly watcher = {
    changed: (event: { lsn?: string }) => this.require(event.lsn),
    accountChanged: () => {},
    suspend: (suspended: boolean) => {
      this.suspensions += 1;
      const suspension = this.suspensions;
      if (suspended) {
        this.suspended = true;
        return;
      }
      void this.afterWrite()
        .then(() => {
          if (suspension === this.suspensions) this.suspended = false;
        })
        .catch(() => {});
    },
  };
  private suspended = false;
  private suspensions = 0;

  /** A write (here or on another instance) reached this WAL position. */
  require(lsn: string | undefined): void {
    if (!lsn) return;
    const position = parseLsn(lsn);
    if (position > this.needed) this.needed = position;
  }

  /**
   * Runs a read on a replica that has seen every write this process heard of, else on the
   * primary. A replica that fails mid-read is rested and the read runs again on the primary.
   */
  async read<T>(run: (db: PrismaClient) => Promise<T>): Promise<T> {
    const { replica, route } = await this.choose();
    if (!replica) {
      this.routes[route] += 1;
      return run(this.primary);
    }
    try {
      const answer = await run(replica.prisma);
      this.routes.replica += 1;
      return answer;
    } catch {
      // Lost connection, a query cancelled by a recovery conflict, a replica promoted away: the
      // primary answers instead (a bad question would fail there again, with its own error).
      replica.restingUntil = Date.now() + REST_AFTER_FAILURE_MS;
      this.routes["primary:replica-failed"] += 1;
      return run(this.primary);
    }
  }

  private async choose(): Promise<{ replica?: Replica; route: ReadRoute }> {
    const needed = this.needed;
    let route: ReadRoute = "primary:replica-unavailable";
    if (this.suspended) return { route: "primary:lagging" };
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length] as Replica;
      if (replica.restingUntil > Date.now()) continue;
      if (replica.replayed < needed) await this.askPosition(replica);
      if (replica.restingUntil > Date.now()) continue;
      if (replica.replayed >= needed) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return { replica, route: "replica" };
      }
      route = "primary:lagging";
    }
    return { route };
  }

  private async askPosition(replica: Replica): Promise<void> {
    try {
      const result = await replica.pool.query<{ lsn: string | null }>({
        text: "SELECT pg_last_wal_replay_lsn()::text AS lsn",
        query_timeout: POSITION_TIMEOUT_MS,
      } as pg.QueryConfig);
      const lsn = result.rows[0]?.lsn;
      // null: not a standby (a promoted or misconfigured server) — never treated as caught up.
      if (!lsn) {
        replica.restingUntil = Date.now() + REST_AFTER_FAILURE_MS;
        return;
      }
      const position = parseLsn(lsn);
      if (position > replica.replayed) replica.replayed = position;
    } catch {
      replica.restingUntil = Date.now() + REST_AFTER_FAILURE_MS;
    }
  }

  /** The replicas, without passwords (for the start-up log). */
  get labels(): string[] {
    return this.replicas.map((r) => r.label);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (r) => {
        await r.prisma.$disconnect().catch(() => {});
        await r.pool.end().catch(() => {});
      }),
    );
  }
}
