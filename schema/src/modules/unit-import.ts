import { z } from "zod";
import { builder } from "../builder";
import { InputError } from "../errors";
import { assertUnitInScope, requireViewer } from "../scope";
import {
  applyImport,
  type ImportReport,
  type ImportRowError,
  parseVnAdminUnits2025,
  planImport,
} from "../units/import";
import { parentKindProblem } from "../units/tree";
import { toJson, walPosition } from "../writes";
import { mutationErrors } from "./errors";
import { UnitRef } from "./units";

const UnitImportFormatEnum = builder.enumType("UnitImportFormat", {
  description: "File formats the unit import reads.",
  values: {
    VN_ADMIN_UNITS_2025_JSON: {
      description:
        "The official post-2025 list (34 provinces, 3,321 communes) as JSON: [{Code, FullName, Wards: [{Code, FullName, ProvinceCode}]}], as published by the vietnamese-provinces-database project.",
    },
  } as const,
});

const ImportUnitsInput = builder.inputType("ImportUnitsInput", {
  description: "A unit list to import: all of it, or nothing.",
  fields: (t) => ({
    format: t.field({ type: UnitImportFormatEnum, description: "Format of `content`." }),
    content: t.string({
      description: "The file's text, as is.",
      validate: z.string().min(2, "the file is empty"),
    }),
    parentId: t.globalID({
      for: UnitRef,
      required: false,
      description:
        "Unit the provinces go under (e.g. a central body); your scope root when omitted.",
    }),
    activeFrom: t.field({
      type: "Date",
      required: false,
      description: "First day of the units created (e.g. 2025-07-01, the reform).",
    }),
    dryRun: t.boolean({
      required: false,
      description: "Check and count only; write nothing.",
    }),
  }),
});

const ImportRowErrorRef = builder.objectRef<ImportRowError>("ImportRowError").implement({
  description: "A problem with one row of an imported file.",
  fields: (t) => ({
    row: t.exposeString("row", { description: 'Where, e.g. "Wards[12] of province 01".' }),
    field: t.exposeString("field", { description: "The offending field, e.g. Code." }),
    message: t.exposeString("message", { description: "What is wrong." }),
  }),
});

const ImportReportRef = builder
  .objectRef<ImportReport & { dryRun: boolean }>("UnitImportReport")
  .implement({
    description:
      "Outcome of a unit import (báo cáo nhập danh mục). When `ok` is false nothing was written.",
    fields: (t) => ({
      ok: t.exposeBoolean("ok", { description: "True when every row was accepted." }),
      dryRun: t.exposeBoolean("dryRun", {
        description: "True when nothing was meant to be written.",
      }),
      created: t.exposeInt("created", { description: "Units created (or that would be)." }),
      updated: t.exposeInt("updated", { description: "Units renamed (or that would be)." }),
      errors: t.field({
        type: [ImportRowErrorRef],
        description: "Problems, row by row; empty when ok.",
        resolve: (report) => report.errors,
      }),
    }),
  });

builder.mutationField("importUnits", (t) =>
  t.field({
    type: ImportReportRef,
    description:
      "Imports a unit list (administrators): creates missing units, renames changed ones, matched by code; idempotent and all-or-nothing.",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: ImportUnitsInput, description: "The file and where it goes." }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const dryRun = input.dryRun ?? false;
      const parentId = input.parentId ? Number(input.parentId.id) : viewer.scopeUnitId;
      await assertUnitInScope(ctx, parentId);
      const parent = await ctx.db.prisma.unit.findUniqueOrThrow({
        where: { id: parentId },
        select: { id: true, kind: true, path: true, depth: true },
      });
      const problem = parentKindProblem("PROVINCE", parent.kind);
      if (problem) throw new InputError([{ path: ["input", "parentId"], message: problem }]);

      const { rows, errors } = parseVnAdminUnits2025(input.content);
      const failed = (more: ImportRowError[]) => ({
        ok: false,
        dryRun,
        created: 0,
        updated: 0,
        errors: [...errors, ...more],
      });
      if (errors.length > 0) return failed([]);

      // Not runWrite: it audits one record and publishes one event per write, whereas this writes
      // thousands of units with set-based SQL; one audit row with the counts records the import.
      const outcome = await ctx.db.prisma.$transaction(
        async (tx) => {
          const plan = await planImport(tx, rows, parent);
          if (plan.errors.length > 0) return failed(plan.errors);
          const report = {
            ok: true,
            dryRun,
            created: plan.create.length,
            updated: plan.update.length,
            errors: [],
          };
          if (dryRun) return report;
          await applyImport(tx, plan, parent, input.activeFrom ?? null);
          await tx.auditLog.create({
            data: {
              userId: viewer.userId,
              action: "importUnits",
              entity: "Unit",
              entityId: String(parent.id),
              after: toJson({
                format: input.format,
                parentId: parent.id,
                rows: rows.length,
                created: report.created,
                updated: report.updated,
              }),
            },
          });
          return report;
        },
        { timeout: 60_000, maxWait: 10_000 },
      );
      if (outcome.ok && !dryRun && outcome.created + outcome.updated > 0) {
        ctx.events.publish(
          {
            entity: "Unit",
            action: outcome.created > 0 ? "created" : "updated",
            id: parent.id,
            unitId: parent.id,
            unitPath: parent.path.split("/").filter(Boolean).map(Number),
            at: new Date().toISOString(),
            ...(await walPosition(ctx)),
          },
          ctx.viewer?.userId,
        );
      }
      return outcome;
    },
  }),
);
