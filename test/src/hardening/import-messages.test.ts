// No English in the Vietnamese import: every message of the import's table (called with each of
// its variants), the rule messages its row report shares with the forms, every column's header
// and description, the names of the values the columns take, and every string of the dashboard's
// import view (its i18n catalog) are scanned for English words. A word is English when it is
// written without Vietnamese diacritics and is not a Vietnamese syllable (Vietnamese spelling is
// regular enough to tell), or is one of a few English words that look like one ("the", "not").
// Technical names users meet in the product itself are allowed (CSV, XLSX, Excel, UTF-8...).
// The server's whole message table (MESSAGES: the rules, the typed errors, and the refusals of a
// request: limits, CSRF, sessions, /export, /report) is scanned in both languages: no English
// word in its Vietnamese, no Vietnamese word in its English.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../../schema/src/domain/messages";
import { KIND_SPECS } from "../../../schema/src/import/kinds";
import { IMPORT_MESSAGES } from "../../../schema/src/import/messages";

const ALLOWED = new Set(
  // Formats and products (Excel, Word), and the date pattern written as users write it.
  ["graphql", "csv", "xlsx", "xls", "png", "utf", "excel", "base64", "mb", "kib", "json", "byte"]
    .concat(["docx", "pdf", "word", "id"])
    .concat(["dd", "mm", "yyyy"]),
);

/** English words shaped like a Vietnamese syllable without its tone mark. */
const ENGLISH_LOOKALIKES = new Set(["the", "not", "be", "he", "we", "me", "at", "on", "it", "by"]);

const ONSET = "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?";
const RHYME = "(oa|oe|uy|uo|ua|ue|ui|ie|ia|yeu|ye|ay|ai|ao|au|eo|eu|iu|oi|ui|ua|ưu|[aeiouy])";
const CODA = "(ch|ng|nh|c|m|n|p|t|i|o|u|y)?";
const SYLLABLE = new RegExp(`^${ONSET}${RHYME}${CODA}$`);

/** The English words of a Vietnamese text (ICU placeholders and quoted samples left out). */
function englishWords(text: string): string[] {
  const plain = text.replace(/\{[^}]*\}/g, " ").replace(/"[^"]*"/g, " ");
  const words = plain.match(/[\p{L}][\p{L}\p{N}]*/gu) ?? [];
  return words.filter((word) => {
    if (/[^a-z0-9]/i.test(word)) return false; // written with Vietnamese letters
    const lower = word.toLowerCase();
    if (ALLOWED.has(lower) || word.length === 1) return false;
    // Abbreviations (UBND, MTTQ, NUL, FFFD) and codes with digits (m2, U+0000).
    if (/\d/.test(word) || (word === word.toUpperCase() && word.length <= 5)) return false;
    return ENGLISH_LOOKALIKES.has(lower) || !SYLLABLE.test(lower);
  });
}

/** The Vietnamese words of an English text: written with Vietnamese letters (quotes left out). */
function vietnameseWords(text: string): string[] {
  const plain = text.replace(/"[^"]*"/g, " ");
  const words = plain.match(/[\p{L}][\p{L}\p{N}]*/gu) ?? [];
  return words.filter((word) => /[^\p{ASCII}]/u.test(word));
}

/** Each parameter a message may take, with every variant that changes its wording. */
const VARIANTS: Record<string, unknown[]> = {
  qualifier: ["exact", "about", "over"],
  unclosedQuote: [true, false],
  over: [true, false],
  line: [3, null],
  text: ["1"],
  detail: ["1"],
  more: [0, 2],
  values: [["Hội nghị", "Tập huấn"]],
  day: ["2025-03-15"],
  min: [1],
  max: [10],
  // Parameters that are themselves texts in both languages (a unit kind's name).
  kind: [{ vi: "Xã", en: "commune" }],
  into: [{ vi: "Tỉnh", en: "province" }],
  // The server's refusals: a count GraphQL Armor may not report, who a rate limit counts.
  found: [13, null],
  perAccount: [true, false],
  entity: ["Unit", "Model"],
};

/** The same for English texts: their parameters are data, written in English here. */
const EN_VARIANTS: Record<string, unknown[]> = {
  ...VARIANTS,
  values: [["MEETING", "TRAINING"]],
  kind: [{ vi: "Xã", en: "commune" }],
};

/** A message (in `lang`, Vietnamese by default) with every combination of its parameters' variants. */
function wordings(
  message: (p: never) => { vi: string; en?: string },
  lang: "vi" | "en" = "vi",
): string[] {
  const variants = lang === "en" ? EN_VARIANTS : VARIANTS;
  const keys = Object.keys(variants);
  const out: string[] = [];
  const n = Math.max(...keys.map((k) => VARIANTS[k]?.length ?? 1));
  for (let i = 0; i < n; i++) {
    const params = new Proxy(
      {},
      {
        get: (_target, key) => {
          const values = variants[String(key)];
          return values ? values[i % values.length] : 1;
        },
      },
    );
    out.push(message(params as never)[lang] ?? "");
  }
  return out;
}

describe("the Vietnamese import", () => {
  it("words every import message without English", () => {
    const found = Object.entries(IMPORT_MESSAGES).flatMap(([key, message]) =>
      wordings(message as (p: never) => { vi: string }).flatMap((vi) =>
        englishWords(vi).map((word) => `${key}: ${word} (${vi})`),
      ),
    );
    expect(found).toEqual([]);
    // The test would see English: a message glued in both languages fails it.
    expect(englishWords("Không nhận ra cột: unknown column (expected).")).toEqual([
      "unknown",
      "column",
      "expected",
    ]);
  });

  it("words every server message without English in Vietnamese, and without Vietnamese in English", () => {
    // The rule messages the row report shares with the forms, and every refusal of the server.
    expect(Object.keys(MESSAGES)).toEqual(
      expect.arrayContaining(["atLeast", "queryTooCostly", "csrfRefused", "exportNoSuchFile"]),
    );
    const found = Object.entries(MESSAGES).flatMap(([key, message]) => {
      const m = message as (p: never) => { vi: string; en: string };
      return [
        ...wordings(m).flatMap((vi) => englishWords(vi).map((word) => `${key}: ${word} (${vi})`)),
        ...wordings(m, "en").flatMap((en) =>
          vietnameseWords(en).map((word) => `${key} (en): ${word} (${en})`),
        ),
      ];
    });
    expect(found).toEqual([]);
    // The scan would see a glued message, in either language.
    expect(englishWords("Truy vấn quá nặng: the query costs 12.")).toEqual([
      "the",
      "query",
      "costs",
    ]);
    expect(vietnameseWords("Too costly: quá nặng.")).toEqual(["quá", "nặng"]);
  });

  it("names and describes every column and value in Vietnamese", () => {
    const found: string[] = [];
    for (const spec of Object.values(KIND_SPECS)) {
      for (const column of spec.columns) {
        const texts = [column.header, column.description.vi];
        for (const label of Object.values(column.choices?.values ?? {})) texts.push(label.vi);
        for (const text of texts) {
          for (const word of englishWords(text)) found.push(`${column.field}: ${word} (${text})`);
        }
      }
      for (const word of englishWords(spec.duplicateOf.vi)) found.push(`${spec.kind}: ${word}`);
    }
    expect(found).toEqual([]);
  });

  it("shows the import view and the unit codes in Vietnamese", () => {
    const catalog = JSON.parse(
      readFileSync(new URL("../../../web/src/locales/vi.json", import.meta.url), "utf8"),
    ) as Record<string, string>;
    const keys = Object.keys(catalog).filter(
      (k) => k.startsWith("import.") || k.startsWith("unit."),
    );
    expect(keys.length).toBeGreaterThan(40);
    const found = keys.flatMap((key) =>
      englishWords(catalog[key] ?? "").map((word) => `${key}: ${word} (${catalog[key]})`),
    );
    expect(found).toEqual([]);
  });
});
