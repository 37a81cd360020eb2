import { createHash } from "node:crypto";
import type { Context } from "../context";
import { ForbiddenError, InputError } from "../errors";
import { requireViewer } from "../scope";
import { toJson, walPosition } from "../writes";
import type { ImportIssue } from "./columns";
import { type ImportKind, KIND_SPECS, type KindSpec } from "./kinds";
import type { FieldMapping } from "./mapping";
import { importText } from "./messages";
import { readSheetOffThread } from "./parse-pool";
import { type ImportColumn, type PreviewRow, planImport } from "./plan";
import { fileProblem, MAX_CONTENT_CHARS, type Sheet } from "./sheet";
import { type StagedRecords, stageRecords } from "./staged-write";
import { type Written, writeRecords } from "./write";

export type ImportFormat = "CSV" | "XLSX";

/** At most this many problems are listed; `errorCount` says how many there were. */
export const MAX_REPORTED_ERRORS = 1_000;

export const IMPORT_OPERATION = "importRecords";

/** Imports writing to each embedded database (by its Database object) right now. */
const embeddedImportWrites = new WeakMap<object, number>();

/**
 * True while an import writes to this embedded PGlite database. PGlite serves one session, so
 * every other query waits for the import's transaction (seconds for 20,000 rows); a health check
 * asked then should say the database is busy, not time out as if it were gone.
 */
export function embeddedImportWriting(database: object): boolean {
  return (embeddedImportWrites.get(database) ?? 0) > 0;
}

function countEmbeddedWrite(database: object, delta: 1 | -1): void {
  embeddedImportWrites.set(database, (embeddedImportWrites.get(database) ?? 0) + delta);
}

export interface RecordImportReport {
  ok: boolean;
  dryRun: boolean;
  kind: ImportKind;
  format: ImportFormat;
  rowsRead: number;
  created: number;
  errorCount: number;
  errors: ImportIssue[];
  columns: ImportColumn[];
  preview: PreviewRow[];
  /** SHA-256 of `content`, as recorded in the audit log. */
  fileHash: string;
}

export interface RecordImportRequest {
  kind: ImportKind;
  format: ImportFormat;
  content: string;
  dryRun: boolean;
  idempotencyKey: string | null;
  /** The mapping step's choice; null matches columns by their headers. */
  mapping: FieldMapping[] | null;
}

/**
 * What an idempotency record of an import keeps: the report a retry gets back, and what the key
 * was used for (the file and the mapping), so the key cannot answer for another file or mapping.
 */
interface StoredImport {
  fileHash: string;
  mappingHash?: string;
  report: RecordImportReport;
}

/** The mapping in a stable form, hashed; "" for the automatic mapping. */
function hashMapping(mapping: FieldMapping[] | null): string {
  if (!mapping) return "";
  const stable = [...mapping]
    .map((m) => [m.field, [...m.columns].sort((a, b) => a - b), m.constant?.trim() || null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash("sha256").update(JSON.stringify(stable)).digest("hex");
}

/**
 * Imports a spreadsheet of activities, models or awards, all or nothing.
 *
 * Not runWrite: that helper audits one record, stores one id for retries and publishes one event,
 * whereas an import writes thousands of rows with bulk INSERTs. This follows the same pattern by
 * hand: the role is the mutation's declared scope (canWrite); scope through the unit lookup (codes resolve only inside the caller's
 * subtree); one transaction holding the idempotency record, the rows and ONE audit row (kind, row
 * count, file hash); and after commit ONE change event per distinct unit touched.
 */
export async function runRecordImport(
  ctx: Context,
  request: RecordImportRequest,
): Promise<RecordImportReport> {
  const viewer = requireViewer(ctx);
  const { kind, format, content, dryRun } = request;
  if (content.length > MAX_CONTENT_CHARS) {
    throw fileProblem(importText("tooLarge", { max: MAX_CONTENT_CHARS }));
  }
  const fileHash = createHash("sha256").update(content).digest("hex");
  const mappingHash = hashMapping(request.mapping);
  // A dry run writes nothing, so it neither answers from nor records an idempotency key.
  const key = dryRun ? null : request.idempotencyKey;
  if (key) {
    const previous = await findPrevious(ctx, viewer.userId, key, fileHash, mappingHash);
    if (previous) return previous;
  }

  const sheet: Sheet = await readSheetOffThread(format, content);
  const spec = KIND_SPECS[kind];
  const plan = await planImport(
    ctx.db.prisma,
    spec as KindSpec<unknown>,
    sheet,
    viewer.scopeUnitId,
    request.mapping,
  );
  const ok = plan.issues.length === 0;
  const report: RecordImportReport = {
    ok,
    dryRun,
    kind,
    format,
    rowsRead: plan.rowsRead,
    created: ok ? plan.records.length : 0,
    errorCount: plan.issues.length,
    errors: plan.issues.slice(0, MAX_REPORTED_ERRORS),
    columns: plan.columns,
    preview: plan.preview,
    fileHash,
  };
  if (!ok || dryRun || plan.records.length === 0) return report;

  let written: Written;
  const embedded = ctx.db.config.kind !== "postgres";
  // On embedded PGlite the rows are staged first, outside the transaction (see staged-write.ts).
  let staged: StagedRecords | undefined;
  if (embedded) countEmbeddedWrite(ctx.db, 1);
  try {
    if (embedded) staged = await stageRecords(ctx.db.prisma, kind, plan.records, viewer.userId);
    written = await ctx.db.prisma.$transaction(
      async (tx) => {
        // First, so a concurrent retry with the same key waits here and then fails on the key,
        // before it has inserted anything.
        if (key) {
          const stored: StoredImport = { fileHash, mappingHash, report };
          await tx.idempotentWrite.create({
            data: {
              userId: viewer.userId,
              key,
              operation: IMPORT_OPERATION,
              result: toJson(stored) ?? {},
            },
          });
        }
        const done = staged
          ? await staged.move(tx)
          : await writeRecords(tx, kind, plan.records, viewer.userId);
        await tx.auditLog.create({
          data: {
            userId: viewer.userId,
            action: IMPORT_OPERATION,
            // About many records, not one: no entityId (the file's hash is in `after`).
            entity: spec.entity,
            after: toJson({
              kind,
              format,
              rows: plan.rowsRead,
              created: done.ids.length,
              fileSha256: fileHash,
              units: new Set(done.unitIds).size,
              firstId: done.ids[0],
              lastId: done.ids[done.ids.length - 1],
            }),
          },
        });
        return done;
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (key && (error as { code?: string })?.code === "P2002") {
      const previous = await findPrevious(ctx, viewer.userId, key, fileHash, mappingHash);
      if (previous) return previous;
    }
    throw error;
  } finally {
    await staged?.discard();
    if (embedded) countEmbeddedWrite(ctx.db, -1);
  }
  await publishChanges(ctx, spec.entity, written.ids, written.unitIds);
  return report;
}

async function findPrevious(
  ctx: Context,
  userId: number,
  key: string,
  fileHash: string,
  mappingHash: string,
): Promise<RecordImportReport | null> {
  const row = await ctx.db.prisma.idempotentWrite.findUnique({
    where: { userId_key: { userId, key } },
  });
  if (!row) return null;
  if (row.operation !== IMPORT_OPERATION) {
    throw new ForbiddenError(importText("keyUsedForOther", { operation: row.operation }));
  }
  const stored = row.result as unknown as StoredImport;
  if (stored.fileHash !== fileHash || (stored.mappingHash ?? "") !== mappingHash) {
    const text = importText("keyUsedForOtherFile");
    throw new InputError([{ path: ["input", "idempotencyKey"], message: text.vi, en: text.en }]);
  }
  return stored.report;
}

/** One event per distinct unit, naming that unit's first new record; topics from UnitClosure. */
async function publishChanges(
  ctx: Context,
  entity: "Activity" | "Model" | "Award",
  ids: number[],
  unitIds: number[],
) {
  const firstIdOf = new Map<number, number>();
  unitIds.forEach((unitId, i) => {
    if (!firstIdOf.has(unitId)) firstIdOf.set(unitId, ids[i] as number);
  });
  const closure = await ctx.db.prisma.unitClosure.findMany({
    where: { descendantId: { in: [...firstIdOf.keys()] } },
    orderBy: [{ descendantId: "asc" }, { distance: "desc" }],
    select: { ancestorId: true, descendantId: true },
  });
  const pathOf = new Map<number, number[]>();
  for (const c of closure) {
    const path = pathOf.get(c.descendantId) ?? [];
    path.push(c.ancestorId);
    pathOf.set(c.descendantId, path);
  }
  const at = new Date().toISOString();
  const position = await walPosition(ctx);
  for (const [unitId, id] of firstIdOf) {
    ctx.events.publish(
      {
        entity,
        action: "created",
        id,
        unitId,
        unitPath: pathOf.get(unitId) ?? [unitId],
        at,
        ...position,
      },
      ctx.viewer?.userId,
    );
  }
}
