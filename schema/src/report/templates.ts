// Uploaded report templates: who may store one (an administrator, for a unit in their scope), which
// ones a report may use (those of its unit or of a unit above it: a province's template serves its
// communes), and the rule that a template with any problem is never stored. Checking the file
// itself is the caller's (the server checks it in a worker thread, off the request path).
import type { Context } from "../context";
import { textOf } from "../domain/messages";
import { ForbiddenError, InputError, issueOf, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer, unitAncestors } from "../scope";

export const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;

export interface StoredTemplate {
  id: number;
  unitId: number;
  name: string;
  tags: string[];
  createdAt: Date;
}

/**
 * Stores a template after `inspect` found no problem in it (it throws otherwise, and nothing is
 * written), with its audit row, in one transaction.
 */
export async function saveTemplate(
  ctx: Context,
  input: { unitId: number; name: string | undefined },
  content: Uint8Array,
  inspect: (content: Uint8Array) => Promise<string[]>,
): Promise<StoredTemplate> {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "ADMIN") {
    throw new ForbiddenError(textOf("templateUploadAdminOnly"));
  }
  await assertUnitInScope(ctx, input.unitId);
  const name = input.name?.trim() ?? "";
  const issues = [];
  if (name.length === 0 || name.length > 200) {
    issues.push(issueOf(["name"], "templateName"));
  }
  if (content.length === 0) issues.push(issueOf(["file"], "templateMissing"));
  if (content.length > TEMPLATE_MAX_BYTES) {
    issues.push(issueOf(["file"], "templateTooLarge"));
  }
  if (issues.length > 0) throw new InputError(issues);
  const tags = await inspect(content);
  return ctx.db.prisma.$transaction(async (tx) => {
    const stored = await tx.reportTemplate.create({
      data: {
        unitId: input.unitId,
        name,
        content: Buffer.from(content),
        tags,
        uploadedById: viewer.userId,
      },
      select: { id: true, unitId: true, name: true, tags: true, createdAt: true },
    });
    await tx.auditLog.create({
      data: {
        userId: viewer.userId,
        action: "uploadReportTemplate",
        entity: "ReportTemplate",
        entityId: String(stored.id),
        after: { name, unitId: input.unitId, tags, bytes: content.length },
        unitId: input.unitId,
      },
    });
    return stored;
  });
}

/** Templates a report of `unitId` may use: its own and those of the units above it, newest first. */
export async function templatesFor(ctx: Context, unitId: number): Promise<StoredTemplate[]> {
  requireViewer(ctx);
  await assertUnitInScope(ctx, unitId);
  const above = await unitAncestors(ctx, unitId);
  return ctx.db.prisma.reportTemplate.findMany({
    where: { unitId: { in: above } },
    select: { id: true, unitId: true, name: true, tags: true, createdAt: true },
    orderBy: { id: "desc" },
  });
}

/** The file of a template a report of `unitId` may use; any other id is not found. */
export async function templateContent(
  ctx: Context,
  templateId: number,
  unitId: number,
): Promise<Uint8Array> {
  const above = await unitAncestors(ctx, unitId);
  const found = await ctx.db.prisma.reportTemplate.findFirst({
    where: { id: templateId, unitId: { in: above } },
    select: { content: true },
  });
  if (!found) throw new NotFoundError("ReportTemplate", String(templateId));
  return found.content;
}

/**
 * Deletes a template of a unit inside the administrator's scope, with its audit row (the file's
 * size and tags, not its bytes). A template outside the scope is not found, as for a read.
 */
export async function deleteTemplate(ctx: Context, templateId: number): Promise<{ id: number }> {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "ADMIN") {
    throw new ForbiddenError(textOf("templateDeleteAdminOnly"));
  }
  const found = await ctx.db.prisma.reportTemplate.findUnique({
    where: { id: templateId },
    select: { id: true, unitId: true, name: true, tags: true },
  });
  if (!found) throw new NotFoundError("ReportTemplate", String(templateId));
  try {
    await assertUnitInScope(ctx, found.unitId);
  } catch {
    throw new NotFoundError("ReportTemplate", String(templateId));
  }
  await ctx.db.prisma.$transaction(async (tx) => {
    await tx.reportTemplate.delete({ where: { id: found.id } });
    await tx.auditLog.create({
      data: {
        userId: viewer.userId,
        action: "deleteReportTemplate",
        entity: "ReportTemplate",
        entityId: String(found.id),
        before: { name: found.name, unitId: found.unitId, tags: found.tags },
        unitId: found.unitId,
      },
    });
  });
  return { id: found.id };
}
