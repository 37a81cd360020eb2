// Spreadsheets for the import hardening tests: legitimate activity files, hostile ones (blank rows
// by the million, a zip bomb), and workbooks written by hand as a zip of XML parts, the way Excel
// writes them (shared strings, inline strings, date cells with a date style, numbers).
import zlib from "node:zlib";

export const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người";
const KINDS = ["Hội nghị", "Sinh hoạt chuyên đề", "Sinh hoạt chi bộ", "Học tập", "Tuyên truyền"];

/** `n` distinct activity rows over two units of the records world, early 2025. */
export function activityRows(n: number, title = "Hoạt động số"): string[] {
  return Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 6) + 1).padStart(2, "0");
    const unit = i % 3 === 0 ? "CB-A1" : "X-A";
    return `${unit};${KINDS[i % KINDS.length]};${title} ${i + 1};${day}/${month}/2025;${(i % 4) + 1};${(i % 500) + 10}`;
  });
}

export function activityCsv(n: number, title?: string): string {
  return [HEADER, ...activityRows(n, title)].join("\n");
}

const MODEL_HEADER =
  "Mã đơn vị;Tên mô hình;Lĩnh vực;Cấp;Đơn vị chủ trì;Ngày bắt đầu;Tình trạng;Số tiền (đồng);Đất hiến (m²)";
const MODEL_STATUSES = ["Đăng ký", "Duy trì", "Nhân rộng", "Ngừng"];

/** `n` models of commune A and its cell, of every status, each with a contribution. */
export function modelCsv(n: number, title = "Mô hình số"): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 12) + 1).padStart(2, "0");
    const unit = i % 3 === 0 ? "CB-A1" : "X-A";
    return `${unit};${title} ${i + 1};Kinh tế;Cấp xã;Hội Nông dân;${day}/${month}/2024;${MODEL_STATUSES[i % 4]};${((i % 50) + 1) * 1000};${i % 30}`;
  });
  return [MODEL_HEADER, ...rows].join("\n");
}

/** A header line, then `blankLines` empty lines: cheap to send, costly to read line by line. */
export function blankLinesCsv(blankLines: number): string {
  return `${HEADER}\n${"\n".repeat(blankLines)}`;
}

const enc = (s: string) => Buffer.from(s, "utf8");

/** Size an entry claims in the zip's headers, when a test wants it to lie. */
export interface ZipOptions {
  declaredSize?: Record<string, number>;
}

/**
 * A zip of the given parts, deflated with Node's zlib (fast enough for 120 MB of XML): local
 * headers, then the central directory a reader should trust, then its end record.
 */
export function zipParts(files: Record<string, Buffer>, options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, "utf8");
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const size = options.declaredSize?.[name] ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets><sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`;
// Excel's own order: the worksheet first, then styles and shared strings.
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
// cellXfs: 0 general, 1 dd/mm/yyyy (built-in 14), 2 a custom date format (164), 3 text (49).
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** Excel's serial day number of a calendar day. */
function serial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * An activities workbook as Excel writes one: text in the shared string table (rich text in one),
 * an inline string, dates as serial numbers with a date style (built-in and custom formats),
 * numbers as numbers, a unit code typed as a number, rows with `spans` and a self-closing cell.
 * Returns the zip bytes and the rows it holds, as the import should read them.
 */
export function excelStyleWorkbook(order: "excel" | "workbook-last" = "excel"): {
  bytes: Buffer;
  rows: number;
} {
  const strings = [
    "Mã đơn vị",
    "Loại",
    "Tiêu đề",
    "Ngày",
    "Số buổi",
    "Lượt người",
    "X-A",
    "Hội nghị",
    "Hội nghị quán triệt chuyên đề",
    "Sinh hoạt chuyên đề",
  ];
  const si = strings.map((s) => `<si><t>${s}</t></si>`);
  // A rich-text title, split in runs as Excel stores one with two fonts.
  si.push(
    '<si><r><t xml:space="preserve">Sinh hoạt </t></r><r><rPr><b/></rPr><t>chi bộ</t></r></si>',
  );
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${si.length}" uniqueCount="${si.length}">${si.join("")}</sst>`;
  const s = (i: number) => `t="s"><v>${i}</v>`;
  const rows = [
    `<row r="1" spans="1:6"><c r="A1" ${s(0)}</c><c r="B1" ${s(1)}</c><c r="C1" ${s(2)}</c><c r="D1" ${s(3)}</c><c r="E1" ${s(4)}</c><c r="F1" ${s(5)}</c></row>`,
    `<row r="2" spans="1:6"><c r="A2" ${s(6)}</c><c r="B2" ${s(7)}</c><c r="C2" ${s(8)}</c><c r="D2" s="1"><v>${serial(2025, 3, 15)}</v></c><c r="E2"><v>6</v></c><c r="F2"><v>195</v></c></row>`,
    // A blank but formatted row, as Excel keeps one.
    '<row r="3" spans="1:6"><c r="A3" s="3"/><c r="B3" s="3"/></row>',
    `<row r="4" spans="1:6"><c r="A4" t="inlineStr"><is><t>X-A</t></is></c><c r="B4" ${s(9)}</c><c r="C4" t="inlineStr"><is><t>Chuyên đề năm 2025 &amp; "Dân vận khéo"</t></is></c><c r="D4" s="2"><v>${serial(2025, 4, 2)}</v></c><c r="E4"><v>1</v></c><c r="F4"><v>16940</v></c></row>`,
    `<row r="5" spans="1:6"><c r="A5" ${s(6)}</c><c r="B5" t="str"><v>Sinh hoạt chi bộ</v></c><c r="C5" ${s(10)}</c><c r="D5" t="str"><v>05/05/2025</v></c><c r="E5"><v>2</v></c><c r="F5"><v>40</v></c></row>`,
  ];
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:F5"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="3" max="3" width="40" customWidth="1"/></cols><sheetData>${rows.join("")}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const parts: Record<string, Buffer> = {
    "[Content_Types].xml": enc(CONTENT_TYPES),
    "_rels/.rels": enc(ROOT_RELS),
    "xl/workbook.xml": enc(WORKBOOK),
    "xl/_rels/workbook.xml.rels": enc(WORKBOOK_RELS),
    "xl/styles.xml": enc(STYLES),
    "xl/sharedStrings.xml": enc(sst),
    "xl/worksheets/sheet1.xml": enc(sheet),
  };
  if (order === "workbook-last") {
    // The zip format and OPC impose no order; a reader that needs workbook.xml first (exceljs'
    // streaming reader, when the shared strings come before the sheet) fails on this one.
    const workbook = parts["xl/workbook.xml"] as Buffer;
    delete parts["xl/workbook.xml"];
    parts["xl/workbook.xml"] = workbook;
  }
  const bytes = zipParts(parts);
  return { bytes, rows: 3 };
}

const BOMB_ROW = '<row><c s="0"/></row>';

/**
 * A workbook of a few hundred KB whose worksheet unzips to about `megabytes` MB of blank rows (a
 * formatted but empty cell each): the zip bomb of the review, 235 KB → 120 MB. `declaredSize`
 * makes its zip claim another size for the worksheet (a lying zip).
 */
export function blankRowsBomb(megabytes: number, declaredSize?: number): Buffer {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>Mã đơn vị</t></is></c></row>`;
  const rows = Math.ceil((megabytes * 1_000_000) / BOMB_ROW.length);
  const sheet = Buffer.from(`${head}${BOMB_ROW.repeat(rows)}</sheetData></worksheet>`, "utf8");
  return zipParts(
    {
      "[Content_Types].xml": enc(CONTENT_TYPES),
      "_rels/.rels": enc(ROOT_RELS),
      "xl/workbook.xml": enc(WORKBOOK),
      "xl/_rels/workbook.xml.rels": enc(
        WORKBOOK_RELS.replace(/<Relationship Id="rId[34]"[^>]*\/>/g, ""),
      ),
      "xl/worksheets/sheet1.xml": sheet,
    },
    declaredSize === undefined
      ? {}
      : { declaredSize: { "xl/worksheets/sheet1.xml": declaredSize } },
  );
}

export const base64 = (bytes: Buffer) => bytes.toString("base64");
