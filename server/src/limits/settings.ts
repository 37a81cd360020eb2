// The per-caller limits and their defaults: a module of its own, so the configuration can be
// read (and the starting page served) before the GraphQL machinery is loaded.

/** What one caller may ask of the server. Every limit applies over HTTP, SSE and WebSocket. */
export interface Limits {
  /** Deepest selection (fields, fragments flattened; introspection's __schema not counted). */
  maxDepth: number;
  /** Aliased fields in one operation (aliases multiply work without adding depth). */
  maxAliases: number;
  /** Lexical tokens in one document, checked while parsing. */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /**
   * Cost budget: each field 1 (analytics fields 50), sub-selections times the page size or the
   * length of the list asked for (`nodes(ids:)`).
   */
  maxCost: number;
  /**
   * A query (not a mutation) still running after this is answered with an error; for a
   * subscription, the resolution of each event (the wait between events is not counted).
   */
  executionTimeoutMs: number;
  /** Largest HTTP request body and WebSocket message, in bytes. */
  maxBodyBytes: number;
  /** Operations per minute for each signed-in account (0: no limit). */
  rateLimitPerMinute: number;
  /** Operations per minute for each client address without a valid token (0: no limit). */
  anonymousRateLimitPerMinute: number;
  /** Who may introspect the schema (and see "Did you mean …" suggestions). */
  introspection: "open" | "signed-in-analysts" | "off";
  /**
   * "on": requests a browser sends cross-site without a CORS preflight (form or multipart POST)
   * need a preflight-forcing header; "strict": GET too; "off": no check.
   */
  csrf: "on" | "strict" | "off";
}

export const defaultLimits: Limits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 30,
  maxCost: 10_000,
  executionTimeoutMs: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
  rateLimitPerMinute: 1_200,
  anonymousRateLimitPerMinute: 300,
  introspection: "signed-in-analysts",
  csrf: "on",
};
