import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { performance } from "node:perf_hooks";
import type { YogaLogger } from "graphql-yoga";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import type { OperationObserver, OperationReport } from "./operations";

export type { Logger } from "pino";

/**
 * Never logged, wherever they appear in a line's fields: credentials, and what a caller sent
 * (variables hold passwords at sign-in and whole spreadsheets at import). Request lines are built
 * field by field and carry none of these; the paths guard what a future line might add.
 */
export const REDACTED_PATHS = [
  "authorization",
  "password",
  "token",
  "variables",
  "content",
  "query",
  "*.authorization",
  "*.password",
  "*.token",
  "*.variables",
  "*.content",
  "*.query",
  "headers.cookie",
  "*.headers.cookie",
];

/** What every line logged while a request is handled carries, and what its own line reports. */
interface RequestRecord {
  reqId: string;
  operationName?: string | null;
  operationType?: string;
  accountId?: number | null;
  errorCodes: string[];
}

const currentRequest = new AsyncLocalStorage<RequestRecord>();

let isoMs = 0;
let isoText = "";
/**
 * pino's isoTime, made once per millisecond: under load several lines share one, and a Date and
 * its string per line showed in the server's profile.
 */
function isoTime(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    isoText = `,"time":"${new Date(now).toISOString()}"`;
  }
  return isoText;
}

/** "level":"info" and an ISO time: what collectors (Loki, Elasticsearch, CloudWatch) index. */
const LINE_FORMAT = {
  formatters: { level: (label: string) => ({ level: label }) },
  timestamp: isoTime,
};

export interface LoggerOptions {
  /** LOG_LEVEL: trace, debug, info, warn, error, fatal, silent (default info; warn under tests). */
  level?: string;
  /** Where lines go (default stdout). */
  destination?: DestinationStream;
  /** Human-readable lines instead of JSON (default: when stdout is a terminal). */
  pretty?: boolean;
}

/**
 * The process's logger: one JSON object per line (pino), for a log collector to index; readable
 * text when a person watches a terminal. Lines written during a request carry its `reqId`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level =
    options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  const human = options.pretty ?? (!options.destination && process.stdout.isTTY === true);
  const destination = human
    ? pretty({
        colorize: !options.destination,
        sync: true,
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname,service",
        destination: options.destination ?? 1,
      })
    : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  const logger = pino(
    {
      level,
      base: { service: "d05" },
      ...LINE_FORMAT,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: pino.stdSerializers.err },
      mixin: () => {
        const record = currentRequest.getStore();
        return record ? { reqId: record.reqId } : {};
      },
      // Request lines written earlier, still in their buffer, go out first: the log keeps the
      // order in which things happened.
      hooks: {
        logMethod(args, method) {
          requestLinesOnStdout?.flush();
          method.apply(this, args);
        },
      },
    },
    destination,
  );
  if (!human && !options.destination) onStdout.add(logger);
  return logger;
}

/** Loggers writing JSON to stdout, whose request lines may share a buffer (below). */
const onStdout = new WeakSet<Logger>();
/**
 * The request lines' way to stdout (one per process): written by the 4 KB rather than line by
 * line, at the latest 250 ms after the first one waiting, before any line of the process's own
 * logger, at once for a 5xx, and when the process exits. One write(2) per request line was the
 * largest cost of ours left in a `{ __typename }` request (issue 19). What a hard kill (SIGKILL,
 * out of memory) loses is at most those 250 ms of request lines; messages, warnings and errors are
 * written as they come.
 */
let requestLinesOnStdout: ReturnType<typeof pino.destination> | undefined;

function bufferedStdout() {
  if (!requestLinesOnStdout) {
    const stream = pino.destination({
      dest: 1,
      sync: true,
      minLength: 4096,
      periodicFlush: 250,
    });
    process.once("exit", () => {
      try {
        stream.flushSync();
      } catch {
        // stdout already closed: nowhere left to write to.
      }
    });
    requestLinesOnStdout = stream;
  }
  return requestLinesOnStdout;
}

/**
 * The logger of request and operation lines: the same destination, fields and format as `logger`
 * (whose level decides), without its redaction pass and mixin. These lines are built field by
 * field from values checked here (no header, variable or token among them) and name their reqId
 * themselves; the redaction pass cost ~7 µs a line, most of the line's price (issue 19).
 */
function requestLineLogger(logger: Logger) {
  const buffered = onStdout.has(logger) ? bufferedStdout() : undefined;
  const lines = pino(
    { level: "trace", base: logger.bindings(), ...LINE_FORMAT },
    buffered ?? (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym],
  );
  return (level: "debug" | "info" | "error", line: object, message: string) => {
    if (!logger.isLevelEnabled(level)) return;
    lines[level](line, message);
    if (level === "error") buffered?.flush();
  };
}

/** A client's own X-Request-Id (from a proxy or a caller tracing a request), if it looks like one. */
function acceptedRequestId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : null;
}

/** Routes whose requests are logged only at debug level: probes and scrapes come every few seconds. */
const QUIET_ROUTES = new Set(["/livez", "/readyz", "/healthz", "/metrics"]);

/**
 * One line per HTTP request (`request`), and one per operation over WebSocket (`operation`), with
 * the request id (a caller's valid X-Request-Id, or a new one, echoed in the response header),
 * account, operation name and type, duration, status and error codes.
 */
export function createRequestLog(logger: Logger) {
  const write = requestLineLogger(logger);
  const socketIds = new WeakMap<object, string>();

  function handle(req: http.IncomingMessage, res: http.ServerResponse, next: () => unknown) {
    const record: RequestRecord = {
      reqId: acceptedRequestId(req.headers["x-request-id"]) ?? randomUUID(),
      errorCodes: [],
    };
    res.setHeader("x-request-id", record.reqId);
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    res.once("close", () => {
      const status = res.statusCode;
      const line = {
        reqId: record.reqId,
        method: req.method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(record.operationType
          ? {
              operationName: record.operationName,
              operationType: record.operationType,
              accountId: record.accountId,
            }
          : {}),
        ...(record.errorCodes.length ? { errorCodes: record.errorCodes } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // A refused request (4xx) is the caller's mistake, not the operator's concern: info, with
      // its error codes; only the server's own failures (5xx) are errors.
      if (status >= 500) write("error", line, "request");
      else if (QUIET_ROUTES.has(path) || !path.startsWith("/graphql"))
        write("debug", line, "request");
      else write("info", line, "request");
    });
    return currentRequest.run(record, next);
  }

  const observer: OperationObserver = {
    operation(report: OperationReport) {
      if (report.transport === "http") {
        const record = currentRequest.getStore();
        if (!record) return;
        // A batch names its last operation; its error codes are all kept (httpErrors).
        record.operationName = report.name;
        record.operationType = report.type;
        record.accountId = report.accountId;
        return;
      }
      const socket = report.socket ?? {};
      let reqId = socketIds.get(socket);
      if (!reqId) {
        reqId = randomUUID();
        socketIds.set(socket, reqId);
      }
      const line = {
        reqId,
        transport: "websocket",
        operationName: report.name,
        operationType: report.type,
        accountId: report.accountId,
        durationMs: Math.round(report.durationMs * 10) / 10,
        ...(report.errorCodes.length ? { errorCodes: report.errorCodes } : {}),
      };
      write("info", line, "operation");
    },
    httpErrors(codes) {
      currentRequest.getStore()?.errorCodes.push(...codes);
    },
  };

  return { handle, observer };
}

/** yoga's own messages through the same logger. */
export function yogaLogger(logger: Logger): YogaLogger {
  const child = logger.child({ component: "yoga" });
  const forward =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) child[level]({ err: first }, first.message);
      else child[level](first as object, ...(rest as []));
    };
  return {
    debug: forward("debug"),
    info: forward("info"),
    warn: forward("warn"),
    error: forward("error"),
  };
}
