// The reads every record kind (activities, models, awards, commitments) answers alike: an order
// enum, a filter input, `<record>(id:)` and the `<records>` connection. A record module gives
// only what is particular to it (its orders, its filter fields and their where), and
// `recordReads` builds the rest, so the four lists page, scope and count the same way.
import type { PrismaClient } from "@d05/prisma";
import type { InputFieldMap, InputShapeFromFields, SchemaTypes } from "@pothos/core";
import { builder } from "../builder";
import type { Context } from "../context";
import {
  dateRangeWhere,
  filterIdOf,
  nodeInScopeWhere,
  parseGlobalId,
  scopedUnitWhere,
} from "./common";

/** The schema's Pothos types, for helpers that take a field builder. */
export type SchemaTypesOf =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;
type Types = SchemaTypesOf;
type FilterFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, "InputObject">;

/** The record kinds with a list of their own; each is a Prisma model and a GraphQL node. */
export type RecordName = "Activity" | "Award" | "Model" | "Commitment";
type Row<Name extends RecordName> = Types["PrismaTypes"][Name]["Shape"];

/**
 * What the reads need of a record's Prisma delegate. Spelled out (rather than the delegate's own
 * generic signatures) so one helper serves every record; each module passes `(db) => db.<model>`.
 */
export interface RecordDelegate<Name extends RecordName, Where, OrderBy> {
  findFirst(args: { where: Where }): PromiseLike<Row<Name> | null>;
  findMany(args: { where: Where; orderBy: OrderBy[] }): PromiseLike<Row<Name>[]>;
  count(args: { where: Where }): PromiseLike<number>;
}

type QueryFieldRef = ReturnType<PothosSchemaTypes.QueryFieldBuilder<Types, object>["id"]>;
interface LooseRecordFields {
  prismaField(options: object): QueryFieldRef;
  prismaConnection(options: object, connection: object): QueryFieldRef;
}

/**
 * How `node(id:)` finds a record: by its id, only inside the viewer's subtree, so a record
 * outside it answers null as a missing one does. Spread into `builder.prismaNode(name, {...})`.
 */
export const nodeInScope = {
  id: { field: "id" },
  nullable: true,
  findUnique: (id: string, ctx: Context) => ({ id: Number(id), ...nodeInScopeWhere(ctx) }),
} as const;

/** The same for a part of a model (its history, its contributions): in scope through its model. */
export const modelPartInScope = {
  id: { field: "id" },
  nullable: true,
  findUnique: (id: string, ctx: Context) => ({ id: Number(id), model: nodeInScopeWhere(ctx) }),
} as const;

/** What timestampFields needs of a node's field builder (every object kind's `t` has it). */
interface TimestampFieldBuilder<Ref> {
  field(options: {
    type: "DateTime";
    description: string;
    resolve: (row: { createdAt: Date; updatedAt: Date }) => Date;
  }): Ref;
}

/** A record's `createdAt` ("When it was recorded.", or `created` for another verb) and `updatedAt`. */
export function timestampFields<Ref>(t: TimestampFieldBuilder<Ref>, created = "recorded") {
  return {
    createdAt: t.field({
      type: "DateTime",
      description: `When it was ${created}.`,
      resolve: (row) => row.createdAt,
    }),
    updatedAt: t.field({
      type: "DateTime",
      description: "When it last changed.",
      resolve: (row) => row.updatedAt,
    }),
  };
}

/** One value of a record's order enum: what it says, and the Prisma order it reads with. */
export interface RecordOrderValue<OrderBy> {
  description: string;
  orderBy: OrderBy[];
}

export interface RecordReadsSpec<
  Name extends RecordName,
  Where extends object,
  OrderBy,
  OrderKey extends string,
  Fields extends InputFieldMap,
> {
  /** Prisma model and GraphQL type, e.g. "Activity". */
  name: Name;
  /** How a description names one record and a list of them: "activity", "an activity list". */
  noun: string;
  listNoun: string;
  /**
   * The record's date: the first orders, DATE_DESC (the default) and DATE_ASC, read by its
   * `columns`; with `filterVerb` ("Occurred"), the filter's `from`/`to` ("Occurred on or after
   * this day.") narrow the first column.
   */
  dates: {
    // Plain strings: typed by the delegate's order, they would defeat TypeScript's inference of
    // it; a wrong name fails every read of the list, which the record tests make.
    columns: string[];
    newest: string;
    oldest: string;
    filterVerb?: string;
  };
  /** The other values of the order enum, in the order the schema lists them. */
  orders: Record<OrderKey, RecordOrderValue<NoInfer<OrderBy>>>;
  /** Description of the connection's `orderBy` argument. */
  orderDescription?: string;
  /** The filter's own fields; `underUnitId` (the subtree to read) comes first for every record. */
  filterFields: (t: FilterFieldBuilder) => Fields;
  /** The where of the filter's own fields; the caller's scope and `underUnitId` are added here. */
  where: (filter: InputShapeFromFields<Fields> | null | undefined) => Where;
  /** The query fields: `activity(id:)` and `activities`, with the list's description. */
  byIdField: string;
  listField: string;
  listDescription: string;
  /** The node's one page type (connectionOf), shared with every other list of it. */
  connection: object;
  delegate: (db: PrismaClient) => RecordDelegate<Name, NoInfer<Where>, OrderBy>;
}

/**
 * The order enum `<Name>Order` (every order ends on the id, so pages are stable) and the filter
 * input `<Name>Filter`, then the query fields `<record>(id:)` and `<records>`, in this order (the
 * printed schema lists types in the order they are made).
 */
export function recordReads<
  Name extends RecordName,
  Where extends object,
  OrderBy,
  OrderKey extends string,
  Fields extends InputFieldMap,
>(spec: RecordReadsSpec<Name, Where, OrderBy, OrderKey, Fields>) {
  type Key = OrderKey | "DATE_DESC" | "DATE_ASC";
  const { columns, newest, oldest, filterVerb } = spec.dates;
  const byDate = (direction: "asc" | "desc") =>
    [...columns, "id"].map((column) => ({ [column]: direction })) as OrderBy[];
  const orders: Record<Key, RecordOrderValue<OrderBy>> = {
    DATE_DESC: { description: newest, orderBy: byDate("desc") },
    DATE_ASC: { description: oldest, orderBy: byDate("asc") },
    ...spec.orders,
  };
  const orderKeys = Object.keys(orders) as Key[];
  const defaultOrder: Key = "DATE_DESC";
  // Names typed plainly `string`: Pothos reads a literal type as a reference to a known type.
  const orderName: string = `${spec.name}Order`;
  const filterName: string = `${spec.name}Filter`;
  const OrderEnum = builder.enumType(orderName, {
    description: `Order of ${spec.listNoun}; ties are broken by id so pages are stable.`,
    values: Object.fromEntries(
      orderKeys.map((key) => [key, { description: orders[key].description }]),
    ) as Record<Key, { description: string }>,
  });

  const Filter = builder.inputType(filterName, {
    description: `Narrows ${spec.listNoun}. Everything is also limited to the caller's unit subtree.`,
    fields: (t) => ({
      underUnitId: t.id({
        required: false,
        description:
          "Only units under this one, itself included (default: the caller's scope root).",
      }),
      ...(filterVerb && {
        from: t.field({
          type: "Date",
          required: false,
          description: `${filterVerb} on or after this day.`,
        }),
        to: t.field({
          type: "Date",
          required: false,
          description: `${filterVerb} on or before this day.`,
        }),
      }),
      ...spec.filterFields(t),
    }),
  });

  type FilterShape = InputShapeFromFields<Fields> & {
    underUnitId?: string | number | null;
    from?: Date | null;
    to?: Date | null;
  };
  type ListArgs = { filter?: FilterShape | null; orderBy?: Key | null };
  const where = (ctx: Context, filter: FilterShape | null | undefined): Where => ({
    ...scopedUnitWhere(ctx, filterIdOf("Unit", filter?.underUnitId)),
    ...(filterVerb && { [columns[0] as string]: dateRangeWhere(filter?.from, filter?.to) }),
    ...spec.where(filter),
  });

  builder.queryFields((t) => {
    // Pothos types a Prisma field by its literal model name and cannot resolve the shapes for a
    // name that is a type parameter; the two fields are built through this plainer view of `t`,
    // and the spec's types (delegate, where, orders) are what is checked.
    const fields = t as unknown as LooseRecordFields;
    return {
      [spec.byIdField]: fields.prismaField({
        type: spec.name,
        nullable: true,
        description: `One ${spec.noun} by id, or null if it does not exist or is outside your scope.`,
        args: { id: t.arg.id({ description: `Global id of the ${spec.noun}.` }) },
        resolve: (query: object, _root: unknown, args: { id: string }, ctx: Context) => {
          const id = parseGlobalId(args.id, spec.name);
          if (id === null) return null;
          return spec
            .delegate(ctx.db.prisma)
            .findFirst({ ...query, where: { id, ...scopedUnitWhere(ctx) } as Where });
        },
      }),
      [spec.listField]: fields.prismaConnection(
        {
          type: spec.name,
          cursor: "id",
          description: spec.listDescription,
          args: {
            filter: t.arg({
              type: Filter,
              required: false,
              description: "Which records (default: all in your scope).",
            }),
            orderBy: t.arg({
              type: OrderEnum,
              defaultValue: defaultOrder as never,
              description: spec.orderDescription ?? "Order.",
            }),
          },
          resolve: (query: object, _root: unknown, args: ListArgs, ctx: Context) =>
            spec.delegate(ctx.db.prisma).findMany({
              ...query,
              where: where(ctx, args.filter),
              orderBy: orders[args.orderBy ?? defaultOrder].orderBy,
            }),
          totalCount: (_conn: unknown, args: ListArgs, ctx: Context) =>
            spec.delegate(ctx.db.prisma).count({ where: where(ctx, args.filter) }),
        },
        spec.connection,
      ),
    };
  });
}
