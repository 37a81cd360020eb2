// The shape of an enumeration's label table (enums.ts) and the helpers that read one: a table
// names every value of one Prisma enum, each with its words in Vietnamese and English.

export type Lang = "vi" | "en";

/** One value's words. */
export interface EnumLabel {
  /** The full Vietnamese name (reports, analytics rows, the import's first name). */
  vi: string;
  en: string;
  /** A shorter Vietnamese name where the dashboard has little room; `vi` otherwise. */
  short?: string;
  /** The GraphQL schema's description of the value. */
  doc: string;
  /** More names a spreadsheet may use for it (the import accepts them). */
  also?: readonly string[];
  /** The noun a live-feed line uses ("3 buổi sinh hoạt chi bộ"); `vi` otherwise. */
  noun?: string;
}

/** A table covering one enumeration exactly: a value added to schema.prisma fails tsc here. */
export interface EnumTable<E extends string> {
  /** The GraphQL enum's name and description. */
  name: string;
  doc: string;
  values: { readonly [K in E]: EnumLabel };
}

/** A table for Prisma's enum object `_values`: tsc checks it names every value, no other. */
export function labelTable<E extends string>(
  _values: Record<string, E>,
  t: EnumTable<NoInfer<E>>,
): EnumTable<E> {
  return t;
}

/** The values of a table, in schema.prisma's order. */
export function valuesOf<E extends string>(t: EnumTable<E>): [E, ...E[]] {
  return Object.keys(t.values) as [E, ...E[]];
}

/** The label of a value in a language; `short` picks the dashboard's compact Vietnamese. */
export function labelOf<E extends string>(
  t: EnumTable<E>,
  value: E,
  lang: Lang,
  options: { short?: boolean } = {},
): string {
  const l = t.values[value];
  if (lang === "en") return l.en;
  return (options.short ? l.short : undefined) ?? l.vi;
}
