/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): Excel, LibreOffice and Google
 * Sheets evaluate a cell whose first character is `=`, `+`, `-` or `@`, also after leading spaces,
 * tabs or line breaks, so such text is refused where it would become a title or a name that exports
 * write back into spreadsheets. The full-width forms (＝＋－＠, typed by some input methods) count
 * too: Excel reads them as the ASCII ones.
 */
const FORMULA_START = /^[\s\u00a0\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
