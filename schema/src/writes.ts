import { Prisma } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "./context";
import { ForbiddenError } from "./errors";
import type { ChangeEvent } from "./events";
import { assertUnitInScope, forgetUnitAncestors, requireViewer, unitAncestors } from "./scope";

type Tx = Prisma.TransactionClient;

export interface WriteOutcome<T> {
  result: T;
  /** Record id for the audit log and the change event. */
  id: number;
  /** Unit the record belongs to (after the write). */
  unitId: number;
  before: unknown;
  after: unknown;
}

export interface WriteSpec {
  /** Mutation name, e.g. "recordActivity"; also scopes the idempotency key. */
  operation: string;
  entity: ChangeEvent["entity"];
  action: ChangeEvent["action"];
  /** Units the write touches (e.g. old and new owner on a move): each must be in the caller's scope. */
  unitIds: number[];
  /** Client-supplied key: a retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

function requireWriter(ctx: Context) {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "ADMIN" && viewer.role !== "REPORTER") {
    throw new ForbiddenError(
      "Chỉ quản trị viên và cán bộ nhập liệu được ghi dữ liệu (read-only role).",
    );
  }
  return viewer;
}

/**
 * The one path every domain write takes: role and scope checks, one transaction holding the write,
 * its audit record and its idempotency record, then the change event once the transaction commits.
 * `load` re-reads the result by id, both after a fresh write and when a retry is answered from the
 * idempotency record.
 */
export async function runWrite<T>(
  ctx: Context,
  spec: WriteSpec,
  write: (tx: Tx) => Promise<WriteOutcome<T>>,
  load: (id: number) => Promise<T>,
): Promise<T> {
  const viewer = requireWriter(ctx);
  for (const unitId of new Set(spec.unitIds)) await assertUnitInScope(ctx, unitId);

  const key = spec.idempotencyKey ?? null;
  // A retried creation needs no lookup first: its transaction fails on the key's unique index and
  // is answered below with the first result. Corrections and deletions look first, because their
  // own checks (the record still exists, say) would fail on a retry before reaching the key.
  if (key && spec.action !== "created") {
    const previous = await findPrevious(ctx, viewer.userId, key, spec.operation);
    if (previous !== null) return load(previous);
  }

  let outcome: WriteOutcome<T>;
  try {
    outcome = await ctx.db.prisma.$transaction(async (tx) => {
      const done = await write(tx);
      await recordAudit(tx, viewer.userId, spec, done, key);
      return done;
    });
  } catch (error) {
    // A retry, or two racing: this transaction rolled back on the key; answer with the first's.
    if (key && isUniqueViolation(error)) {
      const previous = await findPrevious(ctx, viewer.userId, key, spec.operation);
      if (previous !== null) return load(previous);
    }
    throw error;
  }

  await publishChange(ctx, spec, outcome);
  return outcome.result;
}

export interface InsertSpec extends Omit<WriteSpec, "action" | "unitIds"> {
  /** Table of the new row (a Prisma model name). */
  table: string;
  /** Unit the row belongs to: checked against the caller's scope, and the change's path. */
  unitId: number;
  /** Column → value: a plain value becomes a parameter, a Prisma.Sql fragment is written as is. */
  row: Record<string, unknown>;
  /** Date-only columns and timestamp columns: the audit snapshot writes them as toJson does. */
  dateColumns: string[];
  timestampColumns: string[];
}

/**
 * A creation as one statement: the INSERT, its audit row and, with a key, its idempotency row are
 * one `WITH` statement, atomic on its own. Same checks and guarantees as runWrite, without an
 * interactive transaction: one round trip where BEGIN, INSERT, audit and COMMIT took four, and
 * the record rollups' deferred triggers still run at its commit. This is the path reporters' and
 * imports' single creations take most, so it is worth the SQL.
 */
export async function insertRecord<T>(
  ctx: Context,
  spec: InsertSpec,
  load: (id: number) => Promise<T>,
): Promise<T> {
  const viewer = requireWriter(ctx);
  await assertUnitInScope(ctx, spec.unitId);
  const key = spec.idempotencyKey ?? null;
  const entries = Object.entries(spec.row).filter(([, v]) => v !== undefined);
  const columns = Prisma.join(entries.map(([c]) => Prisma.raw(quoted(c))));
  const values = Prisma.join(
    entries.map(([, v]) => (v instanceof Prisma.Sql ? v : Prisma.sql`${v}`)),
  );
  let rows: T[];
  try {
    rows = await ctx.db.prisma.$queryRaw<T[]>`
      WITH "row" AS (
        INSERT INTO ${Prisma.raw(quoted(spec.table))} (${columns}) VALUES (${values}) RETURNING *
      ), "audit" AS (
        INSERT INTO "AuditLog" ("userId", "action", "entity", "entityId", "before", "after")
        SELECT ${viewer.userId}, ${spec.operation}, ${spec.entity}, "row"."id"::text, NULL,
               ${auditSnapshot(spec)}
        FROM "row"
      ), "key" AS (
        INSERT INTO "IdempotentWrite" ("userId", "key", "operation", "result")
        SELECT ${viewer.userId}, ${key}::text, ${spec.operation}, jsonb_build_object('id', "row"."id")
        FROM "row" WHERE ${key}::text IS NOT NULL
      )
      SELECT * FROM "row"`;
  } catch (error) {
    if (key && isUniqueViolation(error)) {
      const previous = await findPrevious(ctx, viewer.userId, key, spec.operation);
      if (previous !== null) return load(previous);
    }
    throw error;
  }
  const created = rows[0] as T & { id: number };
  await publishChange(
    ctx,
    { ...spec, action: "created", unitIds: [spec.unitId] },
    { result: created, id: created.id, unitId: spec.unitId, before: null, after: null },
  );
  return created;
}

const quoted = (identifier: string) => {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(identifier)) throw new Error(`bad identifier ${identifier}`);
  return `"${identifier}"`;
};

/**
 * The inserted row as JSON, in the shape toJson gives a row Prisma returned: timestamps and
 * date-only columns as ISO strings in UTC, so every audit snapshot reads alike.
 */
function auditSnapshot(spec: InsertSpec): Prisma.Sql {
  const iso = (column: string, format: string) =>
    Prisma.sql`${Prisma.raw(`'${column}'`)}, to_char("row".${Prisma.raw(quoted(column))}, ${Prisma.raw(`'${format}'`)})`;
  const fields = [
    ...spec.timestampColumns.map((c) => iso(c, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    ...spec.dateColumns.map((c) => iso(c, 'YYYY-MM-DD"T00:00:00.000Z"')),
  ];
  return Prisma.sql`to_jsonb("row") || jsonb_build_object(${Prisma.join(fields)})`;
}

/**
 * The audit row and, with a key, the idempotency row, in one statement (a raw one: every
 * statement in a write's transaction is a round trip, and this is on every write's path).
 */
async function recordAudit(
  tx: Tx,
  userId: number,
  spec: WriteSpec,
  done: WriteOutcome<unknown>,
  key: string | null,
): Promise<void> {
  const json = (value: unknown) => {
    const v = toJson(value);
    return v === undefined ? null : JSON.stringify(v);
  };
  await tx.$executeRaw`
    WITH audit AS (
      INSERT INTO "AuditLog" ("userId", "action", "entity", "entityId", "before", "after")
      VALUES (${userId}, ${spec.operation}, ${spec.entity}, ${String(done.id)},
              ${json(done.before)}::jsonb, ${json(done.after)}::jsonb)
    )
    INSERT INTO "IdempotentWrite" ("userId", "key", "operation", "result")
    SELECT ${userId}, ${key}::text, ${spec.operation}, ${JSON.stringify({ id: done.id })}::jsonb
    WHERE ${key}::text IS NOT NULL`;
}

async function findPrevious(ctx: Context, userId: number, key: string, operation: string) {
  const row = await ctx.db.prisma.idempotentWrite.findUnique({
    where: { userId_key: { userId, key } },
  });
  if (!row) return null;
  if (row.operation !== operation) {
    throw new ForbiddenError(
      `Idempotency key "${key}" was already used for ${row.operation}; use a new key for ${operation}.`,
    );
  }
  return (row.result as { id: number }).id;
}

async function publishChange<T>(ctx: Context, spec: WriteSpec, outcome: WriteOutcome<T>) {
  if (spec.entity === "Unit") forgetUnitAncestors(ctx);
  ctx.events.publish({
    entity: spec.entity,
    action: spec.action,
    id: outcome.id,
    unitId: outcome.unitId,
    unitPath: await unitAncestors(ctx, outcome.unitId),
    at: new Date().toISOString(),
  });
}

/** A unique index refused the row: P2002 from a model query, P2010 (23505) from a raw one. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  return (
    e?.code === "P2002" ||
    (e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.originalCode === "23505")
  );
}

/** Audit snapshots are JSON: BigInt amounts become strings, dates ISO strings. */
export function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/**
 * Deletes one record through runWrite and answers with its global id. `remove` deletes it inside
 * the transaction (and anything that must go or be untied with it) and returns the deleted row.
 */
export function deleteRecord(
  ctx: Context,
  spec: {
    operation: string;
    entity: Exclude<ChangeEvent["entity"], "Unit">;
    unitId: number;
    idempotencyKey?: string | null;
  },
  remove: (tx: Tx) => Promise<{ id: number; unitId: number }>,
): Promise<string> {
  const globalId = (id: number) => encodeGlobalID(spec.entity, id);
  return runWrite(
    ctx,
    { ...spec, action: "deleted", unitIds: [spec.unitId] },
    async (tx) => {
      const before = await remove(tx);
      return {
        result: globalId(before.id),
        id: before.id,
        unitId: before.unitId,
        before,
        after: null,
      };
    },
    async (id) => globalId(id),
  );
}
