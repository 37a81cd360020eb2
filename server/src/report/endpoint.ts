// GET or POST /report: the periodic report of a unit as .docx or PDF. The same rules as a read:
// a bearer token (anonymous callers are refused), the caller's rate limit, and a unit outside the
// caller's scope refused exactly like a read of it (404, nothing revealed). GET takes the fields
// as query parameters (a link); POST as JSON (the dashboard's dialog, with the typed narrative).
import type http from "node:http";
import type { Database } from "@d05/prisma";
import {
  AuthenticationError,
  bearerToken,
  type ChangeBus,
  type Context,
  DomainError,
  ForbiddenError,
  InputError,
  issueOf,
  NotFoundError,
  type ReadCache,
  type TokenSettings,
} from "@d05/schema";
import { textOf } from "@d05/schema/domain";
import {
  CHART_TAGS,
  deleteTemplate,
  EmptyReportError,
  parseUnitId,
  prepareReport,
  saveTemplate,
  TEMPLATE_MAX_BYTES,
  TEMPLATE_TAGS,
  templatesFor,
} from "@d05/schema/report";
import { GraphQLError } from "graphql";
import type { AccessControl } from "../access";
import {
  databaseBusyError,
  databaseUnavailableError,
  isDatabaseBusy,
  isDatabaseUnavailable,
} from "../database-errors";
import { requestLanguage, say } from "../language";
import { inspectOffThread, RenderBusy, renderOffThread } from "./render-pool";
import { TemplateProblem } from "./template";

const MAX_BODY_BYTES = 256 * 1024;

export const CONTENT_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

export interface ReportEndpointOptions {
  database: Database;
  auth: TokenSettings;
  events: ChangeBus;
  reads?: ReadCache;
  access: AccessControl;
  clientAddress: (req: http.IncomingMessage) => string;
  logUnexpected: (error: unknown) => void;
}

export function reportEndpoint(options: ReportEndpointOptions) {
  /** The caller's context, or AuthenticationError: the same admission as any read. */
  async function contextOf(req: http.IncomingMessage): Promise<Context> {
    const token = bearerToken(req.headers.authorization ?? null);
    const check = await options.access.admit(token, options.clientAddress(req));
    if (!check) throw new AuthenticationError(textOf("signInFirst"));
    if (!("viewer" in check)) throw new AuthenticationError(textOf("sessionInvalid"));
    return {
      db: options.database,
      auth: options.auth,
      events: options.events,
      reads: options.reads?.forReader(check.viewer.userId),
      viewer: check.viewer,
      lang: requestLanguage(),
    };
  }

  async function report(req: http.IncomingMessage, res: http.ServerResponse) {
    const ctx = await contextOf(req);
    const input = req.method === "POST" ? await jsonBody(req) : queryOf(req);
    const { format, document, template } = await prepareReport(ctx, input);
    // The figures were read here (async SQL); the file is laid out in a worker thread.
    const file = await renderOffThread(format, document, template);
    const name = `${document.fileName}.${format}`;
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[format],
      "content-length": file.length,
      "content-disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "no-store",
    });
    res.end(file);
  }

  /**
   * GET: the templates a unit's report may use, and the tags a template may hold; POST: upload;
   * DELETE ?id=: remove one (administrators, a template of a unit in their scope).
   */
  async function templates(req: http.IncomingMessage, res: http.ServerResponse) {
    const ctx = await contextOf(req);
    const query = queryOf(req);
    if (req.method === "DELETE") {
      const id = Number(query.id);
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new InputError([issueOf(["id"], "templateIdPositive")]);
      }
      return json(res, 200, { deleted: await deleteTemplate(ctx, id) });
    }
    const unitId = query.unitId ? parseUnitId(query.unitId) : (ctx.viewer?.scopeUnitId ?? 0);
    if (req.method === "POST") {
      const content = await bytesBody(req, TEMPLATE_MAX_BYTES);
      const stored = await saveTemplate(ctx, { unitId, name: query.name }, content, (bytes) =>
        inspectOffThread(bytes),
      );
      return json(res, 201, { template: templateJson(stored) });
    }
    const list = await templatesFor(ctx, unitId);
    return json(res, 200, {
      templates: list.map(templateJson),
      tags: TEMPLATE_TAGS,
      charts: CHART_TAGS,
    });
  }

  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      const allowed = path === "/report/templates" ? ["GET", "POST", "DELETE"] : ["GET", "POST"];
      if (!allowed.includes(req.method ?? "")) {
        return send(
          res,
          405,
          say("methodNotAllowed", { methods: allowed.join(", ") }),
          "METHOD_NOT_ALLOWED",
          {},
          { allow: allowed.join(", ") },
        );
      }
      await (path === "/report/templates" ? templates(req, res) : report(req, res));
    } catch (error) {
      refuse(res, error, options.logUnexpected);
    }
  };
}

function templateJson(t: {
  id: number;
  unitId: number;
  name: string;
  tags: string[];
  createdAt: Date;
}) {
  return {
    id: t.id,
    // The unit's GraphQL id (Relay global id: base64 of "Unit:<id>").
    unitId: Buffer.from(`Unit:${t.unitId}`).toString("base64"),
    name: t.name,
    tags: t.tags,
    createdAt: t.createdAt.toISOString(),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res
    .writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    })
    .end(JSON.stringify(body));
}

function queryOf(req: http.IncomingMessage): Record<string, string> {
  const url = new URL(req.url ?? "/", "http://localhost");
  return Object.fromEntries(url.searchParams);
}

async function bytesBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) {
      throw new InputError([], textOf("bodyTooLarge", { kib: max / 1024 }));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
  const body = await bytesBody(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new InputError([], textOf("bodyNotJson"));
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return res.destroy();
  res
    .writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers })
    .end(JSON.stringify({ message, code, ...extra }));
}

/**
 * Expected refusals keep their message (in the request's language) and get their status;
 * anything else is a masked 500.
 */
function refuse(res: http.ServerResponse, error: unknown, logUnexpected: (e: unknown) => void) {
  const lang = requestLanguage();
  if (error instanceof AuthenticationError) {
    return send(res, 401, error.messageIn(lang), "UNAUTHENTICATED");
  }
  if (error instanceof NotFoundError) {
    return send(
      res,
      404,
      say(error.entity === "ReportTemplate" ? "reportTemplateNotFound" : "reportUnitNotFound"),
      "NOT_FOUND",
    );
  }
  if (error instanceof ForbiddenError) return send(res, 403, error.messageIn(lang), "FORBIDDEN");
  if (error instanceof TemplateProblem) {
    // Nothing was stored (upload) or written (report): every problem is named.
    return send(res, 400, error.message, "BAD_TEMPLATE", { problems: error.problems });
  }
  if (error instanceof RenderBusy) {
    return send(res, 503, say("reportsBusy"), "REPORTS_BUSY", {}, { "retry-after": "30" });
  }
  if (error instanceof InputError) {
    return send(res, 400, error.messageIn(lang), "BAD_USER_INPUT", { issues: error.issues });
  }
  if (error instanceof EmptyReportError) {
    return send(res, 422, error.messageIn(lang), "EMPTY_REPORT");
  }
  if (error instanceof DomainError) return send(res, 400, error.messageIn(lang), "BAD_REQUEST");
  const known = isDatabaseUnavailable(error)
    ? databaseUnavailableError()
    : isDatabaseBusy(error)
      ? databaseBusyError()
      : error instanceof GraphQLError
        ? error
        : null;
  const http = known?.extensions.http as
    | { status?: number; headers?: Record<string, string> }
    | undefined;
  if (known && http?.status) {
    return send(res, http.status, known.message, String(known.extensions.code), {}, http.headers);
  }
  logUnexpected(error);
  return send(res, 500, say("reportFailed"), "INTERNAL");
}
