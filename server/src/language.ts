// The language of the request being answered, for messages made where neither the request nor
// its GraphQL context is at hand: GraphQL Armor's refusals, yoga's error masking, a thrown
// DomainError turned into a located error. Each HTTP request (and each WebSocket operation) runs
// inside `withLanguage`, so everything it calls, synchronously or after an await, sees it.
import { AsyncLocalStorage } from "node:async_hooks";
import type http from "node:http";
import {
  type Lang,
  languageFromHeader,
  type MESSAGES,
  type MessageKey,
  textIn,
} from "@d05/schema/domain";
import { GraphQLError, type GraphQLErrorOptions } from "graphql";
import type { Plugin } from "graphql-yoga";

const current = new AsyncLocalStorage<Lang>();

export function withLanguage<T>(lang: Lang, run: () => T): T {
  return current.run(lang, run);
}

/** The language of the request in progress; Vietnamese outside any (the default). */
export function requestLanguage(): Lang {
  return current.getStore() ?? "vi";
}

/**
 * What a request asks for: a WebSocket client (whose browser sends its own Accept-Language on the
 * upgrade) may name the interface's language in its connection_init payload, which wins.
 */
export function languageOf(
  req: http.IncomingMessage | undefined,
  connectionParams?: Record<string, unknown>,
): Lang {
  const asked = connectionParams?.["accept-language"] ?? connectionParams?.acceptLanguage;
  if (typeof asked === "string") return languageFromHeader(asked);
  return languageFromHeader(req?.headers["accept-language"]);
}

/** A message of the table in the request's language. */
export function say<K extends MessageKey>(
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
): string {
  return textIn(requestLanguage(), key, ...args);
}

/** How to word a localized error again in another language. */
const rewordings = new WeakMap<GraphQLError, (lang: Lang) => GraphQLError>();

/**
 * A GraphQLError worded from the table in the request's language, which can be worded again for
 * another request: yoga caches validation results by document, errors included, so a refusal
 * made for a Vietnamese request may later answer an English one (see `localizeValidation`).
 */
export function localizedError<K extends MessageKey>(
  key: K,
  args: Parameters<(typeof MESSAGES)[K]>[0],
  options: GraphQLErrorOptions = {},
  lang: Lang = requestLanguage(),
): GraphQLError {
  const make = (l: Lang): GraphQLError => {
    const error = new GraphQLError(
      textIn(l, key, ...([args] as Parameters<(typeof MESSAGES)[K]>)),
      options,
    );
    rewordings.set(error, make);
    return error;
  };
  return make(lang);
}

/** `error` in `lang` when it is a localized error worded in another; else itself. */
export function inRequestLanguage(error: GraphQLError, lang: Lang = requestLanguage()) {
  const reword = rewordings.get(error);
  if (!reword) return error;
  const again = reword(lang);
  if (again.message === error.message) return error;
  // Located by validation: the same place in the document.
  return new GraphQLError(again.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** Validation refusals (the limits, introspection) in the language of each request. */
export function localizeValidation(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        const lang = requestLanguage();
        const worded = result.map((error) => inRequestLanguage(error, lang));
        if (worded.some((error, i) => error !== result[i])) setResult(worded);
      };
    },
  };
}
