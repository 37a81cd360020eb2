import type http from "node:http";
import { type Database, rawQueriesOf } from "@d05/prisma";
import { bearerToken, type ReadCache, type TokenSettings, viewerFromToken } from "@d05/schema";
import { GraphQLError, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import { databaseUnavailableError, isDatabaseUnavailable, shortMessage } from "./database-errors";
import { localizedError } from "./language";
import type { Limits } from "./limits";
import { maySeeSchema } from "./limits/suggestions";
import type { RateLimiter } from "./rate-limit";

/** A verified token's account, or why the token was not accepted. */
export type TokenCheck = Awaited<ReturnType<typeof viewerFromToken>>;

/**
 * Who is calling, decided once per operation before it is parsed: the token is verified (and the
 * account looked up) here, the result shared with the context factory, the rate limiter and the
 * introspection rule. Over WebSocket the same steps run in graphql-ws' onSubscribe, which puts
 * the check on the initial context as `tokenCheck`.
 */
export interface AccessControl {
  plugin: Plugin;
  /** The token check of an operation (null: no token), from its initial context. */
  checkOf(initial: object): Promise<TokenCheck | null>;
  /** Verifies a token and counts the operation against the caller's rate limit. */
  admit(token: string | null, address: string): Promise<TokenCheck | null>;
}

export function createAccessControl(options: {
  database: Database;
  auth: TokenSettings;
  limits: Pick<Limits, "introspection">;
  rateLimiter: RateLimiter;
  /** Who an anonymous request is from (the peer, or the client behind a trusted proxy). */
  clientAddress: (req: http.IncomingMessage) => string;
  log?: (message: string) => void;
  /** Where accounts read for tokens are kept until they change (absent: read every time). */
  reads?: ReadCache;
}): AccessControl {
  const { database, auth, rateLimiter } = options;
  const checks = new WeakMap<Request, TokenCheck | null>();

  const verify = async (token: string | null) => {
    if (!token) return null;
    try {
      return await viewerFromToken(token, rawQueriesOf(database), auth, options.reads);
    } catch (error) {
      // Thrown from here (before yoga's execution), a raw driver error would be logged with its
      // stack by yoga and answered 500; the database being away is a 503 the client may retry.
      if (!isDatabaseUnavailable(error)) throw error;
      options.log?.(`Database unavailable: ${shortMessage(error)}`);
      throw databaseUnavailableError();
    }
  };

  async function admit(token: string | null, address: string) {
    const check = await verify(token);
    await rateLimiter.consume(
      check && "viewer" in check ? { userId: check.viewer.userId } : { address },
    );
    return check;
  }

  function storedCheck(initial: object): TokenCheck | null | undefined {
    if ("tokenCheck" in initial) return initial.tokenCheck as TokenCheck | null;
    const request = (initial as { request?: Request }).request;
    return request ? checks.get(request) : undefined;
  }

  function mayIntrospect(initial: object): boolean {
    const check = storedCheck(initial);
    return maySeeSchema(
      options.limits.introspection,
      check && "viewer" in check ? check.viewer.role : null,
    );
  }

  const plugin: Plugin = {
    async onParams({ request, context }) {
      const token = bearerToken(request.headers.get("authorization"));
      const req = (context as { req?: http.IncomingMessage }).req;
      checks.set(request, await admit(token, req ? options.clientAddress(req) : "unknown"));
    },
    onValidate({ addValidationRule, context }) {
      if (mayIntrospect(context)) return;
      addValidationRule(noIntrospection(options.limits.introspection));
      return ({ result, setResult }) => {
        // "Did you mean …?" would reveal the schema piece by piece to whoever may not introspect.
        if (result.some((error) => / Did you mean /.test(error.message))) {
          setResult(
            result.map(
              (error) =>
                new GraphQLError(error.message.replace(/ Did you mean .*$/, ""), {
                  nodes: error.nodes,
                  source: error.source,
                  positions: error.positions,
                  path: error.path,
                  extensions: error.extensions,
                }),
            ),
          );
        }
      };
    },
  };

  return {
    plugin,
    admit,
    async checkOf(initial) {
      const stored = storedCheck(initial);
      if (stored !== undefined) return stored;
      // Not seen by onParams (e.g. yoga.fetch from a test without a request): verify now.
      return verify(
        bearerToken((initial as { request?: Request }).request?.headers.get("authorization")),
      );
    },
  };
}

function noIntrospection(mode: Limits["introspection"]): ValidationRule {
  const key = mode === "off" ? "introspectionOff" : "introspectionForAnalysts";
  // A named rule: yoga caches validation per set of rule names, so callers with and without
  // this rule never share a cached result.
  return function noIntrospectionRule(context) {
    return {
      Field(node) {
        if (node.name.value === "__schema" || node.name.value === "__type") {
          context.reportError(
            localizedError(key, undefined, {
              nodes: [node],
              extensions: { code: "INTROSPECTION_DISABLED" },
            }),
          );
        }
      },
    };
  };
}
