/// <reference path="./fontkit.d.ts" />
// The report's typeface, from an npm package (no download at run time): Tinos, metric-compatible
// with Times New Roman (same widths, so a page breaks where Word breaks it), with every Vietnamese
// letter. @expo-google-fonts/tinos ships the complete TrueType files (fontsource splits them by
// script, which would leave "ệ" and "a" in different files).
import { createRequire } from "node:module";
import path from "node:path";
import { type Font, openSync } from "fontkit";

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve("@expo-google-fonts/tinos/package.json"));

export const FONT_FILES = {
  regular: path.join(dir, "400Regular", "Tinos_400Regular.ttf"),
  bold: path.join(dir, "700Bold", "Tinos_700Bold.ttf"),
  italic: path.join(dir, "400Regular_Italic", "Tinos_400Regular_Italic.ttf"),
  boldItalic: path.join(dir, "700Bold_Italic", "Tinos_700Bold_Italic.ttf"),
} as const;

/** The family name the Word file asks for (the offices have it); the PDF embeds Tinos instead. */
export const WORD_FONT = "Times New Roman";

export type Face = "R" | "B" | "I" | "BI";

let parsed: Record<Face, Font> | null = null;

/**
 * The four faces parsed once per process: parsing a face (its tables, glyph layout) costs 100–400
 * ms, which every PDF paid again when given the file; pdfkit takes a parsed fontkit font as well
 * and subsets it per document.
 */
export function parsedFaces(): Record<Face, Font> {
  parsed ??= {
    R: openSync(FONT_FILES.regular),
    B: openSync(FONT_FILES.bold),
    I: openSync(FONT_FILES.italic),
    BI: openSync(FONT_FILES.boldItalic),
  };
  return parsed;
}
