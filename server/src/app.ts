import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@d05/prisma";
import {
  AuthenticationError,
  type Context,
  DomainError,
  ForbiddenError,
  InputError,
  type LiveSettings,
  languageFromHeader,
  NotFoundError,
  ReadCache,
  type ReadCacheOptions,
  schema,
  useSlotStore,
} from "@d05/schema";
import { AFTER_CHANGE_HEADER } from "@d05/schema/domain";
import { useGraphQlJit } from "@envelop/graphql-jit";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { type ExecutionArgs, GraphQLError, getOperationAST } from "graphql";
import { createYoga, maskError, type YogaLogger } from "graphql-yoga";
import { createAccessControl } from "./access";
import { backupEndpoint } from "./backup-endpoint";
import { clientAddressOf } from "./client-address";
import { csrfPrevention } from "./csrf";
import {
  databaseBusyError,
  databaseUnavailableError,
  isDatabaseBusy,
  isDatabaseUnavailable,
  shortMessage,
} from "./database-errors";
import { exportEndpoint } from "./export-endpoint";
import { createHealthChecks } from "./health";
import { observeImports } from "./import-metrics";
import { languageOf, localizeValidation, requestLanguage, say, withLanguage } from "./language";
import {
  defaultLimits,
  executionTimeoutPlugin,
  type Limits,
  queryLimitPlugins,
  subscriptionEventTimeoutPlugin,
} from "./limits";
import { requestBodyLimit } from "./limits/body-size";
import type { LiveGroupOptions, LiveGroupStats } from "./live-groups";
import { createLogger, createRequestLog, type Logger, yogaLogger } from "./logging";
import { createMetrics } from "./metrics";
import { observeOperations } from "./operations";
import { type ChangePubSub, createChangePubSub } from "./pubsub";
import { createRateLimiter } from "./rate-limit";
import { reportEndpoint } from "./report/endpoint";
import { corsPolicy, graphiqlWithPolicy, setSecurityHeaders } from "./security-headers";
import { DEFAULT_SHUTDOWN_GRACE_MS, trackRequestsInFlight } from "./shutdown";
import { staticDashboard } from "./static";
import { createRedisSlotStore } from "./subscription-slots";
import { attachWebSocket } from "./websocket";

export { defaultLimits, type Limits } from "./limits";

export interface AppOptions {
  database: Database;
  authSecret: string;
  port?: number;
  host?: string;
  /** Redis for live events shared by every instance; absent means in-process. */
  redisUrl?: string;
  /** Prefix of the Redis channels (default "d05:"), so deployments or test runs can share a Redis. */
  redisChannelPrefix?: string;
  /** Coalescing of live pushes (default: one push per 150 ms, feed backlog of 100). */
  live?: Partial<LiveSettings>;
  /** Structured log: a line per request with its id, operation, account, duration, status. */
  logger?: Logger;
  /** Where messages (outages, unexpected errors) go; default: `logger` (an error with its stack). */
  log?: (message: string) => void;
  /** Limits on what one caller may ask (defaults: `defaultLimits`). */
  limits?: Partial<Limits>;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY); anonymous
   * rate limits then key on that client. Default: none (the header is ignored: spoofable).
   */
  trustedProxies?: string[];
  /** How often an open WebSocket's token is verified again (default 60 s). */
  tokenRecheckMs?: number;
  /**
   * Reuse of reads (analytics answers, unit tree facts, accounts behind tokens) until a change
   * makes them stale (answers: READ_CACHE_TTL_SECONDS, default 60 s at most, 0 never reused; facts
   * 60 s at most); false reads everything afresh (tests of the uncached paths).
   */
  readCache?: Partial<ReadCacheOptions> | false;
  /** Origins other than this server's own allowed to call the API from a browser (CORS_ORIGINS). */
  corsOrigins?: string[];
  /** How long stop() lets requests in flight finish before cutting them (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
  /**
   * Today's date in Vietnam, which unfinished periods are counted up to (default: the system
   * clock). Only tests set it, to check the figures of a fixed day; no setting reads it.
   */
  today?: () => Date;
  /** How a shared live push is written to its subscribers' sockets (batch size; tests gate it). */
  liveFanOut?: LiveGroupOptions;
  /** Key of GET /admin/backup (`pnpm db:backup` of a running embedded database); unset: no route. */
  backupKey?: string;
}

/** What yoga's context factory receives: an HTTP request, or a graphql-ws connection. */
interface ServerContext {
  req: http.IncomingMessage;
  /** The connection_init payload, for operations over WebSocket. */
  connectionParams?: Record<string, unknown>;
}

export interface App {
  /** Listens; resolves with the base URL (port 0 picks a free port). */
  start(): Promise<string>;
  /**
   * Graceful: stops accepting, tells WebSocket clients to reconnect (1012), lets requests in
   * flight finish (at most `graceMs`, default shutdownGraceMs), then closes.
   */
  stop(graceMs?: number): Promise<void>;
  yoga: ReturnType<typeof createYoga<ServerContext, Context>>;
  /** The change bus writes publish on and subscriptions listen to. */
  events: ChangePubSub;
  /** WebSocket subscriptions sharing their pushes now, and what they resolved and wrote. */
  liveGroups(): LiveGroupStats;
}

/**
 * One port: GraphQL at /graphql over HTTP, SSE and WebSocket (graphql-ws), GraphiQL, /healthz,
 * /metrics (Prometheus), and the built dashboard at /.
 */
export function buildApp({
  database,
  authSecret,
  port = 4000,
  host = "0.0.0.0",
  redisUrl,
  redisChannelPrefix,
  live,
  logger = createLogger(),
  log: customLog,
  limits: limitOverrides,
  trustedProxies = [],
  tokenRecheckMs,
  readCache: readCacheOptions = {},
  corsOrigins = [],
  shutdownGraceMs = DEFAULT_SHUTDOWN_GRACE_MS,
  backupKey,
  liveFanOut,
  today,
}: AppOptions): App {
  const log = customLog ?? ((message: string) => logger.warn(message));
  const logUnexpected = (error: unknown) =>
    customLog
      ? customLog(
          `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
      : logger.error({ err: error }, "Unexpected error");
  const requestLog = createRequestLog(logger);
  const clientAddress = clientAddressOf(trustedProxies);
  const auth = { secret: authSecret };
  const limits: Limits = { ...defaultLimits, ...limitOverrides };
  const rateLimiter = createRateLimiter({
    perMinute: limits.rateLimitPerMinute,
    anonymousPerMinute: limits.anonymousRateLimitPerMinute,
    redisUrl,
    keyPrefix: redisChannelPrefix,
    log,
  });
  const metrics = createMetrics({
    reads: () => reads?.stats(),
    pool: database.poolStats,
    readRoutes: () => database.replicas?.routes,
  });
  const events = createChangePubSub({
    redisUrl,
    channelPrefix: redisChannelPrefix,
    live,
    counters: metrics.bus,
    log,
  });
  // Subscriptions per account counted across instances when they share a Redis.
  const slots = redisUrl
    ? createRedisSlotStore({ redisUrl, keyPrefix: redisChannelPrefix, log })
    : undefined;
  if (slots) useSlotStore(events, slots);
  // Replicas hear of every write (other instances' too) before any later read is answered.
  if (database.replicas) events.watch(database.replicas.watcher);
  const reads = readCacheOptions === false ? undefined : new ReadCache(readCacheOptions);
  if (reads) events.watch(reads);
  const access = createAccessControl({
    database,
    auth,
    limits,
    rateLimiter,
    clientAddress,
    log,
    reads,
  });

  const graphiql = graphiqlWithPolicy(renderGraphiQL);
  const yoga = createYoga<ServerContext, Context>({
    schema: observeImports(schema, metrics.countImport),
    graphqlEndpoint: "/graphql",
    // GraphiQL bundled from npm rather than a CDN: the intranets this runs on are often offline.
    renderGraphiQL: graphiql.render,
    cors: corsPolicy(corsOrigins),
    graphiql: { title: "Chỉ thị 05 — GraphQL", defaultQuery: "{ health }" },
    landingPage: false,
    // Ours instead (requestBodyLimit, last of the plugins): bodies without a Content-Length
    // (chunked) are counted as they stream in, the others checked from the header alone.
    maxRequestBodySize: false,
    plugins: [
      // First: its after-validation hook words cached refusals before others copy them.
      localizeValidation(),
      csrfPrevention(limits.csrf),
      graphiql.plugin,
      access.plugin,
      ...queryLimitPlugins(limits),
      // Queries run as JavaScript compiled once per document (graphql-jit): a comparison of
      // thousands of rows spends most of its time resolving fields one by one otherwise.
      // Mutations keep graphql-js' executor, whose order of side effects is the spec's.
      useGraphQlJit({}, { enableIf: (args) => operationOf(args) === "query" }),
      executionTimeoutPlugin(limits.executionTimeoutMs),
      subscriptionEventTimeoutPlugin(limits.executionTimeoutMs),
      metrics.plugin,
      observeOperations([requestLog.observer, metrics.observer]),
      requestBodyLimit(limits.maxBodyBytes),
    ],
    // Unexpected errors reach the client as "Lỗi ngoài dự kiến." ("Unexpected error." in English)
    // without stack or message, even with NODE_ENV=development; the original goes to the log.
    // Every message here is in the request's language (language.ts).
    maskedErrors: {
      isDev: false,
      maskError(error) {
        const expected = domainError(error);
        if (expected) return expected;
        // PostgreSQL away (restarting, unreachable): a temporary 503 the client may retry, and one
        // log line rather than a stack per request while it lasts.
        if (isDatabaseUnavailable(error)) {
          log(`Database unavailable: ${shortMessage(error)}`);
          return databaseUnavailableError();
        }
        if (isDatabaseBusy(error)) {
          log(`Database busy: ${shortMessage(error)}`);
          return databaseBusyError();
        }
        const masked = maskError(error, say("unexpected"), false);
        if (masked !== error) {
          logUnexpected((error as { originalError?: unknown }).originalError ?? error);
        }
        return masked;
      },
    },
    context: async (initial): Promise<Context> => {
      // Verified once per operation before parsing (HTTP: onParams; WebSocket: onSubscribe).
      const check = await access.checkOf(initial);
      const req = (initial as Partial<ServerContext>).req;
      const { connectionParams } = initial as Partial<ServerContext>;
      const header = initial.request?.headers.get("accept-language");
      const lang = header ? languageFromHeader(header) : languageOf(req, connectionParams);
      const base = {
        db: database,
        auth,
        events,
        reads,
        today,
        lang,
        clientAddress: req && clientAddress(req),
      };
      if (!check) return { ...base, viewer: null };
      if (!("viewer" in check)) return { ...base, viewer: null, tokenProblem: check.problem };
      // The viewer's writes (announced with its account, writes.ts) show in its next reads; so do
      // the changes a live push told it of when it asks again because of it (web/src/client.ts).
      const { userId } = check.viewer;
      const afterChange = initial.request?.headers.get(AFTER_CHANGE_HEADER) === "1";
      return {
        ...base,
        reads: reads?.forReader(userId, afterChange),
        viewer: check.viewer,
      };
    },
    logging: quietAboutDatabaseOutages(yogaLogger(logger)),
  });
  const dashboard = staticDashboard();

  const exportAnswer = exportEndpoint((url, init, serverContext) =>
    yoga.fetch(url, init, serverContext),
  );
  const health = createHealthChecks(database);
  const backup = backupEndpoint(database, backupKey, log);
  const report = reportEndpoint({
    database,
    auth,
    events,
    reads,
    access,
    clientAddress,
    logUnexpected,
  });
  const inFlight = trackRequestsInFlight();
  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    inFlight.add(res);
    // Every message made while answering is in the language the request asks for.
    requestLog.handle(req, res, () => withLanguage(languageOf(req), () => route(req, res)));
  });
  // An idle kept-alive connection stays open longer than clients and proxies keep theirs (undici
  // 4 s, load balancers 60 s): with Node's 5 s, a client sending on a connection the server was
  // just closing got ECONNRESET (seen on a loaded machine). Shutdown closes idle ones at once.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/graphql" || path.startsWith("/graphql/")) {
      metrics.countRequest("graphql");
      if (refuseLargeBody(req, res, limits.maxBodyBytes)) return;
      // No server context of ours: yoga's own already holds `req` (and `res`), and one passed
      // here was merged into it property by property (completeAssign) for every request.
      return yoga(req, res);
    }
    if (path === "/healthz" || path === "/livez" || path === "/readyz") {
      metrics.countRequest(path.slice(1));
      return health[path.slice(1) as "healthz" | "livez" | "readyz"](res);
    }
    if (path.startsWith("/export/")) {
      metrics.countRequest("export");
      return exportAnswer(req, res);
    }
    if (path === "/admin/backup") {
      metrics.countRequest("backup");
      return backup(req, res);
    }
    if (path === "/report" || path === "/report/templates") {
      metrics.countRequest("report");
      return report(req, res);
    }
    if (path === "/metrics") {
      metrics.countRequest("metrics");
      return metrics.serve(res);
    }
    metrics.countRequest("static");
    return dashboard(req, res);
  }
  const webSocket = attachWebSocket({
    server,
    yoga,
    database,
    auth,
    access,
    clientAddress,
    tokenRecheckMs,
    maxMessageBytes: limits.maxBodyBytes,
    maxSubscriptionsPerSocket: events.live.maxSubscriptionsPerSocket,
    log,
    onOpen: metrics.webSocketOpened,
    onClose: metrics.webSocketClosed,
    onRefused: metrics.countRefused,
    liveGroups: { ...liveFanOut, onFanOut: metrics.liveFanOut },
  });
  metrics.watchLiveGroups(webSocket.liveGroups);

  return {
    yoga,
    events,
    liveGroups: webSocket.liveGroups,
    start: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${actual}`);
        });
      }),
    async stop(graceMs = shutdownGraceMs) {
      health.drain();
      const cut = await inFlight.drain(
        server,
        () => webSocket.close(1012, "Service restart"),
        graceMs,
      );
      if (cut) log(`Shutdown: ${cut} request(s) still running after ${graceMs} ms were cut.`);
      await events.close();
      await rateLimiter.close();
      await slots?.close();
    },
  };
}

/**
 * yoga logs every error it masks with its stack. A database outage or overload is already one
 * line per request in our log ("Database unavailable: …"), and an expected, typed refusal (bad
 * input, not found, forbidden) is the caller's mistake, named by the request line's error codes:
 * yoga's copies of those are dropped, so an error line means the server failed.
 */
function quietAboutDatabaseOutages(logger: YogaLogger): YogaLogger {
  return {
    ...logger,
    error: (...args: unknown[]) => {
      if (args.some((a) => isDatabaseUnavailable(a) || isDatabaseBusy(a) || domainError(a))) {
        return;
      }
      logger.error(...args);
    },
  };
}

/**
 * A DomainError thrown outside a mutation's typed result (e.g. a query argument failing its zod
 * rule) is expected, and its message written for the caller: it keeps it, in the request's
 * language, with a code.
 */
function domainError(error: unknown): GraphQLError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!(original instanceof DomainError)) return null;
  const located = error instanceof GraphQLError ? error : undefined;
  const code =
    original instanceof InputError
      ? "BAD_USER_INPUT"
      : original instanceof NotFoundError
        ? "NOT_FOUND"
        : original instanceof ForbiddenError
          ? "FORBIDDEN"
          : original instanceof AuthenticationError
            ? "UNAUTHENTICATED"
            : "BAD_REQUEST";
  const lang = requestLanguage();
  return new GraphQLError(original.messageIn(lang), {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: {
      code,
      // Thrown before any field ran (e.g. while checking arguments): the request was at fault.
      ...(located?.path ? {} : { http: { status: 400 } }),
      ...(original instanceof InputError
        ? {
            issues: original.issues.map((issue) =>
              lang === "en" ? { ...issue, message: issue.en ?? issue.message } : issue,
            ),
          }
        : {}),
    },
  });
}

/**
 * Refuses a body over the limit from its Content-Length, before reading any of it, and closes the
 * connection so the rest is never read. (yoga's own limit then counts chunked bodies.)
 */
function refuseLargeBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  maxBytes: number,
): boolean {
  const length = req.headers["content-length"];
  if (length === undefined || Number(length) <= maxBytes) return false;
  const message = say("requestTooLarge", { bytes: Number(length), max: maxBytes });
  res
    .writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" })
    .end(JSON.stringify({ errors: [{ message, extensions: { code: "REQUEST_TOO_LARGE" } }] }));
  return true;
}

function operationOf(args: ExecutionArgs) {
  return getOperationAST(args.document, args.operationName)?.operation;
}
