// The pieces the report's sections are written with: a paragraph of runs, the "so với cùng kỳ"
// note, lists of keyed figures, a table closed by its total row, a chart beside cùng kỳ.
import type { Block, TableColumn } from "./document";
import type { KeyedFigures } from "./figures";
import { changeText } from "./numbers";
import type { ChartTag } from "./template-data";

export const compared = (value: number | null, previous: number | null) => {
  const text = changeText(value, previous);
  return text ? ` (${text}${text.startsWith("cùng kỳ") ? "" : " so với cùng kỳ"})` : "";
};

/** "Xây dựng Đảng …" → "xây dựng Đảng …": proper nouns inside keep their capitals. */
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi-VN") + s.slice(1);

export const p = (...runs: (string | { text: string; bold?: boolean })[]): Block => ({
  kind: "paragraph",
  runs: runs.map((r) => (typeof r === "string" ? { text: r } : r)),
});

export function listOf(rows: KeyedFigures[], index: number, unit: (n: number) => string): string {
  return rows
    .filter((r) => (r.values[index]?.value ?? 0) > 0)
    .map((r) => `${lowerFirst(r.label)} ${unit(r.values[index]?.value ?? 0)}`)
    .join(", ");
}

/** A table of figures: one row per group, then the total row ("Tổng cộng"). */
export function tableWithTotal(
  caption: string,
  columns: TableColumn[],
  rows: string[][],
  total: string[],
): Block {
  return {
    kind: "table",
    caption,
    columns,
    rows: [...rows.map((cells) => ({ cells })), { total: true, cells: ["Tổng cộng", ...total] }],
  };
}

/** A chart of each row's first figure in the span beside the same figure in cùng kỳ. */
export function comparedChart(tag: ChartTag, title: string, rows: KeyedFigures[]): Block {
  return {
    kind: "chart",
    tag,
    chart: {
      title,
      categories: rows.map((r) => r.label),
      series: [
        { name: "Kỳ báo cáo", values: rows.map((r) => r.values[0]?.value ?? 0) },
        { name: "Cùng kỳ", values: rows.map((r) => r.values[0]?.previous ?? 0) },
      ],
    },
  };
}
