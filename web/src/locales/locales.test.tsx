// The message catalogs: English gives every Vietnamese message with the same arguments, every
// message is valid ICU, plurals agree with their number, and the Vietnamese catalog speaks
// Vietnamese (issue 13: no English word on a Vietnamese screen).
import { render, screen } from "@testing-library/react";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogs, I18nProvider, type MessageKey, type MessageValues, useI18n } from "../lib/i18n";

const vi = catalogs.vi;
const en = catalogs.en;

/** Names of a message's ICU arguments ("{count, plural, …}" → count), sorted. */
function argumentNames(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1] ?? ""))].sort();
}

// Words that stay as they are in a Vietnamese sentence: names of formats and products, keys on
// the keyboard (Esc), the date pattern, and ĐV (đảng viên). Single letters are key names (F).
const ALLOWED = new Set(
  [
    ...["GraphQL", "GraphiQL", "CSV", "XLSX", "XLS", "PNG", "PDF", "ID", "Excel", "Word", "DOCX"],
    ...["Esc", "dd", "mm", "yyyy", "DV"],
  ].map((w) => w.toLowerCase()),
);

// A Vietnamese word is one syllable: an initial consonant, one to three vowels, a final
// consonant. Marks removed, English words almost never fit that shape ("record", "import",
// "live", "slide"); the few that do ("to", "an") are also Vietnamese words.
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/** The words of a message that cannot be Vietnamese, ICU arguments left out. */
function foreignWords(message: string): string[] {
  const text = message
    .replace(/\{\s*\w+\s*(,[^{}]*)?\}/g, " ") // {name} and {count, number}
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d");
  const words = text.match(/[A-Za-z]+/g) ?? [];
  return words.filter((word) => {
    const lower = word.toLowerCase();
    return lower.length > 1 && !ALLOWED.has(lower) && !SYLLABLE.test(lower);
  });
}

function Message({ id, values }: { id: MessageKey; values?: MessageValues }) {
  const { t } = useI18n();
  return <p>{t(id, values)}</p>;
}

function say(lang: "vi" | "en", id: MessageKey, values?: MessageValues): string {
  const { unmount } = render(
    <I18nProvider lang={lang}>
      <Message id={id} values={values} />
    </I18nProvider>,
  );
  const text = screen.getByRole("paragraph").textContent ?? "";
  unmount();
  return text;
}

describe("message catalogs", () => {
  it("give every Vietnamese message in English, with the same arguments", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as MessageKey[]) {
      expect(argumentNames(en[key]), key).toEqual(argumentNames(vi[key]));
    }
  });

  it("hold valid ICU messages in both languages", () => {
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, message] of Object.entries(catalog)) {
        const values = Object.fromEntries(argumentNames(message).map((name) => [name, 2]));
        expect(() => new IntlMessageFormat(message, lang).format(values), key).not.toThrow();
      }
    }
  });

  it("agree in number in English and group digits the Vietnamese way", () => {
    expect(say("en", "import.done", { count: 1 })).toBe("1 record imported.");
    expect(say("en", "import.done", { count: 2 })).toBe("2 records imported.");
    expect(say("en", "import.hasErrors", { errors: 1, rows: 3 })).toBe("1 problem in 3 rows.");
    expect(say("en", "table.records", { count: 1250 })).toBe("1,250 records");
    expect(say("vi", "import.done", { count: 1 })).toBe("Đã nhập 1 bản ghi.");
    expect(say("vi", "table.records", { count: 1250 })).toBe("1.250 bản ghi");
    expect(say("vi", "models.scope", { date: "31/12/2025" })).toBe(
      "Bắt đầu đến 31/12/2025, trạng thái hiện nay",
    );
  });

  it("speak Vietnamese in the Vietnamese catalog", () => {
    const english = Object.entries(vi)
      .map(([key, message]) => [key, foreignWords(message)] as const)
      .filter(([, words]) => words.length > 0);
    expect(english).toEqual([]);
  });

  it("would notice an English word in a Vietnamese message", () => {
    expect(foreignWords("Đã nhập {count, number} records imported")).toEqual([
      "records",
      "imported",
    ]);
    expect(foreignWords("Tải tệp CSV, ngày dd/mm/yyyy")).toEqual([]);
    expect(foreignWords("Live: slide 3")).toEqual(["Live", "slide"]);
  });
});
