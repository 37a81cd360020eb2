// What the record modules (activities, models, awards, commitments, contributions) share beyond
// common.ts: the pieces whose shape is the same for every record kind, so each module keeps only
// what is particular to its record.
import type { Prisma } from "@d05/prisma";
import type { InputObjectRef } from "@pothos/core";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { clearableText } from "../domain/rules";
import { idempotencyKey } from "../validation";
import { deleteRecord, runWrite, type WriteSpec } from "../writes";
import { globalIdOf, notFound, parseInput, scopedUnitWhere } from "./common";
import { mutationErrors } from "./errors";
import type { RecordName, SchemaTypesOf } from "./record-reads";

/** A correction's field that may be left out (or null): absent means "stays as it is". */
export const keep = <T>(schema: z.ZodType<T>) => schema.nullish().transform((v) => v ?? undefined);

/** A correction's optional text: absent stays, null or blank clears it. */
export const clearable = clearableText;

/** The fields a correction gives, without the absent ones: what the record becomes is `{ ...current, ...given }`. */
export function given<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

// ─────────────── The writes of a record kind ───────────────

type Tx = Prisma.TransactionClient;
type Types = SchemaTypesOf;
type MutationFieldBuilder = PothosSchemaTypes.MutationFieldBuilder<Types, object>;
type Row<Name extends RecordName> = Types["PrismaTypes"][Name]["Shape"];

/**
 * What every record write declares besides its type and description: only writers may call it,
 * its refusals come back as the payload union's error members, and it takes one `input`, parsed
 * with `schema` first thing in the resolver (so a refusal is a typed InputError, after the role
 * check) and handed to `resolve`. Spread into `t.field({ type, description, ...writeOf(...) })`.
 */
export function writeOf<Input extends InputObjectRef<Types, unknown>, S extends z.ZodType, Result>(
  t: MutationFieldBuilder,
  input: Input,
  schema: S,
  resolve: (input: z.output<S>, ctx: Context) => Result,
) {
  return {
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: input, description: "What to write." }) },
    resolve: (_root: unknown, args: { input: unknown }, ctx: Context) =>
      resolve(parseInput(schema, args.input), ctx),
  };
}

/**
 * What the writes need of a record's Prisma delegate (in or out of a transaction). Spelled out so
 * one helper serves every record; each module passes `(db) => db.<model>`.
 */
interface WriteDelegate<Name extends RecordName, Data> {
  findFirst(args: {
    where: { id: number } & ReturnType<typeof scopedUnitWhere>;
  }): PromiseLike<Row<Name> | null>;
  findUniqueOrThrow(args: { where: { id: number } }): PromiseLike<Row<Name>>;
  update(args: { where: { id: number }; data: Data }): PromiseLike<Row<Name>>;
  delete(args: { where: { id: number } }): PromiseLike<Row<Name>>;
}

/** A write's result and what the audit log keeps of it; the record's id and unit are the result's. */
interface RecordChange<Result> {
  result: Result;
  before: unknown;
  after: unknown;
}

function outcome<Result extends { id: number; unitId: number }>(change: RecordChange<Result>) {
  return { ...change, id: change.result.id, unitId: change.result.unitId };
}

/**
 * The lookups and write paths of one record kind, each through runWrite (scope, audit,
 * idempotency, change event): a module keeps only its fields, rules and the data it writes.
 */
export function recordWrites<Name extends RecordName, Data>(
  name: Name,
  delegate: (db: Tx) => WriteDelegate<Name, Data>,
) {
  type Record = Row<Name>;

  /** The record in the caller's scope; NotFoundError otherwise (as for a missing one). */
  async function visible(ctx: Context, id: number): Promise<Record> {
    const row = await delegate(ctx.db.prisma).findFirst({ where: { id, ...scopedUnitWhere(ctx) } });
    if (!row) throw notFound(name, id);
    return row;
  }

  /** Re-reads a written record by id (after the write, or when a retry is answered). */
  const load = (ctx: Context) => (id: number) =>
    delegate(ctx.db.prisma).findUniqueOrThrow({ where: { id } }) as Promise<Record>;

  /** One write of this record through runWrite, answering with the record as `load` reads it. */
  function run(
    ctx: Context,
    spec: Omit<WriteSpec, "entity">,
    write: (tx: Tx) => Promise<RecordChange<Record>>,
  ) {
    return runWrite(
      ctx,
      { ...spec, entity: name },
      async (tx) => outcome(await write(tx)),
      load(ctx),
    );
  }

  /** A new record, made by `make` inside the write's transaction. */
  function create(
    ctx: Context,
    spec: { operation: string; idempotencyKey?: string | null; unitId: number },
    make: (tx: Tx) => Promise<Record>,
  ) {
    const { unitId, ...rest } = spec;
    return run(ctx, { ...rest, action: "created", unitIds: [unitId] }, async (tx) => {
      const row = await make(tx);
      return { result: row, before: null, after: row };
    });
  }

  /**
   * A change of the record `current` (looked up in the caller's scope). `movedTo`, given by a
   * write that may move the record, is its unit after the change: both units are checked and told.
   */
  function change(
    ctx: Context,
    spec: {
      operation: string;
      idempotencyKey?: string | null;
      current: { id: number; unitId: number };
      movedTo?: number;
    },
    write: (tx: Tx) => Promise<RecordChange<Record>>,
  ) {
    const { current, movedTo, ...rest } = spec;
    const unitIds = movedTo === undefined ? [current.unitId] : [current.unitId, movedTo];
    return run(ctx, { ...rest, action: "updated", unitIds, recordId: current.id }, write);
  }

  /**
   * A correction from its parsed input: the record's id, the retry key and the given fields
   * (absent ones stay). `current` is the record when the caller already looked it up (to check
   * the corrected whole); `check` runs first in the transaction (e.g. that a named theme exists).
   * The audit log keeps the row before and after.
   */
  async function correct(
    ctx: Context,
    input: Data & { id: number; idempotencyKey?: string | null; unitId?: number },
    options: { current?: Record; check?: (tx: Tx) => Promise<void> } = {},
  ) {
    const { id, idempotencyKey, ...data } = input;
    const current = options.current ?? (await visible(ctx, id));
    const movedTo = data.unitId ?? current.unitId;
    return change(
      ctx,
      { operation: `correct${name}`, idempotencyKey, current, movedTo },
      async (tx) => {
        await options.check?.(tx);
        const before = await delegate(tx).findUniqueOrThrow({ where: { id } });
        const row = await delegate(tx).update({ where: { id }, data: data as Data });
        return { result: row, before, after: row };
      },
    );
  }

  /**
   * The input `Delete<Name>Input` (made now, where the module calls this, since the printed
   * schema lists types in the order they are made) and the `delete<Name>` mutation using it,
   * answering with the deleted record's global id. `remove` deletes the record inside the
   * transaction, with anything that must go or be untied with it.
   */
  function deletion(inputDescription: string, idDescription: string) {
    const inputName: string = `Delete${name}Input`; // plain string: see record-reads.ts
    const input = builder.inputType(inputName, {
      description: inputDescription,
      fields: (t) => ({
        id: t.id({ description: idDescription }),
        idempotencyKey: t.string({
          required: false,
          description:
            "Client key for retries: a retry answers as the first did, even though the record is gone.",
        }),
      }),
    });
    const schema = z.object({ id: globalIdOf(name), idempotencyKey });
    return (
      t: MutationFieldBuilder,
      description: string,
      remove: (tx: Tx, id: number) => Promise<Record> = (tx, id) =>
        delegate(tx).delete({ where: { id } }) as Promise<Record>,
    ) =>
      t.field({
        type: "ID",
        description,
        ...writeOf(t, input, schema, ({ id, idempotencyKey: key }, ctx) =>
          deleteRecord(
            ctx,
            { operation: `delete${name}`, entity: name, idempotencyKey: key },
            () => visible(ctx, id),
            (tx) => remove(tx, id),
          ),
        ),
      });
  }

  return { visible, load, create, change, correct, deletion };
}
