// The report as an editable Word file (docx, a maintained declarative writer of WordprocessingML),
// laid out per Nghị định 30/2020/NĐ-CP: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm,
// Times New Roman 14 pt text, 13 pt header lines, paragraphs justified with a 1 cm first line.
import type { Block, ReportDocument, TableRow as Row, TableColumn } from "@d05/schema/report";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart";
import { WORD_FONT } from "./fonts";

const MM = 56.7; // twips per millimetre
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: {
    top: Math.round(20 * MM),
    bottom: Math.round(20 * MM),
    left: Math.round(30 * MM),
    right: Math.round(15 * MM),
  },
};
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const pt = (n: number) => n * 2; // docx sizes are half-points

const ALIGN = {
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
};

function line(
  text: string,
  options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
): Paragraph {
  return new Paragraph({
    alignment,
    spacing: { before: 0, after: 0 },
    children: [
      new TextRun({
        text,
        bold: options.bold,
        italics: options.italics,
        size: pt(options.size ?? 13),
        underline: options.underline ? {} : undefined,
      }),
    ],
  });
}

function headerTable(doc: ReportDocument): Table {
  const h = doc.header;
  const left: Paragraph[] = [
    ...(h.parentBody ? [line(h.parentBody, { size: 13 })] : []),
    line(h.issuer, { bold: true, size: 13 }),
    line(h.style === "party" ? "*" : "________", { size: 13 }),
    line(h.number, { size: 13 }),
  ];
  const right: Paragraph[] =
    h.style === "party"
      ? [line("ĐẢNG CỘNG SẢN VIỆT NAM", { bold: true, size: 14, underline: true }), line("")]
      : [
          line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 13 }),
          line("Độc lập - Tự do - Hạnh phúc", { bold: true, size: 14, underline: true }),
        ];
  right.push(line(""), line(h.placeAndDate, { italics: true, size: 14 }));
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA } });
  const leftWidth = Math.round(TEXT_WIDTH * 0.42);
  return new Table({
    borders: TableBorders.NONE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    rows: [
      new TableRow({ children: [cell(left, leftWidth), cell(right, TEXT_WIDTH - leftWidth)] }),
    ],
  });
}

function body(block: Exclude<Block, { kind: "table" | "chart" }>): Paragraph {
  if (block.kind === "heading") {
    return new Paragraph({
      spacing: { before: 120, after: 120 },
      indent: { firstLine: 567 },
      children: [new TextRun({ text: block.text, bold: true, size: pt(14) })],
    });
  }
  if (block.kind === "placeholder") {
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 567 },
      spacing: { after: 120 },
      children: [
        new TextRun({ text: block.text, italics: true, highlight: "yellow", size: pt(14) }),
      ],
    });
  }
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { after: 120, line: 300 },
    children: block.runs.map(
      (r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size: pt(14) }),
    ),
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function dataTable(columns: TableColumn[], rows: Row[]): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / total));
  const cell = (
    text: string,
    i: number,
    bold: boolean,
    shaded: boolean,
    align: TableColumn["align"],
  ) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      shading: shaded ? { type: ShadingType.CLEAR, fill: "E5E7EB", color: "auto" } : undefined,
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: ALIGN[align],
          children: [new TextRun({ text, bold, size: pt(12) })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: columns.map((c, i) => cell(c.title, i, true, false, "center")),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.cells.map((text, i) =>
              cell(text, i, Boolean(r.total), Boolean(r.marked), columns[i]?.align ?? "left"),
            ),
          }),
      ),
    ],
  });
}

function closing(doc: ReportDocument): Table {
  const leftWidth = Math.round(TEXT_WIDTH * 0.45);
  const recipients = [
    new Paragraph({
      children: [new TextRun({ text: "Nơi nhận:", bold: true, italics: true, size: pt(12) })],
    }),
    ...doc.recipients.map(
      (r) => new Paragraph({ children: [new TextRun({ text: `- ${r}`, size: pt(11) })] }),
    ),
  ];
  const s = doc.signature;
  const signer = [
    line(s.capacity, { bold: true, size: 14 }),
    line(s.title, { bold: true, size: 14 }),
    line(""),
    line(""),
    line(""),
    line(s.name, { bold: true, size: 14 }),
  ];
  return new Table({
    borders: TableBorders.NONE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: recipients, width: { size: leftWidth, type: WidthType.DXA } }),
          new TableCell({
            children: signer,
            width: { size: TEXT_WIDTH - leftWidth, type: WidthType.DXA },
          }),
        ],
      }),
    ],
  });
}

/** The Word file; `charts` holds one PNG per chart block, in order. */
export async function renderDocx(doc: ReportDocument, charts: Buffer[]): Promise<Buffer> {
  let chartIndex = 0;
  const children: (Paragraph | Table)[] = [
    headerTable(doc),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    line(doc.kind, { bold: true, size: 14 }),
    ...doc.title.map((t) => line(t, { bold: true, size: 14 })),
    line(doc.header.style === "party" ? "-----" : "", { size: 13 }),
  ];
  for (const block of doc.blocks) {
    if (block.kind === "table") {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 60 },
          children: [new TextRun({ text: block.caption, bold: true, italics: true, size: pt(13) })],
        }),
        dataTable(block.columns, block.rows),
      );
      if (block.note) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: block.note, italics: true, size: pt(12) })],
          }),
        );
      }
    } else if (block.kind === "chart") {
      const png = charts[chartIndex++];
      if (!png) continue;
      const width = Math.round(TEXT_WIDTH / 15);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 120 },
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width, height: Math.round((width * CHART_HEIGHT) / CHART_WIDTH) },
              altText: {
                name: block.chart.title,
                title: block.chart.title,
                description: block.chart.title,
              },
            }),
          ],
        }),
      );
    } else {
      children.push(body(block));
    }
  }
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), closing(doc));
  const document = new Document({
    creator: doc.header.issuer,
    title: `${doc.kind} ${doc.title.join(" ")}`,
    styles: { default: { document: { run: { font: WORD_FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
