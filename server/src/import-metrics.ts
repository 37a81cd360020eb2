import {
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLSchema,
} from "graphql";

/** What an import mutation reports, whichever its kind (records: rowsRead/created; units: created/updated). */
export interface ImportOutcome {
  kind: "records" | "units";
  /** Rows written (created or updated); 0 when refused or a dry run. */
  written: number;
  /** Rows read from the file (records), or written + refused rows (units). */
  read: number;
  /** "written", "refused" (nothing written: errors) or "dry_run". */
  outcome: "written" | "refused" | "dry_run";
}

const IMPORT_FIELDS = { importRecords: "records", importUnits: "units" } as const;

/**
 * The schema with the import mutations' resolvers observed: the row counts of their reports reach
 * `onImport` whether or not the client selected them. Only these two root fields are wrapped (no
 * per-field cost elsewhere); the rest of the schema is the same objects.
 */
export function observeImports(
  schema: GraphQLSchema,
  onImport: (outcome: ImportOutcome) => void,
): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  const config = mutation.toConfig();
  const fields: Record<string, GraphQLFieldConfig<unknown, unknown>> = { ...config.fields };
  for (const [name, kind] of Object.entries(IMPORT_FIELDS)) {
    const field = fields[name];
    if (!field?.resolve) continue;
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    fields[name] = {
      ...field,
      resolve: async (...args) => {
        const result = await resolve(...args);
        const report = reportOf(result);
        if (report) onImport(outcomeOf(kind, report));
        return result;
      },
    };
  }
  const observed = new GraphQLObjectType({ ...config, fields });
  const schemaConfig = schema.toConfig();
  return new GraphQLSchema({
    ...schemaConfig,
    mutation: observed,
    types: schemaConfig.types.map((t) => (t === mutation ? observed : t)),
  });
}

interface Report {
  ok: boolean;
  dryRun: boolean;
  created: number;
  updated?: number;
  rowsRead?: number;
  errors?: unknown[];
}

function reportOf(result: unknown): Report | null {
  const candidate = (result as { data?: unknown } | null)?.data ?? result;
  if (!candidate || typeof candidate !== "object") return null;
  const r = candidate as Partial<Report>;
  return typeof r.ok === "boolean" && typeof r.created === "number" ? (r as Report) : null;
}

function outcomeOf(kind: "records" | "units", r: Report): ImportOutcome {
  const written = r.ok && !r.dryRun ? r.created + (r.updated ?? 0) : 0;
  return {
    kind,
    written,
    read: r.rowsRead ?? r.created + (r.updated ?? 0) + (r.errors?.length ?? 0),
    outcome: r.dryRun ? "dry_run" : r.ok ? "written" : "refused",
  };
}
