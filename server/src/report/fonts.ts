// The report's typeface, from an npm package (no download at run time): Tinos, metric-compatible
// with Times New Roman (same widths, so a page breaks where Word breaks it), with every Vietnamese
// letter. @expo-google-fonts/tinos ships the complete TrueType files (fontsource splits them by
// script, which would leave "ệ" and "a" in different files).
import { createRequire } from "node:module";
import path from "node:path";

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
