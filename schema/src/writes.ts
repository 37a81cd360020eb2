import { Prisma, rawQueriesOf } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "./context";
import { textOf } from "./domain/messages";
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
  /**
   * The record an update changes (not for creations or unit writes). Its row is locked first
   * and its unit read then, so the change is also announced where the record really was, even
   * when another write moved it after the caller looked it up.
   */
  recordId?: number;
  /**
   * Units whose views show the change although their figures did not move (a target shows on
   * the units it applies to and those comparing them): announced to, never scope-checked.
   */
  shownOn?: number[];
}

/**
 * The one path every domain write takes (its role is the mutation's declared `authScopes`): scope checks, one transaction holding the write,
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
  const viewer = requireViewer(ctx);
  for (const unitId of new Set(spec.unitIds)) await assertUnitInScope(ctx, unitId);
  // Their paths before the write (the scope checks just read them): a unit move changes them,
  // and the subscribers and cached figures of the former ancestors must hear of it too.
  const pathsBefore = await Promise.all(spec.unitIds.map((unitId) => unitAncestors(ctx, unitId)));

  const key = spec.idempotencyKey ?? null;
  // A retried creation needs no lookup first: its transaction fails on the key's unique index and
  // is answered below with the first result. Corrections and deletions look first, because their
  // own checks (the record still exists, say) would fail on a retry before reaching the key.
  if (key && spec.action !== "created") {
    const previous = await findPrevious(ctx, viewer.userId, key, spec.operation);
    if (previous !== null) return load(previous);
  }

  let outcome: WriteOutcome<T>;
  let formerUnitId: number | null;
  try {
    ({ outcome, formerUnitId } = await ctx.db.prisma.$transaction(async (tx) => {
      const former =
        spec.recordId === undefined ? null : await lockedUnitOf(tx, spec.entity, spec.recordId);
      const done = await write(tx);
      await recordAudit(tx, viewer.userId, spec, done, key);
      return { outcome: done, formerUnitId: former };
    }));
  } catch (error) {
    // A retry, or two racing: this transaction rolled back on the key; answer with the first's.
    if (key && isUniqueViolation(error)) {
      const previous = await findPrevious(ctx, viewer.userId, key, spec.operation);
      if (previous !== null) return load(previous);
    }
    throw error;
  }

  const touched = formerUnitId === null ? spec.unitIds : [...spec.unitIds, formerUnitId];
  await publishChange(ctx, spec, outcome, touched, pathsBefore, spec.shownOn);
  return outcome.result;
}

/**
 * The unit a record belongs to, its row locked until the transaction ends: a concurrent
 * correction of the same record waits, so each knows exactly which unit it took the record from.
 */
async function lockedUnitOf(
  tx: Tx,
  entity: ChangeEvent["entity"],
  id: number,
): Promise<number | null> {
  if (entity === "Unit") return null;
  const rows = await tx.$queryRaw<{ unitId: number }[]>`
    SELECT "unitId" FROM ${Prisma.raw(quoted(entity))} WHERE "id" = ${id} FOR UPDATE`;
  return rows[0]?.unitId ?? null;
}

export interface InsertSpec extends Omit<WriteSpec, "action" | "unitIds"> {
  /** Unit the row belongs to: checked against the caller's scope, and the change's path. */
  unitId: number;
  /**
   * The call of the record's write function (a migration's, e.g. record_activity), given the
   * caller's user id and the idempotency key: it inserts the row, its audit row and, with a key,
   * its idempotency row, and returns the row.
   */
  call: (userId: number, key: string | null) => Prisma.Sql;
}

/**
 * A creation as one statement: one call of the record's write function, which inserts the row,
 * its audit row and, with a key, its idempotency row, atomic on its own. Same checks and
 * guarantees as runWrite, without an interactive transaction: one round trip where BEGIN, INSERT,
 * audit and COMMIT took four, and the record rollups' deferred triggers still run at its commit.
 * A function rather than the statements themselves because PostgreSQL plans a function's
 * statements once per connection, where a statement sent as text is parsed and planned on every
 * call (~0.2 ms of its CPU per write, on the path reporters' and imports' single creations take).
 */
export async function insertRecord<T>(
  ctx: Context,
  spec: InsertSpec,
  load: (id: number) => Promise<T>,
): Promise<T> {
  const viewer = requireViewer(ctx);
  await assertUnitInScope(ctx, spec.unitId);
  const key = spec.idempotencyKey ?? null;
  let rows: T[];
  try {
    // On PostgreSQL straight on the pool: Prisma's own work per query is ~0.1 ms of CPU here.
    rows = await rawQueriesOf(ctx.db).$queryRaw<T[]>`
      SELECT * FROM ${spec.call(viewer.userId, key)}`;
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
    { entity: spec.entity, action: "created" },
    { result: created, id: created.id, unitId: spec.unitId, before: null, after: null },
  );
  return created;
}

const quoted = (identifier: string) => {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(identifier)) throw new Error(`bad identifier ${identifier}`);
  return `"${identifier}"`;
};

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
    throw new ForbiddenError(textOf("keyReused", { key }));
  }
  return (row.result as { id: number }).id;
}

/**
 * The one place a write's change event is built. A change is announced on the path of every
 * unit it touched, before and after: a record corrected into another unit (or another year, or
 * deleted) changes the figures of the unit it left as much as those of the one it joined, and a
 * unit moved or merged changes those of its former ancestors and of its successor. Each of them
 * has cached answers to retire and subscribers to push.
 *
 * `touched` are the units the write named (scope-checked) and the one a corrected record was
 * locked in; `pathsBefore` their paths read before the write, which a unit write may change.
 */
async function publishChange<T>(
  ctx: Context,
  spec: Pick<WriteSpec, "entity" | "action">,
  outcome: WriteOutcome<T>,
  touched: number[] = [],
  pathsBefore: number[][] = [],
  shownOn: number[] = [],
) {
  if (spec.entity === "Unit") forgetUnitAncestors(ctx);
  const own = await unitAncestors(ctx, outcome.unitId);
  const otherUnitIds = [...new Set(touched)].filter((unitId) => unitId !== outcome.unitId);
  // After a record write these are the paths read before (no query); after a unit write, new.
  const pathsAfter = await Promise.all(otherUnitIds.map((unitId) => unitAncestors(ctx, unitId)));
  ctx.events.publish(
    {
      entity: spec.entity,
      action: spec.action,
      id: outcome.id,
      unitId: outcome.unitId,
      unitPath: [...new Set([...own, ...pathsAfter.flat(), ...pathsBefore.flat(), ...shownOn])],
      ...(otherUnitIds.length > 0 ? { otherUnitIds } : {}),
      at: new Date().toISOString(),
      ...(await walPosition(ctx)),
    },
    ctx.viewer?.userId,
  );
}

/**
 * With read replicas, the WAL position a committed write reached, for its change event: no
 * replica behind it answers a read afterwards. Without replicas, nothing (no query).
 */
export async function walPosition(ctx: Context): Promise<{ lsn?: string }> {
  return ctx.db.replicas ? { lsn: await ctx.db.replicas.afterWrite() } : {};
}

/**
 * A unique index refused the row: P2002 from a model query, P2010 (23505) from a raw one, 23505
 * itself from a statement on the pool (rawQueriesOf).
 */
function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
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
 * The answer a correction or deletion already gave under this key, or else the write itself.
 * A retry must be answered before the write's own checks run: on a retried deletion the record
 * is gone (its lookup would say "not found"), and a retried step (a commitment completed) would
 * be refused as already done. runWrite checks the key too, for the writes that need no lookup.
 */
export async function unlessRetried<T>(
  ctx: Context,
  operation: string,
  idempotencyKey: string | null | undefined,
  load: (id: number) => Promise<T>,
  write: () => Promise<T>,
): Promise<T> {
  if (idempotencyKey) {
    const previous = await findPrevious(ctx, requireViewer(ctx).userId, idempotencyKey, operation);
    if (previous !== null) return load(previous);
  }
  return write();
}

/**
 * Deletes one record through runWrite and answers with its global id; every record deletion
 * takes this path, so all answer a retry alike (the first answer, not "not found"). `find` looks
 * the record up in the caller's scope (throwing NotFoundError); `remove` deletes it inside the
 * transaction (and anything that must go or be untied with it) and returns the deleted row.
 */
export function deleteRecord(
  ctx: Context,
  spec: {
    operation: string;
    entity: Exclude<ChangeEvent["entity"], "Unit">;
    idempotencyKey?: string | null;
  },
  find: () => Promise<{ id: number; unitId: number }>,
  remove: (tx: Tx) => Promise<{ id: number; unitId: number }>,
): Promise<string> {
  const globalId = async (id: number) => encodeGlobalID(spec.entity, id);
  return unlessRetried(ctx, spec.operation, spec.idempotencyKey, globalId, async () => {
    const current = await find();
    return runWrite(
      ctx,
      { ...spec, action: "deleted", unitIds: [current.unitId], recordId: current.id },
      async (tx) => {
        const before = await remove(tx);
        return {
          result: encodeGlobalID(spec.entity, before.id),
          id: before.id,
          unitId: before.unitId,
          before,
          after: null,
        };
      },
      globalId,
    );
  });
}
