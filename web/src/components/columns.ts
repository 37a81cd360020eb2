// The table columns the record lists share: text, a date, a number, a label from an enum table.
// Each shows the value the Vietnamese way and writes the raw value (or the label) to CSV.
// `columnsOf<AwardNode>(lang)` binds the row type and the language once per table (RecordList
// binds them for the record lists).
import { formatDate, formatNumber, type Lang } from "../lib/format";
import { label } from "../lib/labels";
import type { Column } from "./DataTable";

type LabelTable = Record<string, { vi: string; en: string }>;
type Get<Row, Value> = (row: Row) => Value | null | undefined;

export function columnsOf<Row>(lang: Lang) {
  return {
    text(key: string, header: string, value: Get<Row, string>): Column<Row> {
      return { key, header, render: (row) => value(row) ?? "—", csv: value };
    },
    date(key: string, header: string, value: Get<Row, string>): Column<Row> {
      const text = (row: Row) => formatDate(value(row));
      return { key, header, render: text, csv: text };
    },
    number(key: string, header: string, value: Get<Row, number>): Column<Row> {
      return {
        key,
        header,
        numeric: true,
        render: (row) => formatNumber(value(row), lang),
        csv: value,
      };
    },
    label(key: string, header: string, table: LabelTable, value: Get<Row, string>): Column<Row> {
      const text = (row: Row) => label(table, value(row), lang);
      return { key, header, render: text, csv: text };
    },
  };
}
