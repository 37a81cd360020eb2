// One page of records under a unit as a table (models, awards, activities, commitments): the
// query refetches when live figures change, "Xem thêm" asks for the next page, the table exports
// to CSV, and each row has its buttons (correct, delete, history: RecordActions). A list view
// gives only what is particular to its record: its query and filter, where the connection is,
// its columns, and what a row is called.
import { useState } from "react";
import type { AnyVariables, DocumentInput } from "urql";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { RecordKind } from "../lib/recordFields";
import { columnsOf } from "./columns";
import { DataState } from "./DataState";
import { type Column, DataTable } from "./DataTable";
import { RecordActions } from "./RecordActions";

const PAGE = 50;

/** What a record connection answers with (see graphql/records.ts). */
export interface RecordPage<Row> {
  totalCount?: number | null;
  pageInfo: { hasNextPage: boolean };
  edges: readonly { node: Row }[];
}

/** A row of a record list: a record with its unit. */
type RecordRow = { id: string; unit: { id: string } } & Record<string, unknown>;

interface Props<Data, Variables extends AnyVariables, Row extends RecordRow> {
  query: DocumentInput<Data, Variables>;
  /** The list's filter; `first` grows page by page. */
  filter: Variables extends { filter?: infer Filter } ? Filter : never;
  page: (data: Data) => RecordPage<Row> | undefined;
  title: string;
  /** The line under the title, given the total; "N bản ghi" unless said otherwise. */
  caption?: (total: number) => string;
  /** The columns, built with the list's column kinds (text, date, number, label). */
  columns: (column: ReturnType<typeof columnsOf<Row>>) => Column<Row>[];
  /** Which record the rows are (what their buttons correct and delete). */
  kind: RecordKind;
  /** What a row is called in its dialogs' titles. */
  name: (row: Row) => string;
  /** The unit the list is under: a correction may move a record to any unit below it. */
  unitId: string;
}

export function RecordList<Data, Variables extends AnyVariables, Row extends RecordRow>({
  query,
  filter,
  page,
  title,
  caption,
  columns,
  kind,
  name,
  unitId,
}: Props<Data, Variables, Row>) {
  const { t, lang } = useI18n();
  const [pages, setPages] = useState(1);
  const [result, reexecute] = useFreshQuery<Data, Variables>({
    query,
    variables: { filter, first: PAGE * pages } as unknown as Variables,
  });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  const connection = result.data ? page(result.data) : undefined;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={connection}
      isEmpty={(c) => c.edges.length === 0}
      onRetry={refresh}
    >
      {(c) => {
        const total = c.totalCount ?? c.edges.length;
        return (
          <DataTable<Row>
            title={title}
            caption={caption ? caption(total) : t("table.records", { count: total })}
            rows={c.edges.map((e) => e.node)}
            rowKey={(row) => row.id}
            columns={[
              ...columns(columnsOf<Row>(lang)),
              {
                key: "actions",
                header: t("record.actions"),
                render: (row) => (
                  <RecordActions
                    kind={kind}
                    row={row}
                    name={name(row)}
                    unitId={unitId}
                    onChanged={refresh}
                  />
                ),
                csv: () => null,
                screenOnly: true,
              },
            ]}
            footer={
              c.pageInfo.hasNextPage ? (
                <button type="button" className="button" onClick={() => setPages(pages + 1)}>
                  {t("models.more")}
                </button>
              ) : undefined
            }
          />
        );
      }}
    </DataState>
  );
}
