// The mapping an account used last for a kind of import and a file's headers (ghép cột đã nhớ).
// A commune sends the same sheet every month; its reporter maps the columns once, and the next
// file with the same headers comes back mapped, from any browser. Kept on the server, per account:
// the office's computer is often shared or replaced, and a memory in one browser was lost with it.
import type { Prisma } from "@d05/prisma";
import type { Context } from "../context";
import { normalise } from "./columns";
import type { FieldMapping } from "./mapping";

/** The headers as one key: case, diacritics, spacing and punctuation do not tell files apart. */
export function headerKey(headers: readonly string[]): string {
  return headers.map(normalise).join("|");
}

/** Keeps the mapping a successful import used, replacing the one kept for the same headers. */
export async function rememberMapping(
  ctx: Context,
  userId: number,
  kind: string,
  headers: readonly string[],
  mapping: readonly FieldMapping[],
): Promise<void> {
  const key = { userId, kind, headerKey: headerKey(headers) };
  const stored = mapping.map(({ field, columns, constant }) => ({ field, columns, constant }));
  await ctx.db.prisma.importMapping.upsert({
    where: { userId_kind_headerKey: key },
    create: { ...key, mapping: stored as Prisma.InputJsonValue },
    update: { mapping: stored as Prisma.InputJsonValue },
  });
}

/**
 * The mapping this account kept for the same kind and headers, or null. A kept mapping that no
 * longer fits the file (a column position past its end) is not offered.
 */
export async function recallMapping(
  ctx: Context,
  userId: number,
  kind: string,
  headers: readonly string[],
): Promise<FieldMapping[] | null> {
  if (headers.length === 0) return null;
  const row = await ctx.db.prisma.importMapping.findUnique({
    where: { userId_kind_headerKey: { userId, kind, headerKey: headerKey(headers) } },
    select: { mapping: true },
  });
  if (!row || !Array.isArray(row.mapping)) return null;
  const mapping = row.mapping as unknown as FieldMapping[];
  const fits = mapping.every(
    (m) =>
      typeof m.field === "string" &&
      Array.isArray(m.columns) &&
      m.columns.every((c) => Number.isInteger(c) && c >= 0 && c < headers.length),
  );
  return fits ? mapping : null;
}
