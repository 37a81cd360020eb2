// The WHERE conditions of a query's filters, each applied to the sources whose rows have its field.
import { Prisma } from "@d05/prisma";
import type { Source } from "../measures";
import { col } from "./sql";
import type { Filters } from "./types";

function inList(column: Prisma.Sql, values: readonly (string | number)[] | null | undefined) {
  if (!values || values.length === 0) return null;
  return Prisma.sql`${column}::text IN (${Prisma.join(values.map(String))})`;
}

function inListIgnoringCase(column: Prisma.Sql, values: readonly string[] | null | undefined) {
  if (!values || values.length === 0) return null;
  return Prisma.sql`lower(${column}) IN (${Prisma.join(values.map((v) => v.trim().toLowerCase()))})`;
}

export function filterConditions(source: Source, f: Filters): Prisma.Sql[] {
  const conds: (Prisma.Sql | null)[] = [];
  if (source === "activity") {
    conds.push(inList(col("r", "kind"), f.activityKinds));
    conds.push(inList(col("r", "themeId"), f.themeIds));
  } else if (source === "award") {
    conds.push(inList(col("r", "level"), f.awardLevels));
    conds.push(inList(col("r", "form"), f.awardForms));
    conds.push(inList(col("r", "recipientKind"), f.recipientKinds));
    conds.push(inList(col("r", "ground"), f.awardGrounds));
    conds.push(inList(col("r", "themeId"), f.themeIds));
  } else if (
    source === "modelDay" ||
    source === "modelStock" ||
    source === "modelStatus" ||
    source === "contribution"
  ) {
    conds.push(inList(col("r", "sector"), f.sectors));
    // Only the per-model tables have these columns; sourceTable picks them when these are set.
    conds.push(inListIgnoringCase(col("r", "programme"), f.programmes));
    conds.push(inList(col("r", "leadOrganisation"), f.leadOrganisations));
    conds.push(inList(col("r", "modelLevel"), f.modelLevels));
  }
  return conds.filter((c): c is Prisma.Sql => c !== null);
}
