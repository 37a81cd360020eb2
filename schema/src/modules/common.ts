import type { Prisma } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { z } from "zod";
import type { Context } from "../context";
import { textOf } from "../domain/messages";
import { fieldIssueOf, InputError, issueOf, NotFoundError } from "../errors";
import { globalIdOf, parseGlobalId } from "../ids";

// Below modules/ (the record rules use them too); re-exported for the modules.
export { globalIdOf, parseGlobalId };

import { unitSubtreeWhere, visibleUnitsWhere } from "../scope";
import { isStorableText, searchable } from "../validation";

export function globalId(typename: string, id: number): string {
  return encodeGlobalID(typename, id);
}

/**
 * Filters are lenient: an id that is not of the right kind matches nothing (an empty page), the
 * same as a unit outside the caller's scope, so a list never tells more than "nothing here". Text
 * that is no id at all is refused (InvalidIdError), as everywhere.
 */
export const NO_MATCH_ID = -1;
export function filterIdOf(typename: string, value: string | number | null | undefined) {
  if (value === null || value === undefined) return undefined;
  return parseGlobalId(value, typename) ?? NO_MATCH_ID;
}

/** The lookup helper writes share: a record of `entity` counts only when the viewer may see it. */
export function notFound(entity: string, id: number): NotFoundError {
  return new NotFoundError(entity, globalId(entity, id));
}

/**
 * Records visible to the viewer, optionally narrowed to the subtree under `underUnitId`. Both
 * conditions apply together, so naming a unit outside the viewer's scope yields nothing.
 */
export function scopedUnitWhere(
  ctx: Context,
  underUnitId?: number,
): { AND: { unit: Prisma.UnitWhereInput }[] } {
  const parts: { unit: Prisma.UnitWhereInput }[] = [{ unit: visibleUnitsWhere(ctx) }];
  if (underUnitId !== undefined) parts.push({ unit: unitSubtreeWhere(underUnitId) });
  return { AND: parts };
}

/**
 * Where of a record loaded by its global id (`node`, `nodes`): only inside the viewer's subtree,
 * nothing without a viewer. Every prismaNode of a unit's records uses it, so a global id of
 * another unit's record reads as null, like a missing one.
 */
export function nodeInScopeWhere(ctx: Context): { unit: Prisma.UnitWhereInput } {
  return { unit: ctx.viewer ? visibleUnitsWhere(ctx) : { id: { in: [] } } };
}

/**
 * The Pothos `query` of a mutation's prismaField, usable by Prisma: when the caller selects no
 * column of the result (only `__typename` of the payload union), Pothos hands over an empty
 * `select`, which Prisma refuses, failing a write that has already committed.
 */
export function selectingSomething<Q extends { select?: object }>(query: Q): Q {
  return query.select && Object.keys(query.select).length === 0
    ? { ...query, select: { id: true } }
    : query;
}

/** `{ gte, lte }` on a date column, or undefined when neither bound is given. */
export function dateRangeWhere(
  from: Date | null | undefined,
  to: Date | null | undefined,
): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
}

/**
 * What a `search` argument asks for, ready for Prisma's `contains` / `startsWith`; undefined when
 * blank. Prisma hands those to PostgreSQL's (I)LIKE without escaping its wildcards, so a search for
 * "%" or "_" matched everything: they (and the escape character, PostgreSQL's default backslash)
 * are escaped here, and a search finds the text typed, nothing else.
 */
export function searchPattern(search: string | null | undefined): string | undefined {
  const q = search === null || search === undefined ? "" : searchable(search).trim().slice(0, 200);
  return q ? q.replace(/[\\%_]/g, (c) => `\\${c}`) : undefined;
}

/** Case-insensitive "contains" on a text column, or undefined for a blank search. */
export function textSearch(search: string | null | undefined): Prisma.StringFilter | undefined {
  const pattern = searchPattern(search);
  return pattern ? { contains: pattern, mode: "insensitive" } : undefined;
}

/**
 * A per-request batch loader: every `load(ctx, key)` issued while GraphQL resolves one level of a
 * page is answered by one `batch` call, so a list of N records costs one query, not N.
 * Dispatch waits for setImmediate, i.e. until the resolvers of the current level have all run.
 */
export function batchLoader<K, V>(
  batch: (ctx: Context, keys: K[]) => Promise<Map<K, V>>,
  missing: V,
) {
  interface Waiter {
    resolve: (value: V) => void;
    reject: (error: unknown) => void;
  }
  const queues = new WeakMap<Context, Map<K, Waiter[]>>();
  return (ctx: Context, key: K): Promise<V> =>
    new Promise<V>((resolve, reject) => {
      let queue = queues.get(ctx);
      if (!queue) {
        const fresh = new Map<K, Waiter[]>();
        queue = fresh;
        queues.set(ctx, fresh);
        setImmediate(() => {
          queues.delete(ctx);
          batch(ctx, [...fresh.keys()]).then(
            (values) => {
              for (const [k, waiters] of fresh) {
                for (const w of waiters) w.resolve(values.get(k) ?? missing);
              }
            },
            (error: unknown) => {
              for (const waiters of fresh.values()) for (const w of waiters) w.reject(error);
            },
          );
        });
      }
      const waiters = queue.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else queue.set(key, [{ resolve, reject }]);
    });
}

/** InputError unless the theme exists (themes are shared by every unit, so no scope applies). */
export async function assertThemeExists(
  tx: Prisma.TransactionClient,
  themeId: number | null | undefined,
  path: string[] = ["input", "themeId"],
): Promise<void> {
  if (themeId === null || themeId === undefined) return;
  const theme = await tx.theme.findUnique({ where: { id: themeId }, select: { id: true } });
  if (!theme) throw new InputError([issueOf(path, "noSuchTheme")]);
}

/** Paths of the strings in `value` that cannot be stored as text (see isStorableText). */
function unstorableStrings(value: unknown, path: string[]): string[][] {
  if (typeof value === "string") return isStorableText(value) ? [] : [path];
  if (Array.isArray(value))
    return value.flatMap((v, i) => unstorableStrings(v, [...path, String(i)]));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => unstorableStrings(v, [...path, k]));
  }
  return [];
}

/**
 * Validates a mutation's `input` with its zod schema; failures become one InputError naming every
 * offending field (["input", "attendance"]).
 *
 * Why not `.validate(schema)` on the input type: plugin-validation runs as an arg mapper, outside
 * the resolver that plugin-errors wraps, so its error would escape the typed union (a masked
 * "Unexpected error.") unless the builder sets `errors.unsafelyHandleInputErrors`. Parsing first
 * thing in the resolver gives the same InputError, after the role check.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  /** Top-level fields holding raw file content, checked by their own parser (which can name lines). */
  rawFields: string[] = [],
): z.output<S> {
  const checked =
    rawFields.length && value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).filter(([key]) => !rawFields.includes(key)))
      : value;
  const unstorable = unstorableStrings(checked, ["input"]);
  if (unstorable.length > 0) {
    const unstorableText = textOf("unstorable");
    throw new InputError(
      unstorable.map((path) => ({ path, message: unstorableText.vi, en: unstorableText.en })),
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(result.error.issues.map((issue) => fieldIssueOf(issue, ["input"])));
}
