// Spreadsheet import (nhập dữ liệu từ tệp) of activities, models and awards: CSV or XLSX, checked
// row by row with the single writes' rules, written all or nothing. See docs/IMPORT.md.
import { z } from "zod";
import { builder } from "../builder";
import { inLanguage, says } from "../domain/messages";
import type { ColumnSpec, ImportIssue } from "../import/columns";
import { KIND_SPECS } from "../import/kinds";
import type { FieldMapping } from "../import/mapping";
import type { ImportColumn, PreviewRow } from "../import/plan";
import { recallMapping, rememberMapping } from "../import/remembered-mapping";
import { MAX_REPORTED_ERRORS, type RecordImportReport, runRecordImport } from "../import/run";
import { MAX_IMPORT_ROWS, MAX_SHEET_COLUMNS } from "../import/sheet";
import { buildTemplate } from "../import/template";
import { requireViewer } from "../scope";
import { idempotencyKey } from "../validation";
import { parseInput } from "./common";
import { mutationErrors } from "./errors";

const RecordImportKindEnum = builder.enumType("RecordImportKind", {
  description: "What a spreadsheet import creates (loại dữ liệu nhập).",
  values: {
    ACTIVITIES: { description: "Hoạt động: sessions and their attendance." },
    MODELS: { description: "Mô hình: models, each with an optional contribution." },
    AWARDS: { description: "Khen thưởng: award decisions." },
  } as const,
});

const RecordImportFormatEnum = builder.enumType("RecordImportFormat", {
  description: "File format of an import.",
  values: {
    CSV: {
      description:
        "CSV text in UTF-8 (a BOM is fine), `;` or `,` separated; `content` is the text itself.",
    },
    XLSX: {
      description: "Excel workbook (.xlsx), first worksheet; `content` is the file's base64.",
    },
  } as const,
});

const RecordImportFieldMappingInput = builder.inputType("RecordImportFieldMappingInput", {
  description:
    "One field's source: one column, several numeric columns summed, or one value for every row.",
  fields: (t) => ({
    field: t.string({ description: 'The field, as `recordImportColumns` names it ("cashVnd").' }),
    columns: t.intList({
      required: false,
      description: "Column positions, 0 for the first; several are summed (numeric fields only).",
    }),
    constant: t.string({
      required: false,
      description: 'A value for every row, written as in a cell ("Cấp xã", "Hội Nông dân").',
    }),
  }),
});

const ImportRecordsInput = builder.inputType("ImportRecordsInput", {
  description: `A spreadsheet to import: header row first, at most ${MAX_IMPORT_ROWS.toLocaleString("en")} data rows. All rows are written, or none.`,
  fields: (t) => ({
    kind: t.field({ type: RecordImportKindEnum, description: "What the rows are." }),
    format: t.field({ type: RecordImportFormatEnum, description: "Format of `content`." }),
    content: t.string({ description: "CSV text, or the base64 of an .xlsx file." }),
    dryRun: t.boolean({
      required: false,
      defaultValue: false,
      description: "Check everything and return the report and preview, writing nothing.",
    }),
    idempotencyKey: t.string({
      required: false,
      description:
        "Client key: retrying the same file (and mapping) with the same key returns the first report and writes nothing more. Ignored by dry runs.",
    }),
    mapping: t.field({
      type: [RecordImportFieldMappingInput],
      required: false,
      description:
        "The mapping step (ghép cột): where each field takes its value from. When given, it replaces the matching by headers and the columns it does not name are ignored; a required field needs a column or a constant.",
    }),
  }),
});

const importRecordsSchema = z.object({
  kind: z.enum(["ACTIVITIES", "MODELS", "AWARDS"]),
  format: z.enum(["CSV", "XLSX"]),
  content: z.string().refine((content) => content.length > 0, says("emptyFile")),
  dryRun: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  idempotencyKey: idempotencyKey.transform((v) => v ?? null),
  mapping: z
    .array(
      z.object({
        field: z.string().max(64),
        columns: z
          .array(z.number().int().min(0).max(MAX_SHEET_COLUMNS))
          .max(MAX_SHEET_COLUMNS)
          .nullish()
          .transform((v) => v ?? []),
        constant: z
          .string()
          .max(500)
          .nullish()
          .transform((v) => v ?? null),
      }),
    )
    .max(64)
    .nullish()
    .transform((v) => v ?? null),
});

const RecordImportIssueRef = builder.objectRef<ImportIssue>("RecordImportIssue").implement({
  description: "One problem of an imported file, where it is and what is wrong (lỗi theo dòng).",
  fields: (t) => ({
    row: t.exposeInt("row", {
      description: "Row number as the spreadsheet shows it; the header is row 1.",
    }),
    column: t.exposeString("column", {
      nullable: true,
      description: "Header of the column, as written in the file (or expected, when missing).",
    }),
    field: t.exposeString("field", {
      nullable: true,
      description: 'Field the column feeds, e.g. "attendance".',
    }),
    message: t.string({
      description: "What is wrong, in the caller's language (Vietnamese unless English is asked).",
      // A report kept for a retry before messages had two languages holds the text itself.
      resolve: (issue, _args, ctx) =>
        typeof issue.message === "string"
          ? issue.message
          : inLanguage(issue.message, ctx.lang ?? "vi"),
    }),
  }),
});

const RecordImportColumnRef = builder.objectRef<ImportColumn>("RecordImportColumn").implement({
  description: "A column of the imported file and the field it was mapped to.",
  fields: (t) => ({
    header: t.exposeString("header", { description: "Header as written in the file." }),
    field: t.exposeString("field", {
      nullable: true,
      description: "Field it feeds; null for an ignored column (STT, blank header) or unknown one.",
    }),
  }),
});

const RecordImportPreviewRowRef = builder
  .objectRef<PreviewRow>("RecordImportPreviewRow")
  .implement({
    description: "One of the first rows of the file, as read (xem trước).",
    fields: (t) => ({
      row: t.exposeInt("row", { description: "Row number in the spreadsheet." }),
      cells: t.exposeStringList("cells", {
        description: "Cells as the file shows them, in the order of `columns`.",
      }),
      values: t.field({
        type: "JSON",
        description:
          "Values as understood, by field: enum names, days as YYYY-MM-DD, money as a string of đồng, plus unitName.",
        resolve: (r) => r.values,
      }),
      ok: t.exposeBoolean("ok", {
        description:
          "True when the row has no problem (rows are checked once every column is settled: with a column problem, true and `values` empty).",
      }),
    }),
  });

const RecordImportFieldMappingRef = builder
  .objectRef<FieldMapping>("RecordImportFieldMapping")
  .implement({
    description:
      "One field's source in a mapping (ghép cột), as `RecordImportFieldMappingInput` takes it.",
    fields: (t) => ({
      field: t.exposeString("field", { description: 'The field ("cashVnd").' }),
      columns: t.exposeIntList("columns", {
        description: "Column positions, 0 for the first; several are summed.",
      }),
      constant: t.exposeString("constant", {
        nullable: true,
        description: "A value for every row, when the field has no column.",
      }),
    }),
  });

const RecordImportReportRef = builder
  .objectRef<RecordImportReport>("RecordImportReport")
  .implement({
    description:
      "Outcome of a spreadsheet import (báo cáo nhập dữ liệu). When `ok` is false nothing was written and `errors` lists every problem.",
    fields: (t) => ({
      ok: t.exposeBoolean("ok", { description: "True when every row was accepted." }),
      dryRun: t.exposeBoolean("dryRun", {
        description: "True when nothing was meant to be written.",
      }),
      kind: t.field({
        type: RecordImportKindEnum,
        description: "What the rows are.",
        resolve: (r) => r.kind,
      }),
      format: t.field({
        type: RecordImportFormatEnum,
        description: "Format read.",
        resolve: (r) => r.format,
      }),
      rowsRead: t.exposeInt("rowsRead", {
        description: "Data rows read (blank rows and the header excluded).",
      }),
      created: t.exposeInt("created", {
        description: "Records created (in a dry run: that would be); 0 when `ok` is false.",
      }),
      errorCount: t.exposeInt("errorCount", {
        description: `Problems found; \`errors\` lists the first ${MAX_REPORTED_ERRORS.toLocaleString("en")}.`,
      }),
      errors: t.field({
        type: [RecordImportIssueRef],
        description: "Problems, row by row, in file order; empty when ok.",
        resolve: (r) => r.errors,
      }),
      columns: t.field({
        type: [RecordImportColumnRef],
        description: "The file's columns and how each was mapped.",
        resolve: (r) => r.columns,
      }),
      preview: t.field({
        type: [RecordImportPreviewRowRef],
        description: "The first rows as read, for a preview before importing.",
        resolve: (r) => r.preview,
      }),
      fileHash: t.exposeString("fileHash", {
        description: "SHA-256 of `content`, as the audit log records it.",
      }),
      rememberedMapping: t.field({
        type: [RecordImportFieldMappingRef],
        nullable: true,
        description:
          "The mapping you used last for a file of this kind with the same headers (case, diacritics and punctuation aside), kept by your last successful import with a mapping; null when there is none. Send it as `mapping` to check the file with it.",
        resolve: (r, _args, ctx) =>
          recallMapping(
            ctx,
            requireViewer(ctx).userId,
            r.kind,
            r.columns.map((c) => c.header),
          ),
      }),
    }),
  });

interface ChoiceInfo {
  value: string;
  vi: string;
  en: string;
}

const RecordImportChoiceRef = builder.objectRef<ChoiceInfo>("RecordImportChoice").implement({
  description: "A value an enumerated column takes.",
  fields: (t) => ({
    value: t.exposeString("value", { description: 'The enum value ("COMMUNE").' }),
    label: t.string({
      description: "Its name in the caller's language, as a cell may write it.",
      resolve: (c, _args, ctx) => (ctx.lang === "en" ? c.en : c.vi),
    }),
  }),
});

type ColumnInfo = ColumnSpec;

const RecordImportColumnSpecRef = builder
  .objectRef<ColumnInfo>("RecordImportColumnSpec")
  .implement({
    description: "A column an import understands (for templates and help).",
    fields: (t) => ({
      field: t.exposeString("field", { description: "Field it feeds." }),
      header: t.exposeString("header", { description: "Vietnamese header (tiêu đề cột)." }),
      english: t.exposeString("english", { description: "English header, also accepted." }),
      required: t.exposeBoolean("required", {
        description: "True when the field needs a column (or a value for every row).",
      }),
      description: t.string({
        description: "What the column holds, in the caller's language.",
        resolve: (c, _args, ctx) => inLanguage(c.description, ctx.lang ?? "vi"),
      }),
      numeric: t.boolean({
        description: "True for whole numbers: several columns may be summed into it.",
        resolve: (c) => c.numeric ?? false,
      }),
      choices: t.field({
        type: [RecordImportChoiceRef],
        description: "The values it takes, for an enumeration; empty otherwise.",
        resolve: (c) =>
          c.choices
            ? Object.entries(c.choices.values).map(([value, l]) => ({ value, vi: l.vi, en: l.en }))
            : [],
      }),
    }),
  });

builder.queryField("recordImportColumns", (t) =>
  t.field({
    type: [RecordImportColumnSpecRef],
    description:
      "The columns an import of this kind understands, in template order (cột của tệp mẫu). Headers match ignoring case and diacritics.",
    args: {
      kind: t.arg({ type: RecordImportKindEnum, description: "What the rows are." }),
    },
    resolve: (_root, args) => [...KIND_SPECS[args.kind].columns],
  }),
);

builder.queryField("recordImportTemplate", (t) =>
  t.string({
    description:
      "The template of an import as an .xlsx file, base64 (tệp mẫu): headers, two example rows, drop-down lists for the enumerations and the unit, and a second sheet with your units and their codes.",
    authScopes: { signedIn: true },
    args: {
      kind: t.arg({ type: RecordImportKindEnum, description: "What the rows are." }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const file = await buildTemplate(
        ctx.db.prisma,
        args.kind,
        viewer.scopeUnitId,
        ctx.lang ?? "vi",
      );
      return file.toString("base64");
    },
  }),
);

builder.mutationField("importRecords", (t) =>
  t.field({
    type: RecordImportReportRef,
    description:
      "Imports a spreadsheet of activities, models or awards (nhập từ tệp CSV/XLSX): every row is checked with the rules of the single writes; if any row fails nothing is written and the report lists every problem. Audited once, idempotent with a key.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: {
      input: t.arg({ type: ImportRecordsInput, description: "The file and what it holds." }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(importRecordsSchema, args.input, ["content"]);
      const report = await runRecordImport(ctx, input);
      if (report.ok && !report.dryRun && input.mapping) {
        const headers = report.columns.map((c) => c.header);
        await rememberMapping(ctx, requireViewer(ctx).userId, report.kind, headers, input.mapping);
      }
      return report;
    },
  }),
);
