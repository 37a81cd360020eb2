import { languageFromHeader } from "@d05/schema/domain";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { Plugin } from "graphql-yoga";
import { localizedError } from "./language";
import type { Limits } from "./limits";

/** Headers that make a browser send a CORS preflight, so a cross-site page cannot forge them. */
export const PREFLIGHT_HEADERS = [
  "x-graphql-yoga-csrf",
  "apollo-require-preflight",
  "authorization",
];

/**
 * CSRF prevention by yoga's own plugin: a request a browser may send cross-site without a CORS
 * preflight (a form, multipart or text/plain POST, or a request without a content type) must carry
 * one of PREFLIGHT_HEADERS. Tokens travel in the Authorization header, never in cookies, so a
 * forged request carries no credentials; this still refuses what a browser would send cross-site
 * without asking, in case cookie sessions are ever added.
 *
 * CSRF_PREVENTION keeps its meaning: "on" checks POSTs (text/plain now included), and leaves GETs
 * alone (they read, and only as nobody: no cookies); "strict" checks GETs too (yoga's plugin as
 * it is); "off" checks nothing. The refusal keeps our code and message.
 */
export function csrfPrevention(mode: Limits["csrf"]): Plugin {
  if (mode === "off") return {};
  const check = useCSRFPrevention({ requestHeaders: PREFLIGHT_HEADERS });
  return {
    onRequestParse(payload) {
      if (mode === "on" && payload.request.method === "GET") return;
      try {
        check.onRequestParse?.(payload);
      } catch {
        throw localizedError(
          "csrfRefused",
          undefined,
          { extensions: { code: "CSRF_REFUSED", http: { status: 403 } } },
          languageFromHeader(payload.request.headers.get("accept-language")),
        );
      }
    },
  };
}
