// Spreadsheet import: the columns a kind of record expects, and the import itself (a dry run
// first, then the commit), answered with a row-by-row report.
import { WriteErrorFields } from "./fragments";
import { graphql, type ResultOf, type SchemaEnum } from "./tada";

export type RecordImportKind = SchemaEnum<"RecordImportKind">;
export type RecordImportFormat = SchemaEnum<"RecordImportFormat">;

export const RecordImportColumnsQuery = graphql(`
  query RecordImportColumns($kind: RecordImportKind!) {
    recordImportColumns(kind: $kind) {
      field
      header
      english
      description
      required
      numeric
      choices {
        value
        label
      }
    }
  }
`);

export const RecordImportTemplateQuery = graphql(`
  query RecordImportTemplate($kind: RecordImportKind!) {
    recordImportTemplate(kind: $kind)
  }
`);

export type RecordImportColumnSpec = ResultOf<
  typeof RecordImportColumnsQuery
>["recordImportColumns"][number];

export const RecordImportReportFields = graphql(`
  fragment RecordImportReportFields on RecordImportReport {
    ok
    dryRun
    kind
    format
    rowsRead
    created
    errorCount
    errors {
      row
      column
      field
      message
    }
    columns {
      header
      field
    }
    preview {
      row
      cells
      ok
    }
    fileHash
    rememberedMapping {
      field
      columns
      constant
    }
  }
`);

export type RecordImportReport = ResultOf<typeof RecordImportReportFields>;

export const ImportRecordsMutation = graphql(
  `
    mutation ImportRecords($input: ImportRecordsInput!) {
      importRecords(input: $input) {
        __typename
        ... on MutationImportRecordsSuccess {
          data {
            ...RecordImportReportFields
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [RecordImportReportFields, WriteErrorFields],
);
