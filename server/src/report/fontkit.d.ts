// fontkit ships no types; the report needs only to open a font file once (see fonts.ts).
declare module "fontkit" {
  /** A parsed font; pdfkit accepts it in place of a file (anything with a `layout` method). */
  export interface Font {
    layout(text: string): unknown;
  }
  export function openSync(path: string): Font;
}
