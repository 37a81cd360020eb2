import { useI18n } from "../lib/i18n";

const NAMES = { vi: "Tiếng Việt", en: "English" } as const;

/**
 * Vietnamese or English, as a row of chips: "VI EN" in the top bar, the languages' own names on
 * the sign-in screen (each name in its language, so a reader finds theirs).
 */
export function LanguageSwitch({ long = false }: { long?: boolean }) {
  const { t, lang, setLang } = useI18n();
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{t("lang.switch")}</legend>
      {(["vi", "en"] as const).map((code) => (
        <button
          key={code}
          type="button"
          className={`chip ${lang === code ? "chip-active" : ""}`}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {long ? NAMES[code] : code.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
