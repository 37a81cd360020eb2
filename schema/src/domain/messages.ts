// The validation messages, once, in both languages. A zod rule carries no text of its own: its
// issue (code, limits, or `params.message` for a refinement) is turned into words here, in the
// caller's language, so the server's errors, the import's row report and the dashboard's forms
// say the same thing. Vietnamese is the default; English only when the caller asks for it.
import type { z } from "zod";
import type { Lang } from "./enums";
import { REQUEST_MESSAGES } from "./request-messages";
import { RULE_MESSAGES } from "./rule-messages";

/** A message in both languages. */
export interface Text {
  vi: string;
  en: string;
}

/**
 * Every message with its parameters. Keys are what a refinement names in `params.message`: the
 * rules' and typed errors' (rule-messages.ts) and a request's refusals (request-messages.ts).
 */
export const MESSAGES = { ...RULE_MESSAGES, ...REQUEST_MESSAGES } as const;

export type MessageKey = keyof typeof MESSAGES;

/** The `params` a refinement passes so its issue is worded from the table. */
export function says<K extends MessageKey>(
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
): { params: { message: K; args: Parameters<(typeof MESSAGES)[K]>[0] } } {
  return { params: { message: key, args: args[0] as Parameters<(typeof MESSAGES)[K]>[0] } };
}

/** A message of the table in both languages. */
export function textOf<K extends MessageKey>(
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
): Text {
  return (MESSAGES[key] as (p: unknown) => Text)(args[0]);
}

/**
 * A zod issue in both languages: a refinement's `params.message` from the table, the built-in
 * checks (whole, minimum, maximum, length, enum) by their code, and any other issue's own message
 * (a rule written elsewhere with its text) as it is.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  switch (issue.code) {
    case "custom": {
      // Already worded (a period's problem, checked outside zod and added to its issues).
      const text = issue.params?.text as Text | undefined;
      if (text) return text;
      const key = issue.params?.message as MessageKey | undefined;
      if (key && key in MESSAGES) {
        return (MESSAGES[key] as (p: unknown) => Text)(issue.params?.args);
      }
      return { vi: issue.message, en: issue.message };
    }
    case "invalid_type":
      if (issue.expected === "int") return textOf("whole");
      return textOf("invalid");
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? textOf("empty")
          : textOf("tooShort", { min: Number(issue.minimum) });
      }
      if (issue.origin === "number" || issue.origin === "bigint") {
        return textOf("atLeast", { min: issue.minimum as number | bigint });
      }
      return textOf("invalid");
    case "too_big":
      if (issue.origin === "string") return textOf("tooLong", { max: Number(issue.maximum) });
      if (issue.origin === "array") return textOf("tooMany", { max: Number(issue.maximum) });
      if (issue.origin === "number" || issue.origin === "bigint") {
        return textOf("atMost", { max: issue.maximum as number | bigint });
      }
      return textOf("invalid");
    case "invalid_value":
      return textOf("oneOf", { values: issue.values.map(String) });
    default:
      return textOf("invalid");
  }
}

/** A message of the table in one language. */
export function textIn<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
): string {
  return textOf(key, ...args)[lang];
}

/** A Text in one language. */
export function inLanguage(text: Text, lang: Lang): string {
  return text[lang];
}

/**
 * The language a caller asks for with Accept-Language: English when its most preferred language
 * that this server speaks is English, Vietnamese otherwise (the default, also for no header).
 */
export function languageFromHeader(header: string | null | undefined): Lang {
  const ranked = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((l) => l.q > 0 && (l.tag.startsWith("vi") || l.tag.startsWith("en")))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith("en") ? "en" : "vi";
}
