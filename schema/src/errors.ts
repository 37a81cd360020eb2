import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Lang } from "./domain/enums";
import { issueText, type MESSAGES, type MessageKey, type Text, textOf } from "./domain/messages";

/**
 * Expected failures, returned to clients as typed GraphQL errors (plugin-errors). `message` is
 * Vietnamese; one built from the message table also knows its English (`text`), which a caller
 * asking for English receives.
 */
export class DomainError extends Error {
  override name = "DomainError";
  readonly text?: Text;
  constructor(message: string | Text) {
    super(typeof message === "string" ? message : message.vi);
    if (typeof message !== "string") this.text = message;
  }
  /** The message in the caller's language. */
  messageIn(lang: Lang): string {
    return this.text?.[lang] ?? this.message;
  }
}

export interface FieldIssue {
  /** Path of the offending input field, e.g. ["input", "attendance"]. */
  path: string[];
  /** In Vietnamese. */
  message: string;
  /** In English, when the rule's message comes from the message table. */
  en?: string;
}

/** A zod (or other Standard Schema) issue as a FieldIssue under `prefix`, worded by the table. */
export function fieldIssueOf(
  issue: { message: string; path?: readonly PropertyKey[] | readonly unknown[]; code?: string },
  prefix: string[] = [],
): FieldIssue {
  const path = [
    ...prefix,
    ...(issue.path ?? []).map((p) =>
      String(typeof p === "object" && p !== null && "key" in p ? (p as { key: unknown }).key : p),
    ),
  ];
  if (!issue.code) return { path, message: issue.message };
  const text = issueText(issue as Parameters<typeof issueText>[0]);
  return { path, message: text.vi, en: text.en };
}

/** A FieldIssue worded by the message table, in both languages. */
export function issueOf<K extends MessageKey>(
  path: string[],
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
): FieldIssue {
  const text = textOf(key, ...args);
  return { path, message: text.vi, en: text.en };
}

/** Input that breaks a rule; names each field and what is wrong with it. Nothing was written. */
export class InputError extends DomainError {
  override name = "InputError";
  constructor(
    public readonly issues: FieldIssue[],
    /** Instead of the issues' summary: a Text when it has its English too. */
    message?: string | Text,
  ) {
    super(message ?? InputError.summary(issues, "vi"));
  }
  static summary(issues: FieldIssue[], lang: Lang): string {
    return issues
      .map(
        (i) => `${i.path.join(".") || "input"}: ${lang === "en" ? (i.en ?? i.message) : i.message}`,
      )
      .join("; ");
  }
  override messageIn(lang: Lang): string {
    if (this.text) return this.text[lang];
    return lang === "vi" ? this.message : InputError.summary(this.issues, lang);
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  /** The global id of what was looked for, as clients use ids everywhere else. */
  readonly globalId: string;
  constructor(
    public readonly entity: string,
    /** The row id (plain digits) or the id as the client sent it. */
    public readonly entityId: string,
  ) {
    const globalId = /^[0-9]+$/.test(entityId) ? encodeGlobalID(entity, entityId) : entityId;
    super(textOf("notFound", { entity, id: globalId }));
    this.globalId = globalId;
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
}

export class AuthenticationError extends DomainError {
  override name = "AuthenticationError";
}
