// Messages through i18next with ICU MessageFormat (plurals, numbers, interpolation). The catalogs
// are web/src/locales/<lang>.json; Vietnamese is the source language, so its catalog defines the
// keys (MessageKey) and English must give every one of them (locales.test.ts checks).
// Adding a language: a catalog beside these two, its code in `Lang` (lib/format.ts) and below.
import i18next, { type i18n as I18nInstance } from "i18next";
import ICU from "i18next-icu";
import { type ReactNode, useEffect, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import en from "../locales/en.json";
import vi from "../locales/vi.json";
import type { Lang } from "./format";
import { createStore } from "./store";

export type MessageKey = keyof typeof vi;

export const catalogs: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** Values for a message's ICU arguments: `t("import.done", { count: 3 })`. */
export type MessageValues = Record<string, string | number>;

export type Translate = (key: MessageKey, values?: MessageValues) => string;

interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

const LANG_KEY = "d05.lang";

function storedLang(): Lang {
  return globalThis.localStorage?.getItem(LANG_KEY) === "en" ? "en" : "vi";
}

/**
 * The interface's language outside React: the API client sends it as Accept-Language so the
 * server's messages come back in the same language as the screen.
 */
export const languageStore = createStore<Lang>(storedLang());

function createI18n(lang: Lang): I18nInstance {
  const instance = i18next.createInstance();
  void instance.use(ICU).init({
    lng: lang,
    fallbackLng: "vi",
    supportedLngs: ["vi", "en"],
    resources: { vi: { translation: vi }, en: { translation: en } },
    // Keys are flat ("import.done"); a dot or colon in them is not a path.
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders; the catalogs hold no markup.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const instances = new Map<Lang, I18nInstance>();

/**
 * A message in the given language outside React, for the pure helpers that take `lang` (period
 * labels, short money, chart axes), so their words live in the catalogs like every other.
 */
export function translate(lang: Lang, key: MessageKey, values?: MessageValues): string {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    instances.set(lang, instance);
  }
  return instance.t(key, values ?? {});
}

/** `lang` fixes the language (tests); otherwise it is the one chosen last time, Vietnamese first. */
export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const instance = useMemo(() => createI18n(fixed ?? storedLang()), [fixed]);
  useEffect(() => {
    const announce = (lang: string) => {
      document.documentElement.lang = lang;
      languageStore.set(lang === "en" ? "en" : "vi");
    };
    announce(instance.language);
    instance.on("languageChanged", announce);
    return () => instance.off("languageChanged", announce);
  }, [instance]);
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}

export function useI18n(): I18n {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === "en" ? "en" : "vi";
  return useMemo<I18n>(
    () => ({
      lang,
      t: (key, values) => t(key, values ?? {}),
      setLang(next) {
        globalThis.localStorage?.setItem(LANG_KEY, next);
        void i18n.changeLanguage(next);
      },
    }),
    [lang, t, i18n],
  );
}
