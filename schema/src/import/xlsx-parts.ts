// The SpreadsheetML parts an import needs besides the worksheet: which part is the first sheet,
// the shared string table, and which cell styles are dates (ECMA-376 part 1, §18). Parsed with
// saxes, a strict XML parser: a malformed part is a damaged file, never a guess.
import { SaxesParser } from "saxes";

/** Element name without its namespace prefix (some writers use `x:row`). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/** A SAX parser that reports elements by local name; attributes keep their qualified names. */
export function xmlParser(): SaxesParser {
  return new SaxesParser({ xmlns: false, position: false });
}

/**
 * Text escaped the OOXML way: a character XML cannot hold is written `_xHHHH_` (`_x0000_` is NUL,
 * which the import then refuses by name), and `_x005F_` escapes a literal underscore.
 */
export function unescapeOoxml(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function parseAll(xml: string, handlers: (parser: SaxesParser) => void): void {
  const parser = xmlParser();
  handlers(parser);
  parser.write(xml).close();
}

export interface Relationship {
  id: string;
  /** Last word of the relationship type: worksheet, styles, sharedStrings, officeDocument. */
  type: string;
  /** Part name, resolved against the folder of the part the relationships belong to. */
  target: string;
}

/** The internal relationships of a part (`_rels/*.rels`). */
export function parseRelationships(xml: string, baseFolder: string): Relationship[] {
  const found: Relationship[] = [];
  parseAll(xml, (parser) => {
    parser.on("opentag", (tag) => {
      if (localName(tag.name) !== "Relationship") return;
      const id = String(tag.attributes.Id ?? "");
      const type =
        String(tag.attributes.Type ?? "")
          .split("/")
          .pop() ?? "";
      const target = String(tag.attributes.Target ?? "");
      if (target && tag.attributes.TargetMode !== "External") {
        found.push({ id, type, target: resolvePart(baseFolder, target) });
      }
    });
  });
  return found;
}

/** `xl/` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` is absolute. */
export function resolvePart(baseFolder: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `${baseFolder}${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The first sheet of the workbook (in tab order) and whether dates count from 1904. */
export function parseWorkbook(xml: string): { firstSheetRelId: string | null; date1904: boolean } {
  let firstSheetRelId: string | null = null;
  let date1904 = false;
  parseAll(xml, (parser) => {
    parser.on("opentag", (tag) => {
      const name = localName(tag.name);
      if (name === "workbookPr") {
        const v = String(tag.attributes.date1904 ?? "");
        date1904 = v === "1" || v === "true";
      } else if (name === "sheet" && firstSheetRelId === null) {
        for (const [key, value] of Object.entries(tag.attributes)) {
          if (localName(key) === "id" && key !== "id") firstSheetRelId = String(value);
        }
      }
    });
  });
  return { firstSheetRelId, date1904 };
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, and locale variants). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/** A custom format shows a date when, quoted text and [colour] codes aside, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(";")[0]
    ?.replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, "");
  return !!bare && /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Indices (the `s` attribute of a cell) of the cell formats that show dates. */
export function parseDateStyles(xml: string): Set<number> {
  const customDate = new Map<number, boolean>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  parseAll(xml, (parser) => {
    parser.on("opentag", (tag) => {
      const name = localName(tag.name);
      if (name === "numFmt") {
        const id = Number(tag.attributes.numFmtId);
        customDate.set(id, isDateFormat(String(tag.attributes.formatCode ?? "")));
      } else if (name === "cellXfs") {
        inCellXfs = true;
      } else if (name === "xf" && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        if (customDate.get(id) ?? BUILT_IN_DATE_FORMATS.has(id)) dateStyles.add(index);
        index++;
      }
    });
    parser.on("closetag", (tag) => {
      if (localName(tag.name) === "cellXfs") inCellXfs = false;
    });
  });
  return dateStyles;
}

/**
 * The shared string table, streamed: each `<si>` is its `<t>` text, or its rich-text runs joined
 * (phonetic `<rPh>` runs left out, as Excel shows the cell).
 */
export function sharedStringsCollector() {
  const strings: string[] = [];
  const parser = xmlParser();
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") current = [];
    else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && !inPhonetic) inText = true;
  });
  parser.on("text", (text) => {
    if (inText && current) current.push(text);
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") inPhonetic = false;
    else if (name === "si" && current) {
      strings.push(unescapeOoxml(current.join("")));
      current = null;
    }
  });
  return { parser, strings };
}
