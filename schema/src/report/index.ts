// The periodic report of a unit (báo cáo định kỳ): who may ask for it, what it may ask, and its
// content as neutral blocks. The server lays those out as Word and PDF (server/src/report).
import { z } from "zod";
import { isoDay, periodProblems } from "../analytics/periods";
import type { Context } from "../context";
import { textOf } from "../domain/messages";
import { DomainError, type FieldIssue, InputError, issueOf, NotFoundError } from "../errors";
import { parseGlobalId } from "../modules/common";
import { assertUnitInScope, requireViewer } from "../scope";
import { vietnamToday } from "../validation";
import { type Narrative, writeReport } from "./content";
import type { ReportDocument } from "./document";
import { gatherFigures, TOTAL_MEASURES } from "./figures";
import { comparableSpan, spanLabel } from "./span";
import { templateContent } from "./templates";

export { asciiSlug } from "./content";
export type * from "./document";
export { inWords, viCount, viNumber } from "./numbers";
export { spanLabel } from "./span";
export {
  CHART_TAGS,
  type ChartTag,
  type TagTree,
  TEMPLATE_TAGS,
  unknownTags,
} from "./template-data";
export { deleteTemplate, saveTemplate, TEMPLATE_MAX_BYTES, templatesFor } from "./templates";

/** The period has no figure at all: a report would be empty, so none is made. */
export class EmptyReportError extends DomainError {
  override name = "EmptyReportError";
}

export const REPORT_FORMATS = ["docx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const NARRATIVE_MAX = 20_000;
const text = z
  .string()
  .max(NARRATIVE_MAX, `Tối đa ${NARRATIVE_MAX.toLocaleString("vi-VN")} ký tự.`)
  .optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd (ví dụ 2023-01-01).")
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: "custom", message: `Ngày không tồn tại: ${s}.` });
      return z.NEVER;
    }
    return d;
  });

const requestSchema = z.object({
  unitId: z.string().min(1, "Chưa chọn đơn vị.").optional(),
  from: isoDate,
  to: isoDate,
  format: z.enum(REPORT_FORMATS, { message: "Định dạng phải là docx hoặc pdf." }),
  assessment: text,
  limitations: text,
  directions: text,
  signerName: z.string().max(200, "Tối đa 200 ký tự.").optional(),
  /** An uploaded template (templates.ts) instead of the default layout; Word only. */
  templateId: z.coerce
    .number({ message: "Mã mẫu báo cáo phải là số." })
    .int("Mã mẫu báo cáo phải là số nguyên.")
    .positive("Mã mẫu báo cáo phải là số dương.")
    .optional(),
});
export type ReportRequest = z.input<typeof requestSchema>;

export interface PreparedReport {
  format: ReportFormat;
  document: ReportDocument;
  /** The uploaded template to fill, when the request named one. */
  template?: Uint8Array;
}

/** Checks the request (Vietnamese messages naming each field); throws InputError. */
export function parseReportRequest(input: unknown): z.output<typeof requestSchema> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((i) => ({
        path: i.path.map(String),
        message: i.path.length === 0 ? "Yêu cầu không hợp lệ." : i.message,
      })),
    );
  }
  const issues: FieldIssue[] = periodProblems(parsed.data).map((p) => ({
    path: [p.field],
    message: p.text.vi,
    en: p.text.en,
  }));
  if (parsed.data.templateId !== undefined && parsed.data.format !== "docx") {
    issues.push(issueOf(["templateId"], "templateWordOnly"));
  }
  if (issues.length > 0) throw new InputError(issues);
  return parsed.data;
}

/**
 * The report of a unit inside the caller's scope: a unit outside it is refused exactly like a read
 * of it (NotFoundError), an anonymous caller with AuthenticationError.
 */
export async function prepareReport(
  ctx: Context,
  input: unknown,
  now: Date = new Date(),
): Promise<PreparedReport> {
  const viewer = requireViewer(ctx);
  const request = parseReportRequest(input);
  const unitId = request.unitId === undefined ? viewer.scopeUnitId : parseUnitId(request.unitId);
  await assertUnitInScope(ctx, unitId);
  const unit = await ctx.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
  const today = vietnamToday(now);
  if (request.from > today) {
    throw new InputError([issueOf(["from"], "reportPeriodNotStarted")]);
  }
  const template =
    request.templateId === undefined
      ? undefined
      : await templateContent(ctx, request.templateId, unitId);
  const span = comparableSpan(request, today);
  const figures = await gatherFigures(ctx.db.prisma, unit, span);
  const anything = TOTAL_MEASURES.some(
    (m) => m !== "REGISTRATION_RATE" && (figures.totals[m].value ?? 0) > 0,
  );
  if (!anything) {
    throw new EmptyReportError(
      textOf("emptyReport", {
        unit: unit.name,
        span: spanLabel(span.current),
        from: isoDay(span.current.from),
        to: isoDay(span.current.to),
      }),
    );
  }
  const narrative: Narrative = {
    assessment: request.assessment,
    limitations: request.limitations,
    directions: request.directions,
    signerName: request.signerName,
  };
  return { format: request.format, document: writeReport(figures, today, narrative), template };
}

/** A unit's global id ("Unit:…"), or NotFoundError as for a unit outside the scope. */
export function parseUnitId(raw: string): number {
  let id: number | null = null;
  try {
    id = parseGlobalId(raw, "Unit");
  } catch {
    id = null;
  }
  if (id === null) throw new NotFoundError("Unit", raw);
  return id;
}
