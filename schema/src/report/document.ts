// A report as neutral blocks (header, headings, paragraphs, tables, charts, recipients, signature)
// that the Word and PDF writers lay out the same way. Nothing here knows a file format.
import type { ChartTag } from "./template-data";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface TableColumn {
  title: string;
  /** Relative width. */
  width: number;
  align: "left" | "right" | "center";
}

export interface TableRow {
  cells: string[];
  /** A total line (bold). */
  total?: boolean;
  /** A unit that lags or did not report: shaded, with the reason in its last cell. */
  marked?: boolean;
}

export interface ChartSeries {
  name: string;
  values: number[];
}

/** A grouped bar chart: one group of bars per category, one bar per series. */
export interface ChartSpec {
  title: string;
  categories: string[];
  series: ChartSeries[];
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; runs: Run[] }
  /** Text the figures cannot write, left for the office to fill in (marked in the file). */
  | { kind: "placeholder"; text: string }
  | { kind: "table"; caption: string; columns: TableColumn[]; rows: TableRow[]; note?: string }
  /** `tag`: the chart's name in an uploaded template ({%attendanceChart}, template-data.ts). */
  | { kind: "chart"; chart: ChartSpec; tag: ChartTag };

/** Party committees use the Party's header; state bodies the national motto (Nghị định 30/2020). */
export type HeaderStyle = "party" | "state";

export interface ReportHeader {
  style: HeaderStyle;
  /** The body above the issuer, upper case ("ĐẢNG BỘ TỈNH MINH HỌA"); null at the top. */
  parentBody: string | null;
  /** The issuer, upper case ("ĐẢNG ỦY XÃ LONG BÌNH"). */
  issuer: string;
  /** "Số     -BC/ĐU" (party) or "Số:     /BC-UBND" (state); the number is left for the office. */
  number: string;
  /** "Long Bình, ngày 02 tháng 12 năm 2026". */
  placeAndDate: string;
}

export interface ReportDocument {
  header: ReportHeader;
  /** "BÁO CÁO" */
  kind: string;
  /** What it reports on, possibly several lines. */
  title: string[];
  blocks: Block[];
  recipients: string[];
  signature: { capacity: string; title: string; name: string };
  /** A file name without extension, ASCII only. */
  fileName: string;
  /** The values of an uploaded template's tags (template-data.ts). */
  data: TemplateData;
  /** The charts an uploaded template may place ({%tag}); those the period has. */
  charts: Partial<Record<ChartTag, ChartSpec>>;
}

/** Tag → text, or a loop's items (each its own tags). */
export type TemplateData = { [tag: string]: string | TemplateData[] };
