// Every message of the spreadsheet import, once, in both languages: the row report, the header
// problems, the file-level refusals. The import builds `Text`s (domain/messages.ts) and the
// GraphQL layer words them in the caller's language, so a Vietnamese report carries no English
// and an English one no Vietnamese. A test (test/src/hardening/import-messages.test.ts) calls
// every entry and scans the Vietnamese for English words.
import type { Text } from "../domain/messages";

const vi = (n: number | bigint) => n.toLocaleString("vi-VN");
const en = (n: number | bigint) => n.toLocaleString("en");

/** How a count of rows is known: counted lines (about), or reading stopped at a limit (over). */
export type Qualifier = "exact" | "about" | "over";
const QUALIFIER_VI: Record<Qualifier, string> = { exact: "", about: "khoảng ", over: "hơn " };
const QUALIFIER_EN: Record<Qualifier, string> = { exact: "", about: "about ", over: "more than " };

/** The parameters of each message are plain values, so the table can be called from a test. */
export const IMPORT_MESSAGES = {
  emptyFile: () => ({ vi: "Tệp rỗng: không có dòng nào.", en: "The file is empty." }),
  notUtf8: (p: { lines: string }) => ({
    vi: `Tệp không phải mã UTF-8 (ký tự lỗi ở dòng ${p.lines}): hãy lưu lại bằng "CSV UTF-8" rồi nhập lại.`,
    en: `The file is not UTF-8 encoded (unreadable characters on line ${p.lines}): save it as "CSV UTF-8" and import again.`,
  }),
  csvBroken: (p: { line: number | null; unclosedQuote: boolean }) => ({
    vi: `Tệp CSV bị lỗi${p.line ? ` ở dòng ${p.line}` : ""}: ${p.unclosedQuote ? 'có dấu ngoặc kép (") mở mà không đóng' : "không đúng định dạng"}.`,
    en: `The CSV file is malformed${p.line ? ` on line ${p.line}` : ""}: ${p.unclosedQuote ? 'a quote (") is opened and never closed' : "it cannot be read"}.`,
  }),
  formulaCsv: (p: { text: string }) => ({
    vi: `Ô chứa công thức (${p.text}), không được nhập: hãy gõ chính giá trị.`,
    en: `The cell holds a formula (${p.text}): type the value itself.`,
  }),
  formulaXlsx: (p: { address: string; text: string }) => ({
    vi: `Ô ${p.address} chứa công thức (${p.text}), không được tính khi nhập: hãy dán giá trị (Dán đặc biệt → Giá trị).`,
    en: `Cell ${p.address} holds a formula (${p.text}), which an import does not compute: paste the values instead (Paste Special → Values).`,
  }),
  unreadableCell: (p: { address: string }) => ({
    vi: `Ô ${p.address} không đọc được.`,
    en: `Cell ${p.address} cannot be read.`,
  }),
  errorCell: (p: { address: string; value: string }) => ({
    vi: `Ô ${p.address} có giá trị lỗi ${p.value}: hãy sửa ô này.`,
    en: `Cell ${p.address} holds the error value ${p.value}: fix the cell.`,
  }),
  badDateCell: (p: { address: string }) => ({
    vi: `Ô ${p.address}: ngày không hợp lệ.`,
    en: `Cell ${p.address}: invalid date.`,
  }),
  xls: () => ({
    vi: "Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy lưu lại thành .xlsx (Sổ làm việc Excel) rồi nhập lại.",
    en: "Excel 97-2003 files (.xls) are not supported: save it as .xlsx (Excel Workbook) and import again.",
  }),
  notXlsx: () => ({
    vi: "Không phải tệp XLSX: nội dung phải là mã base64 của một tệp .xlsx (với CSV, chọn định dạng CSV).",
    en: "Not an XLSX file: `content` must be the base64 of an .xlsx file (for CSV text, use format CSV).",
  }),
  notBase64: () => ({
    vi: "Nội dung không phải mã base64: với XLSX, nội dung phải là tệp mã hoá base64.",
    en: "Not base64: for XLSX, `content` must be the file's bytes encoded as base64.",
  }),
  damagedXlsx: (p: { detail: string }) => ({
    vi: `Không đọc được tệp XLSX: tệp hỏng hoặc không phải .xlsx (chi tiết kỹ thuật: ${p.detail}).`,
    en: `The XLSX file cannot be read: the workbook is damaged or not an .xlsx file (${p.detail}).`,
  }),
  noWorksheet: () => ({
    vi: "Tệp XLSX không có trang tính nào.",
    en: "The workbook has no worksheet.",
  }),
  emptyWorksheet: () => ({
    vi: "Trang tính đầu tiên rỗng.",
    en: "The first worksheet is empty.",
  }),
  missingPart: (p: { part: string }) => ({
    vi: `Tệp XLSX thiếu phần ${p.part}: tệp không đầy đủ.`,
    en: `The workbook lacks its part ${p.part}: it is incomplete.`,
  }),
  tooManyParts: (p: { max: number }) => ({
    vi: `Tệp XLSX có hơn ${vi(p.max)} phần: Excel không tạo ra tệp như vậy.`,
    en: `The workbook has more than ${en(p.max)} parts: not a file Excel would write.`,
  }),
  unzippedTooLarge: (p: { part: string; mb: number; limit: number }) => ({
    vi: `Tệp XLSX quá lớn khi giải nén: phần ${p.part} ra hơn ${vi(p.mb)} MB, tối đa ${vi(p.limit)} MB mỗi tệp (thường do nhiều dòng trống có định dạng): hãy xoá các dòng dưới dữ liệu, hoặc chỉ lưu giá trị, rồi nhập lại.`,
    en: `The workbook unzips to more than ${en(p.limit)} MB (part ${p.part}: over ${en(p.mb)} MB; often many empty but formatted rows): delete the rows below your data, or save only the values, and import again.`,
  }),
  tooLarge: (p: { max: number }) => ({
    vi: `Tệp quá lớn: hơn ${vi(p.max)} ký tự; hãy chia nhỏ tệp.`,
    en: `The file exceeds ${en(p.max)} characters; split it.`,
  }),
  tooManyRows: (p: { rows: number; over: boolean; max: number }) => ({
    vi: `Tệp quá lớn: ${p.over ? "hơn " : ""}${vi(p.rows)} dòng dữ liệu, tối đa ${vi(p.max)} dòng mỗi lần nhập; hãy chia nhỏ tệp.`,
    en: `Too many rows: ${p.over ? "more than " : ""}${en(p.rows)} data rows, at most ${en(p.max)} per import; split the file.`,
  }),
  tooManySheetRows: (p: { rows: number; qualifier: Qualifier; max: number; maxData: number }) => ({
    vi: `Tệp quá nhiều dòng: ${QUALIFIER_VI[p.qualifier]}${vi(p.rows)} dòng, kể cả dòng trống; mỗi lần nhập đọc tối đa ${vi(p.max)} dòng (trong đó tối đa ${vi(p.maxData)} dòng dữ liệu). Hãy xoá các dòng trống dưới dữ liệu, hoặc chia nhỏ tệp.`,
    en: `Too many rows, blank ones included: ${QUALIFIER_EN[p.qualifier]}${en(p.rows)}; at most ${en(p.max)} rows are read and ${en(p.maxData)} imported; delete the empty rows below your data, or split the file.`,
  }),
  tooManyColumns: (p: { address: string; max: number }) => ({
    vi: `Ô ${p.address} nằm ngoài ${p.max} cột đầu tiên: tối đa ${p.max} cột; chỉ giữ các cột cần nhập.`,
    en: `Cell ${p.address} is beyond column ${p.max}: keep only the columns to import.`,
  }),
  tooComplex: (p: { mb: number }) => ({
    vi: `Tệp quá phức tạp để đọc (cần hơn ${p.mb} MB bộ nhớ): hãy chia nhỏ tệp.`,
    en: `The file needs more than ${p.mb} MB of memory to read: split it.`,
  }),
  unreadable: (p: { detail: string | null }) => ({
    vi: `Không đọc được tệp${p.detail ? ` (chi tiết kỹ thuật: ${p.detail})` : ""}; hãy thử lại.`,
    en: `The file could not be read${p.detail ? ` (${p.detail})` : ""}; try again.`,
  }),
  readersBusy: () => ({
    vi: "Máy chủ đang đọc nhiều tệp khác, hãy thử lại sau ít phút.",
    en: "Too many files are being read: try again in a minute.",
  }),
  readTooLong: (p: { seconds: number }) => ({
    vi: `Đọc tệp quá ${vi(p.seconds)} giây, đã dừng: hãy chia thành các tệp nhỏ hơn.`,
    en: `Reading the file took longer than ${en(p.seconds)} s: split it into smaller files.`,
  }),
  // Header and mapping
  unknownColumn: (p: { header: string; expected: string }) => ({
    vi: `Không nhận ra cột "${p.header}". Các cột hợp lệ: ${p.expected}. Hãy đổi tiêu đề, hoặc chọn trường cho cột ở bước ghép cột.`,
    en: `Unknown column "${p.header}". Expected: ${p.expected}. Rename it, or choose its field in the mapping step.`,
  }),
  sameField: (p: { header: string; earlier: string; field: string }) => ({
    vi: `Cột "${p.header}" trùng với cột "${p.earlier}": cả hai đều là "${p.field}"; hãy giữ một cột, hoặc cộng hai cột ở bước ghép cột.`,
    en: `Columns "${p.header}" and "${p.earlier}" both give "${p.field}": keep one, or sum them in the mapping step.`,
  }),
  missingColumn: (p: { header: string }) => ({
    vi: `Thiếu cột bắt buộc "${p.header}": hãy thêm cột, hoặc ghép một cột hay đặt giá trị chung cho trường này.`,
    en: `Required column "${p.header}" is missing: add it, or map a column or a value for all rows to it.`,
  }),
  unknownField: (p: { field: string }) => ({
    vi: `Trường "${p.field}" không có trong loại dữ liệu này.`,
    en: `There is no field "${p.field}" in this kind of record.`,
  }),
  noSuchColumn: (p: { column: number; count: number }) => ({
    vi: `Không có cột số ${p.column + 1}: tệp có ${p.count} cột.`,
    en: `There is no column ${p.column + 1}: the file has ${p.count} columns.`,
  }),
  notSummable: (p: { header: string }) => ({
    vi: `Chỉ cộng được nhiều cột vào trường số; "${p.header}" không phải số.`,
    en: `Only numeric fields can sum several columns; "${p.header}" is not numeric.`,
  }),
  columnAndConstant: (p: { header: string }) => ({
    vi: `Trường "${p.header}" vừa có cột vừa có giá trị chung: hãy chọn một.`,
    en: `Field "${p.header}" has both columns and a value for all rows: choose one.`,
  }),
  constantInvalid: (p: { header: string; message: string }) => ({
    vi: `Giá trị chung của "${p.header}" không hợp lệ: ${p.message}`,
    en: `The value for all rows of "${p.header}" is invalid: ${p.message}`,
  }),
  cellWithoutHeader: (p: { text: string }) => ({
    vi: `Ô "${p.text}" nằm ở cột không có tiêu đề: hãy đặt tiêu đề cho cột hoặc xoá ô.`,
    en: `Cell "${p.text}" is in a column without a header: give the column a header or clear it.`,
  }),
  // Cells
  formulaStart: (p: { text: string }) => ({
    vi: `Không được bắt đầu bằng =, +, - hoặc @ (bảng tính sẽ chạy như công thức): "${p.text}".`,
    en: `Must not start with =, +, - or @, which spreadsheets run as a formula: "${p.text}".`,
  }),
  required: () => ({ vi: "Không được để trống.", en: "Required: must not be blank." }),
  notWhole: (p: { text: string | null }) => ({
    vi: `Phải là số nguyên${p.text ? `: "${p.text}"` : ""}.`,
    en: `Must be a whole number${p.text ? `: "${p.text}"` : ""}.`,
  }),
  notNumber: (p: { text: string | null }) => ({
    vi: `Không phải số${p.text ? `: "${p.text}"` : ""} (ví dụ 16940 hoặc 16.940).`,
    en: `Not a number${p.text ? `: "${p.text}"` : ""} (e.g. 16940 or 16.940).`,
  }),
  tooBig: () => ({
    vi: "Số quá lớn để giữ chính xác.",
    en: "The number is too large to keep exactly.",
  }),
  badDate: (p: { text: string | null }) => ({
    vi: `Ngày không hợp lệ${p.text ? ` "${p.text}"` : ""}: hãy viết ngày dạng dd/mm/yyyy (15/03/2025) hoặc yyyy-mm-dd.`,
    en: `Invalid date${p.text ? ` "${p.text}"` : ""}: write dates as dd/MM/yyyy (15/03/2025) or YYYY-MM-DD.`,
  }),
  noSuchDay: (p: { text: string }) => ({
    vi: `Ngày không tồn tại "${p.text}" (dd/mm/yyyy).`,
    en: `No such day "${p.text}" (dd/MM/yyyy).`,
  }),
  badChoice: (p: { text: string; vi: string; en: string }) => ({
    vi: `Giá trị không hợp lệ "${p.text}": phải là một trong ${p.vi}.`,
    en: `Invalid value "${p.text}": expected one of ${p.en}.`,
  }),
  // Rows
  unitNotFound: (p: { text: string }) => ({
    vi: `Không tìm thấy đơn vị "${p.text}" trong phạm vi của bạn (theo mã hay tên).`,
    en: `No unit "${p.text}" in your scope (by code or name).`,
  }),
  unitAmbiguous: (p: { text: string; candidates: string; more: number }) => ({
    vi: `Tên đơn vị "${p.text}" khớp nhiều đơn vị: ${p.candidates}${p.more > 0 ? ` và ${vi(p.more)} đơn vị khác` : ""}; hãy ghi mã đơn vị.`,
    en: `The unit name "${p.text}" matches several units: ${p.candidates}${p.more > 0 ? ` and ${en(p.more)} more` : ""}; write the unit's code.`,
  }),
  noTheme: (p: { year: number }) => ({
    vi: `Không có chuyên đề năm ${p.year}.`,
    en: `There is no annual theme for ${p.year}.`,
  }),
  beforeStart: (p: { day: string }) => ({
    vi: `Trước ngày bắt đầu của mô hình (${p.day}).`,
    en: `Before the model started (${p.day}).`,
  }),
  duplicate: (p: { row: number; vi: string; en: string }) => ({
    vi: `Trùng với dòng ${p.row}: ${p.vi}.`,
    en: `Duplicate of row ${p.row}: ${p.en}.`,
  }),
  removedDuringImport: (p: { rows: number }) => ({
    vi: `Đơn vị, chuyên đề hoặc tài khoản mà ${vi(p.rows)} dòng nhắc tới đã bị xoá trong khi nhập; không dòng nào được ghi, hãy nhập lại.`,
    en: `What ${en(p.rows)} rows refer to (a unit, theme or account) was removed during the import; nothing was written, import again.`,
  }),
  keyUsedForOtherFile: () => ({
    vi: "Mã chống gửi lặp đã dùng cho một tệp khác (hoặc cách ghép cột khác): hãy dùng mã mới.",
    en: "This idempotency key already imported a different file (or mapping): use a new key.",
  }),
  keyUsedForOther: (p: { operation: string }) => ({
    vi: `Mã chống gửi lặp đã dùng cho thao tác ${p.operation}: hãy dùng mã mới.`,
    en: `This idempotency key was already used for ${p.operation}; use a new key.`,
  }),
} satisfies Record<string, (p: never) => Text>;

export type ImportMessageKey = keyof typeof IMPORT_MESSAGES;

/** An import message in both languages. */
export function importText<K extends ImportMessageKey>(
  key: K,
  ...args: Parameters<(typeof IMPORT_MESSAGES)[K]>
): Text {
  return (IMPORT_MESSAGES[key] as (p: unknown) => Text)(args[0]);
}
