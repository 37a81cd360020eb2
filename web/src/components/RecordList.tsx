// One page of records under a unit as a table (models, awards, activities): the query refetches
// when live figures change, "Xem thêm" asks for the next page, and the table exports to CSV.
// A list view gives only what is particular: its query, where the connection is, its columns.
import { type ReactNode, useState } from "react";
import type { AnyVariables, DocumentInput } from "urql";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import { DataState } from "./DataState";
import { type Column, DataTable } from "./DataTable";

const PAGE = 50;

/** What a record connection answers with (see graphql/records.ts). */
export interface RecordPage<Row> {
  totalCount?: number | null;
  pageInfo: { hasNextPage: boolean };
  edges: readonly { node: Row }[];
}

interface Props<Data, Variables extends AnyVariables, Row> {
  query: DocumentInput<Data, Variables>;
  /** Everything but `first`, which the list grows page by page. */
  variables: Omit<Variables, "first">;
  page: (data: Data) => RecordPage<Row> | undefined;
  title: string;
  /** The line under the title, given the total; "N bản ghi" unless said otherwise. */
  caption?: (total: number) => string;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** A row's buttons (correct, delete…), given how to ask the list again after a change. */
  actions?: (row: Row, refresh: () => void) => ReactNode;
}

export function RecordList<Data, Variables extends AnyVariables, Row>({
  query,
  variables,
  page,
  title,
  caption,
  columns,
  rowKey,
  actions,
}: Props<Data, Variables, Row>) {
  const { t } = useI18n();
  const [pages, setPages] = useState(1);
  const [result, reexecute] = useFreshQuery<Data, Variables>({
    query,
    variables: { ...variables, first: PAGE * pages } as unknown as Variables,
  });
  const connection = result.data ? page(result.data) : undefined;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={connection}
      isEmpty={(c) => c.edges.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(c) => {
        const total = c.totalCount ?? c.edges.length;
        return (
          <DataTable<Row>
            title={title}
            caption={caption ? caption(total) : t("table.records", { count: total })}
            rows={c.edges.map((e) => e.node)}
            rowKey={rowKey}
            columns={
              actions
                ? [
                    ...columns,
                    {
                      key: "actions",
                      header: t("record.actions"),
                      render: (row) =>
                        actions(row, () => reexecute({ requestPolicy: "network-only" })),
                      csv: () => null,
                      screenOnly: true,
                    },
                  ]
                : columns
            }
            footer={
              c.pageInfo.hasNextPage ? (
                <div className="table-footer">
                  <button type="button" className="button" onClick={() => setPages(pages + 1)}>
                    {t("models.more")}
                  </button>
                </div>
              ) : undefined
            }
          />
        );
      }}
    </DataState>
  );
}
