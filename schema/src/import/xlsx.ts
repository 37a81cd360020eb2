import { importText } from "./messages";
import {
  type Cell,
  columnLetter,
  fileProblem,
  isBlankRow,
  MAX_IMPORT_ROWS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  type Sheet,
  type SheetRow,
  tooManyColumns,
  tooManyRows,
  tooManySheetRows,
} from "./sheet";
import {
  localName,
  parseDateStyles,
  parseRelationships,
  parseWorkbook,
  sharedStringsCollector,
  unescapeOoxml,
  xmlParser,
} from "./xlsx-parts";
import { ZipParts } from "./xlsx-zip";

const OFFICE_DOCUMENT = "officeDocument";
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial day (1900 date system)
const DAY_MS = 86_400_000;

/**
 * Reads the first worksheet of an XLSX file (base64): the zip through its central directory, then
 * the workbook, styles and shared strings, then the sheet's XML, streamed row by row. Reading
 * stops once the rows read (blank ones included) or the data rows pass their limits, and the
 * bytes inflated are bounded (see ZipParts). Formula cells are never evaluated: they come back as
 * cells with a problem to report.
 */
export async function readXlsx(base64: string): Promise<Sheet> {
  const bytes = decodeBase64(base64);
  if (bytes.length === 0) throw fileProblem(importText("emptyFile"));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw fileProblem(importText("xls"));
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw fileProblem(importText("notXlsx"));
  }
  try {
    return await readWorkbook(await ZipParts.open(bytes));
  } catch (error) {
    if ((error as Error).name === "InputError") throw error;
    throw fileProblem(importText("damagedXlsx", { detail: (error as Error).message }));
  }
}

async function readWorkbook(zip: ZipParts): Promise<Sheet> {
  const root = zip.has("_rels/.rels") ? parseRelationships(await zip.text("_rels/.rels"), "") : [];
  const workbookPath = root.find((r) => r.type === OFFICE_DOCUMENT)?.target ?? "xl/workbook.xml";
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const relsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`;
  const workbook = parseWorkbook(await zip.text(workbookPath));
  const related = parseRelationships(await zip.text(relsPath), folder);
  const partOf = (type: string) => related.find((r) => r.type === type)?.target;
  const sheetPath = related.find((r) => r.id === workbook.firstSheetRelId)?.target;
  if (!sheetPath) throw fileProblem(importText("noWorksheet"));

  const stylesPath = partOf("styles");
  const dateStyles =
    stylesPath && zip.has(stylesPath)
      ? parseDateStyles(await zip.text(stylesPath))
      : new Set<number>();
  const stringsPath = partOf("sharedStrings");
  let strings: string[] = [];
  if (stringsPath && zip.has(stringsPath)) {
    const collector = sharedStringsCollector();
    await streamXml(zip, stringsPath, collector.parser, () => true);
    strings = collector.strings;
  }
  return readSheet(zip, sheetPath, { strings, dateStyles, date1904: workbook.date1904 });
}

/** Feeds a part to a SAX parser as UTF-8 text; `more()` false stops reading. */
async function streamXml(
  zip: ZipParts,
  path: string,
  parser: ReturnType<typeof xmlParser>,
  more: () => boolean,
): Promise<void> {
  const decoder = new TextDecoder("utf-8");
  await zip.read(path, (chunk) => {
    parser.write(decoder.decode(chunk, { stream: true }));
    return more();
  });
  if (more()) parser.write(decoder.decode()).close();
}

interface SheetContext {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

/** The worksheet's rows, streamed; reading stops at the first limit passed. */
async function readSheet(zip: ZipParts, path: string, context: SheetContext): Promise<Sheet> {
  const parser = xmlParser();
  let header: SheetRow | null = null;
  const rows: SheetRow[] = [];
  let rowsSeen = 0;
  let stop: Error | null = null;

  let rowNumber = 0;
  let cells: Cell[] = [];
  let column = -1;
  // The cell being read.
  let ref = "";
  let type = "";
  let style = -1;
  let value: string[] = [];
  let inline: string[] = [];
  let formula: string[] | null = null;
  let reading: "v" | "f" | "t" | null = null;
  let inInline = false;
  let inPhonetic = false;

  parser.on("opentag", (tag) => {
    if (stop) return;
    const name = localName(tag.name);
    const a = tag.attributes;
    if (name === "row") {
      rowsSeen++;
      if (rowsSeen > MAX_SHEET_ROWS) {
        stop = tooManySheetRows(MAX_SHEET_ROWS, "over");
        return;
      }
      rowNumber = a.r ? Number(a.r) : rowNumber + 1;
      cells = [];
      column = -1;
    } else if (name === "c") {
      ref = String(a.r ?? "");
      const letters = /^([A-Za-z]{1,3})\d*$/.exec(ref)?.[1];
      column = letters ? columnIndex(letters) : column + 1;
      type = String(a.t ?? "n");
      style = a.s === undefined ? -1 : Number(a.s);
      value = [];
      inline = [];
      formula = null;
    } else if (name === "v") reading = "v";
    else if (name === "f") {
      formula = [];
      reading = "f";
    } else if (name === "is") inInline = true;
    else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && inInline && !inPhonetic) reading = "t";
  });
  parser.on("text", (text) => {
    if (reading === "v") value.push(text);
    else if (reading === "f") formula?.push(text);
    else if (reading === "t") inline.push(text);
  });
  parser.on("closetag", (tag) => {
    if (stop) return;
    const name = localName(tag.name);
    if (name === "v" || name === "f" || name === "t") reading = null;
    else if (name === "is") inInline = false;
    else if (name === "rPh") inPhonetic = false;
    else if (name === "c") {
      const address = ref || `${columnLetter(column)}${rowNumber}`;
      const cell = readCell(
        address,
        type,
        style,
        value.join(""),
        inline.join(""),
        formula,
        context,
      );
      if (column >= MAX_SHEET_COLUMNS) {
        if (!isBlankRow([cell])) stop = tooManyColumns(address);
        return;
      }
      cells[column] = cell;
    } else if (name === "row") {
      for (let i = 0; i < cells.length; i++) cells[i] ??= { value: null };
      if (isBlankRow(cells)) return;
      if (header === null) header = { row: rowNumber, cells };
      else rows.push({ row: rowNumber, cells });
      if (rows.length > MAX_IMPORT_ROWS) {
        stop = tooManyRows(MAX_IMPORT_ROWS, true);
      }
    }
  });
  await streamXml(zip, path, parser, () => stop === null);
  if (stop) throw stop;
  if (header === null) throw fileProblem(importText("emptyWorksheet"));
  return { header, rows };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readCell(
  address: string,
  type: string,
  style: number,
  value: string,
  inline: string,
  formula: string[] | null,
  context: SheetContext,
): Cell {
  if (formula !== null) {
    const text = formula.join("") || "…";
    return {
      value: null,
      shown: `=${text}`,
      problem: importText("formulaXlsx", { address, text: `=${text}` }),
    };
  }
  switch (type) {
    case "s": {
      const text = context.strings[Number(value)];
      if (text === undefined) {
        return { value: null, problem: importText("unreadableCell", { address }) };
      }
      return { value: text };
    }
    case "inlineStr":
      return { value: unescapeOoxml(inline) };
    case "str":
      return { value: unescapeOoxml(value) };
    case "b":
      return { value: value === "1" || value === "true" };
    case "e":
      return {
        value: null,
        shown: value,
        problem: importText("errorCell", { address, value }),
      };
    case "d": {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) {
        return {
          value: null,
          shown: value,
          problem: importText("badDateCell", { address }),
        };
      }
      return { value: date };
    }
    default: {
      if (value.trim() === "") return { value: null };
      const number = Number(value);
      if (!Number.isFinite(number)) {
        return {
          value: null,
          shown: value,
          problem: importText("unreadableCell", { address }),
        };
      }
      if (context.dateStyles.has(style)) {
        const serial = context.date1904 ? number + 1_462 : number;
        return { value: new Date(Math.round((serial - EXCEL_EPOCH_DAYS) * DAY_MS)) };
      }
      return { value: number };
    }
  }
}

function decodeBase64(content: string): Buffer {
  const body = content.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) {
    throw fileProblem(importText("notBase64"));
  }
  return Buffer.from(body, "base64");
}
