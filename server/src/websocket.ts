import type http from "node:http";
import { type Database, rawQueriesOf } from "@d05/prisma";
import {
  bearerToken,
  type Context,
  SHARED_LIVE_FIELDS,
  type TokenSettings,
  viewerFromToken,
} from "@d05/schema";
import { type Lang, textIn } from "@d05/schema/domain";
import { type ExecutionArgs, GraphQLError, getOperationAST, Kind } from "graphql";
import type { SubscribePayload, Context as WsContext } from "graphql-ws";
import { type Extra, useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { type WebSocket, WebSocketServer } from "ws";
import type { AccessControl } from "./access";
import { databaseUnavailableError, isDatabaseUnavailable } from "./database-errors";
import { languageOf, localizedError, withLanguage } from "./language";
import { createLiveGroups, type LiveGroupOptions } from "./live-groups";

const langOf = (args: ExecutionArgs): Lang =>
  (args.contextValue as { lang?: Lang } | undefined)?.lang ?? "vi";

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** An idle socket that never sends connection_init is closed (4408) after this long. */
export const CONNECTION_INIT_TIMEOUT_MS = 3_000;

/**
 * How often an open connection's token is verified again. A subscription has no maximum
 * lifetime (a projector's live view runs all day), but it lives no longer than its sign-in: once
 * the token expires or is revoked (or the account disabled), the socket is closed with 4403.
 */
export const TOKEN_RECHECK_MS = 60_000;

/**
 * The token a graphql-ws client sends in its connection_init payload: `{ authorization: "Bearer
 * <token>" }` (what an HTTP client would send as a header) or simply `{ token: "<token>" }`.
 */
export function tokenFromConnectionParams(
  params: Record<string, unknown> | undefined,
): string | null {
  if (!params) return null;
  const header = params.authorization ?? params.Authorization;
  if (typeof header === "string") return bearerToken(header);
  return typeof params.token === "string" && params.token ? params.token : null;
}

export interface WebSocketOptions {
  server: http.Server;
  // biome-ignore lint/suspicious/noExplicitAny: any server/user context of this app's yoga
  yoga: YogaServerInstance<any, any>;
  database: Database;
  auth: TokenSettings;
  /** Verifies each operation's token and counts it against the rate limit. */
  access: AccessControl;
  /** Who the connection is from (the peer, or the client behind a trusted proxy). */
  clientAddress: (req: http.IncomingMessage) => string;
  /** Largest message a client may send; a larger one closes the socket (1009). */
  maxMessageBytes: number;
  /** How often an open connection's token is verified again (default TOKEN_RECHECK_MS). */
  tokenRecheckMs?: number;
  /**
   * Operations one socket may hold open at once (MAX_SUBSCRIPTIONS_PER_SOCKET); one more is
   * answered TOO_MANY_SUBSCRIPTIONS and the socket, with what it holds, stays open.
   */
  maxSubscriptionsPerSocket: number;
  log?: (message: string) => void;
  onOpen?: () => void;
  onClose?: () => void;
  /** An operation refused before it ran (invalid, over a limit), with its errors: for metrics. */
  onRefused?: (errors: readonly GraphQLError[]) => void;
  /** How shared live pushes are written out (live-groups.ts). */
  liveGroups?: LiveGroupOptions;
}

function tooManyOnOneSocket(limit: number): GraphQLError {
  return localizedError(
    "tooManySubscriptionsOnSocket",
    { limit },
    { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit } },
  );
}

/** The connection's language: its connection_init payload's, else its upgrade request's. */
function languageOfConnection(ctx: {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { request: http.IncomingMessage };
}): Lang {
  return languageOf(ctx.extra.request, ctx.connectionParams);
}

/** `iterable`, each step taken in `lang`, so errors made while resolving a push are worded in it. */
function stepsIn<T>(lang: Lang, iterable: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  const wrapped: AsyncIterableIterator<T> = {
    next: () => withLanguage(lang, () => iterator.next()),
    return: async (value?: unknown) =>
      (await iterator.return?.(value)) ?? { done: true, value: undefined },
    throw: async (error?: unknown) => {
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}

type EnvelopedArgs = ExecutionArgs & {
  rootValue: {
    execute: (args: ExecutionArgs) => unknown;
    subscribe: (args: ExecutionArgs) => unknown;
    /** The operation as the client sent it, its id and socket: for live groups. */
    operation: { id: string; params: SubscribePayload; socket: WebSocket };
  };
};

/**
 * The live group an operation may share its pushes with (live-groups.ts), or null: a
 * subscription to one shared live field (SHARED_LIVE_FIELDS) by a signed-in viewer. The key
 * holds everything its pushes depend on: the document as sent, the operation, the variables, the
 * language of its messages, and what the viewer may see (role and scope; not who it is).
 */
function liveGroupKey(args: EnvelopedArgs, lang: Lang): string | null {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  if (!viewer) return null;
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== "subscription") return null;
  const [field, ...others] = operation.selectionSet.selections;
  if (others.length > 0 || field?.kind !== Kind.FIELD) return null;
  if (!SHARED_LIVE_FIELDS.has(field.name.value)) return null;
  const { params } = args.rootValue.operation;
  return JSON.stringify([
    params.query,
    params.operationName ?? null,
    params.variables ?? null,
    lang,
    viewer.role,
    viewer.scopeUnitId,
  ]);
}

/**
 * graphql-ws on the HTTP server's port at /graphql. Every operation goes through
 * `yoga.getEnveloped`, so it gets the same plugins, context and error masking as HTTP.
 * Connections must present a valid token in connection_init; otherwise they are closed with 4403.
 */
export function attachWebSocket(options: WebSocketOptions) {
  const { server, yoga, database, auth } = options;
  const wss = new WebSocketServer({
    server,
    path: "/graphql",
    maxPayload: options.maxMessageBytes,
  });
  wss.on("connection", (socket) => {
    options.onOpen?.();
    socket.once("close", () => options.onClose?.());
  });

  const closeWhenTokenLapses = (socket: WebSocket, token: string, lang: Lang) => {
    const timer = setInterval(async () => {
      try {
        const check = await viewerFromToken(token, rawQueriesOf(database), auth);
        if ("viewer" in check) return;
        socket.close(
          4403,
          textIn(lang, check.problem === "expired" ? "sessionExpired" : "sessionRevoked"),
        );
      } catch {
        // The database is away: the connection stays; the token is checked again next time.
      }
    }, options.tokenRecheckMs ?? TOKEN_RECHECK_MS);
    timer.unref();
    socket.once("close", () => clearInterval(timer));
  };

  const refused = (errors: readonly GraphQLError[]) => {
    options.onRefused?.(errors);
    return errors;
  };

  const liveGroups = createLiveGroups(options.liveGroups);

  /**
   * A shared live subscription: the group's source listens and resolves each push once; this
   * subscriber's own subscription (its scope check, its slot, its INITIAL push) starts after
   * the group listens. Null when it is not shared or its group could not start.
   */
  async function subscribeShared(args: EnvelopedArgs, lang: Lang): Promise<unknown> {
    const key = liveGroupKey(args, lang);
    if (!key) return null;
    const context = args.contextValue as Context;
    const { subscribe, operation } = args.rootValue;
    const inRole = (liveRole: Context["liveRole"]) =>
      withLanguage(lang, () => subscribe({ ...args, contextValue: { ...context, liveRole } }));
    const membership = await liveGroups.join(key, operation.socket, operation.id, async () => {
      const source = await inRole("source");
      return isAsyncIterable(source) ? stepsIn(lang, source) : source;
    });
    if (!membership) return null;
    const own = await inRole("member");
    if (!isAsyncIterable(own)) {
      membership.leave();
      return own;
    }
    return membership.attach(stepsIn(lang, own) as never);
  }

  const disposable = useServer(
    {
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      // Refuses anonymous and bad tokens before any operation: every subscription needs an account.
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        if (!token) return false;
        const lang = languageOfConnection(ctx);
        try {
          const check = await viewerFromToken(token, rawQueriesOf(database), auth);
          if ("viewer" in check) closeWhenTokenLapses(ctx.extra.socket, token, lang);
          return "viewer" in check;
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          // 1013 "try again later": graphql-ws clients reconnect after it (a thrown error would
          // close with 4500, which they treat as fatal, and carry the driver's message).
          ctx.extra.socket.close(1013, textIn(lang, "databaseUnavailableClose"));
          return false;
        }
      },
      // Each operation, and each push of a subscription, runs in the connection's language.
      execute: (args) =>
        withLanguage(langOf(args), () => (args as EnvelopedArgs).rootValue.execute(args)) as never,
      subscribe: async (args) => {
        const lang = langOf(args);
        const shared = await subscribeShared(args as EnvelopedArgs, lang);
        if (shared) return shared as never;
        const result = await withLanguage(lang, () =>
          (args as EnvelopedArgs).rootValue.subscribe(args),
        );
        return (isAsyncIterable(result) ? stepsIn(lang, result) : result) as never;
      },
      onSubscribe: (ctx, id, params) =>
        withLanguage(languageOfConnection(ctx), () => subscribeOperation(ctx, id, params)),
    },
    wss,
  );

  async function subscribeOperation(
    ctx: WsContext<Record<string, unknown> | undefined, Extra>,
    id: string,
    params: SubscribePayload,
  ) {
    // graphql-ws has already registered this operation: it counts itself.
    const open = Object.keys(ctx.subscriptions).length;
    const limit = options.maxSubscriptionsPerSocket;
    if (limit > 0 && open > limit) {
      return refused([tooManyOnOneSocket(limit)]);
    }
    try {
      // Per operation, as over HTTP: a token revoked mid-connection stops working at once.
      const tokenCheck = await options.access.admit(
        tokenFromConnectionParams(ctx.connectionParams),
        options.clientAddress(ctx.extra.request),
      );
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params,
        tokenCheck,
      });
      const document = parse(params.query);
      const errors = validate(schema, document);
      if (errors.length) return refused(errors);
      return {
        schema,
        operationName: params.operationName,
        document,
        variableValues: params.variables,
        contextValue: await contextFactory(),
        rootValue: { execute, subscribe, operation: { id, params, socket: ctx.extra.socket } },
      } satisfies EnvelopedArgs;
    } catch (error) {
      // Refusals (rate limit, token limit) go back as the operation's errors; anything else is
      // masked like an unexpected error over HTTP.
      if (error instanceof GraphQLError) return refused([error]);
      if (isDatabaseUnavailable(error)) return refused([databaseUnavailableError()]);
      options.log?.(`Unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
      return refused([
        localizedError("unexpected", undefined, {
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        }),
      ]);
    }
  }

  return {
    /** Shared live groups now (tests, metrics). */
    liveGroups: () => liveGroups.stats(),
    /**
     * Closes every client (default 1001 going away; a restarting server says 1012, on which
     * graphql-ws clients and the dashboard reconnect), then the WebSocket server.
     */
    async close(code = 1001, reason = "Going away"): Promise<void> {
      for (const client of wss.clients) client.close(code, reason);
      await disposable.dispose();
    },
  };
}
