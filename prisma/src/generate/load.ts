// Bulk loading: rows are buffered per table and sent in batches of thousands as one JSON
// parameter, unpacked by json_to_recordset with short keys (a third of the bytes of full column
// names), inside the caller's transaction. Works the same on PostgreSQL and PGlite.
import type { Row } from "./records";

/** Runs one statement with one text parameter; returns the affected row count. */
export type Execute = (sql: string, json: string) => Promise<number>;

interface TableSpec {
  /** [json key, column, SQL type] */
  columns: [string, string, string][];
  /** Columns filled by an SQL expression, e.g. timestamps. */
  constants?: [string, string][];
  /** Tables whose rows must be written first (foreign keys). */
  after?: string[];
}

const STAMPS: [string, string][] = [
  ["createdAt", "now()"],
  ["updatedAt", "now()"],
];

export const TABLES: Record<string, TableSpec> = {
  Unit: {
    columns: [
      ["i", "id", "int"],
      ["c", "code", "text"],
      ["n", "name", "text"],
      ["k", "kind", '"UnitKind"'],
      ["p", "parentId", "int"],
      ["h", "path", "text"],
      ["d", "depth", "int"],
      ["m", "partyMembers", "int"],
      ["o", "population", "int"],
    ],
    constants: STAMPS,
  },
  UnitClosure: {
    columns: [
      ["a", "ancestorId", "int"],
      ["d", "descendantId", "int"],
      ["n", "distance", "int"],
    ],
  },
  Theme: {
    columns: [
      ["i", "id", "int"],
      ["y", "year", "int"],
      ["t", "title", "text"],
      ["d", "description", "text"],
    ],
  },
  User: {
    columns: [
      ["i", "id", "int"],
      ["u", "username", "text"],
      ["n", "displayName", "text"],
      ["h", "passwordHash", "text"],
      ["r", "role", '"Role"'],
      ["x", "unitId", "int"],
    ],
    constants: STAMPS,
  },
  Activity: {
    columns: [
      ["i", "id", "int"],
      ["u", "unitId", "int"],
      ["t", "themeId", "int"],
      ["k", "kind", '"ActivityKind"'],
      ["n", "title", "text"],
      ["d", "occurredOn", "date"],
      ["s", "sessions", "int"],
      ["a", "attendance", "int"],
    ],
    constants: STAMPS,
  },
  Model: {
    columns: [
      ["i", "id", "int"],
      ["u", "unitId", "int"],
      ["n", "name", "text"],
      ["s", "sector", '"ModelSector"'],
      ["l", "level", '"ModelLevel"'],
      ["p", "programme", "text"],
      ["o", "leadOrganisation", '"LeadOrganisation"'],
      ["d", "startedOn", "date"],
      ["st", "status", '"ModelStatus"'],
    ],
    constants: STAMPS,
  },
  ModelStatusChange: {
    columns: [
      ["i", "id", "int"],
      ["m", "modelId", "int"],
      ["s", "status", '"ModelStatus"'],
      ["d", "effectiveOn", "date"],
    ],
    constants: [["createdAt", "now()"]],
    after: ["Model"],
  },
  ModelContribution: {
    columns: [
      ["i", "id", "int"],
      ["m", "modelId", "int"],
      ["d", "recordedOn", "date"],
      ["p", "participants", "int"],
      ["l", "landM2", "int"],
      ["g", "landValueVnd", "bigint"],
      ["v", "cashVnd", "bigint"],
      ["w", "workdays", "int"],
    ],
    constants: [["createdAt", "now()"]],
    after: ["Model"],
  },
  Commitment: {
    columns: [
      ["i", "id", "int"],
      ["u", "unitId", "int"],
      ["y", "year", "int"],
      ["k", "kind", '"CommitmentKind"'],
      ["n", "title", "text"],
      ["s", "status", '"CommitmentStatus"'],
      ["r", "registeredOn", "date"],
      ["c", "completedOn", "date"],
      ["p", "replicatedOn", "date"],
    ],
    constants: STAMPS,
  },
  Award: {
    columns: [
      ["i", "id", "int"],
      ["u", "unitId", "int"],
      ["rk", "recipientKind", '"RecipientKind"'],
      ["c", "recipientCount", "int"],
      ["l", "level", '"AwardLevel"'],
      ["f", "form", '"AwardForm"'],
      ["d", "awardedOn", "date"],
      ["ey", "emulationYear", "int"],
      ["g", "ground", '"AwardGround"'],
      ["t", "themeId", "int"],
      ["m", "modelId", "int"],
    ],
    constants: STAMPS,
    after: ["Model"],
  },
};

function insertSql(table: string): string {
  const spec = TABLES[table];
  if (!spec) throw new Error(`no loader spec for ${table}`);
  const constants = spec.constants ?? [];
  const targets = [...spec.columns.map(([, c]) => c), ...constants.map(([c]) => c)]
    .map((c) => `"${c}"`)
    .join(", ");
  const values = [...spec.columns.map(([k]) => `x."${k}"`), ...constants.map(([, e]) => e)].join(
    ", ",
  );
  const shape = spec.columns.map(([k, , t]) => `"${k}" ${t}`).join(", ");
  return `INSERT INTO "${table}" (${targets}) SELECT ${values} FROM json_to_recordset($1::json) AS x(${shape})`;
}

/** Buffers rows per table and writes full batches, parents before children. */
export class BulkLoader {
  private readonly buffers = new Map<string, Row[]>();
  private readonly sql = new Map<string, string>();
  readonly written = new Map<string, number>();
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly execute: Execute,
    private readonly batchSize: number,
    private readonly onWrite: (table: string, rows: number) => void = () => {},
  ) {}

  push(table: string, row: Row): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.buffers.set(table, buffer);
    }
    buffer.push(row);
  }

  /** True when some buffer is full: the caller should `await flushFull()`. */
  get hasFullBatch(): boolean {
    for (const rows of this.buffers.values()) if (rows.length >= this.batchSize) return true;
    return false;
  }

  async flushFull(): Promise<void> {
    for (const [table, rows] of this.buffers) {
      if (rows.length >= this.batchSize) await this.flush(table);
    }
  }

  async flushAll(): Promise<void> {
    for (const table of [...this.buffers.keys()]) await this.flush(table);
    await this.drain();
  }

  private async flush(table: string): Promise<void> {
    // A child batch may point at parents still buffered: write those first.
    for (const parent of TABLES[table]?.after ?? []) await this.flush(parent);
    const rows = this.buffers.get(table);
    if (!rows || rows.length === 0) return;
    this.buffers.set(table, []);
    let sql = this.sql.get(table);
    if (!sql) {
      sql = insertSql(table);
      this.sql.set(table, sql);
    }
    // One write in flight while the next batch is generated: the database and the generator
    // overlap, and writes still reach the database in order.
    await this.drain();
    const json = JSON.stringify(rows);
    this.inFlight = this.execute(sql, json).then(
      (inserted) => {
        if (inserted !== rows.length) {
          this.failure = new Error(`${table}: inserted ${inserted} of ${rows.length} rows`);
          return;
        }
        this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
        this.onWrite(table, rows.length);
      },
      (error: unknown) => {
        this.failure = error;
      },
    );
  }

  /** Waits for the write in flight; rethrows its failure. */
  async drain(): Promise<void> {
    await this.inFlight;
    if (this.failure !== undefined) throw this.failure;
  }
}
