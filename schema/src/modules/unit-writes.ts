// The writes of the unit tree (đơn vị): creating, renaming, moving and merging units. The type
// and the reads are in units.ts; the tree's rules in units/.
import type { Prisma, Unit } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { unitKinds as unitKindLabels } from "../domain/enums";
import { type FieldIssue, InputError, issueOf, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer } from "../scope";
import {
  partyMembersSchema,
  populationSchema,
  unitCodeSchema,
  unitNameSchema,
} from "../units/rules";
import {
  dayBefore,
  insertUnit,
  isInSubtree,
  moveSubtree,
  parentKindProblem,
  rebuildRollupsIfPresent,
} from "../units/tree";
import { runWrite } from "../writes";
import { selectingSomething } from "./common";
import { UnitKindEnum } from "./enums";
import { mutationErrors } from "./errors";
import { UnitRef } from "./units";

const idempotencyKeySchema = z.string().min(8).max(100);

const CreateUnitInput = builder.inputType("CreateUnitInput", {
  description: "A new unit under an existing one.",
  // One schema for the whole input, so every offending field is reported at once.
  validate: z.looseObject({
    code: unitCodeSchema,
    name: unitNameSchema,
    partyMembers: partyMembersSchema.nullish(),
    population: populationSchema.nullish(),
  }),
  fields: (t) => ({
    parentId: t.globalID({ for: UnitRef, description: "The unit above (đơn vị cấp trên)." }),
    code: t.string({ description: "Unique code (mã đơn vị)." }),
    name: t.string({ description: "Name (tên đơn vị)." }),
    kind: t.field({ type: UnitKindEnum, description: "Kind of unit." }),
    partyMembers: t.int({
      required: false,
      description: "Party members (số đảng viên); 0 when omitted.",
    }),
    population: t.int({
      required: false,
      description: "Population (dân số).",
    }),
    activeFrom: t.field({
      type: "Date",
      required: false,
      description: "First day of existence (ngày thành lập).",
    }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: a retry with the same key creates nothing twice.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const UpdateUnitInput = builder.inputType("UpdateUnitInput", {
  description: "New values for a unit's name and figures; omitted fields stay as they are.",
  validate: z.looseObject({
    name: unitNameSchema.nullish(),
    partyMembers: partyMembersSchema.nullish(),
    population: populationSchema.nullish(),
  }),
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit." }),
    name: t.string({ required: false, description: "Name." }),
    partyMembers: t.int({
      required: false,
      description: "Party members.",
    }),
    population: t.int({ required: false, description: "Population." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const MoveUnitInput = builder.inputType("MoveUnitInput", {
  description: "Moves a unit, with everything below it, under another parent.",
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit to move." }),
    newParentId: t.globalID({ for: UnitRef, description: "Its new parent." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const MergeUnitInput = builder.inputType("MergeUnitInput", {
  description:
    "Records that a unit merged into another (sáp nhập): it ceases the day before `effectiveOn` and keeps its records.",
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit that ceases." }),
    intoUnitId: t.globalID({ for: UnitRef, description: "The unit that succeeds it." }),
    effectiveOn: t.field({ type: "Date", description: "First day of the merged unit." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

function unitSnapshot(unit: Unit) {
  const { createdAt: _c, updatedAt: _u, ...rest } = unit;
  return rest;
}

/** Loads a unit the admin may manage, or NotFoundError naming the input field's id. */
async function loadManagedUnit(ctx: Context, id: number): Promise<Unit> {
  await assertUnitInScope(ctx, id);
  const unit = await ctx.db.prisma.unit.findUnique({ where: { id } });
  if (!unit) throw new NotFoundError("Unit", String(id));
  return unit;
}

/** A unique-index violation; on Unit inside createUnit the only unique column written is code. */
function isCodeConflict(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

builder.mutationFields((t) => ({
  createUnit: t.prismaField({
    type: "Unit",
    description: "Creates a unit under one in your subtree (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: CreateUnitInput, description: "The new unit." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const parent = await loadManagedUnit(ctx, Number(input.parentId.id));
      const problem = parentKindProblem(input.kind, parent.kind);
      if (problem) throw new InputError([{ path: ["input", "kind"], message: problem }]);
      const code = input.code.trim();
      // A taken code is refused by the unique index inside the write (below), not by a lookup
      // here: a retry with the same idempotency key must get the first result, not an error.
      try {
        const unit = await runWrite(
          ctx,
          {
            operation: "createUnit",
            entity: "Unit",
            action: "created",
            unitIds: [parent.id],
            idempotencyKey: input.idempotencyKey,
          },
          async (tx) => {
            const created = await insertUnit(tx, {
              parentId: parent.id,
              code,
              name: input.name.trim(),
              kind: input.kind,
              partyMembers: input.partyMembers ?? 0,
              population: input.population ?? null,
              activeFrom: input.activeFrom ?? null,
            });
            return {
              result: created,
              id: created.id,
              unitId: created.id,
              before: null,
              after: unitSnapshot(created),
            };
          },
          (id) => ctx.db.prisma.unit.findUniqueOrThrow({ where: { id } }),
        );
        return ctx.db.prisma.unit.findUniqueOrThrow({
          ...selectingSomething(query),
          where: { id: unit.id },
        });
      } catch (error) {
        // The unique index on code (a retry with the same key was already answered by runWrite).
        if (isCodeConflict(error)) {
          throw new InputError([issueOf(["input", "code"], "unitCodeTaken", { code })]);
        }
        throw error;
      }
    },
  }),

  updateUnit: t.prismaField({
    type: "Unit",
    description: "Renames a unit or corrects its figures (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: UpdateUnitInput, description: "What changes." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = Number(input.id.id);
      await loadManagedUnit(ctx, id);
      const data: Prisma.UnitUpdateInput = {};
      if (input.name != null) data.name = input.name.trim();
      if (input.partyMembers != null) data.partyMembers = input.partyMembers;
      if (input.population != null) data.population = input.population;
      await runWrite(
        ctx,
        {
          operation: "updateUnit",
          entity: "Unit",
          action: "updated",
          unitIds: [id],
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          const before = await tx.unit.findUniqueOrThrow({ where: { id } });
          const after = await tx.unit.update({ where: { id }, data });
          return {
            result: after.id,
            id,
            unitId: id,
            before: unitSnapshot(before),
            after: unitSnapshot(after),
          };
        },
        async (unitId) => unitId,
      );
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),

  moveUnit: t.prismaField({
    type: "Unit",
    description:
      "Moves a unit and its whole subtree under another parent in your subtree (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: MoveUnitInput, description: "Which unit, and where to." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = Number(input.id.id);
      const newParentId = Number(input.newParentId.id);
      const unit = await loadManagedUnit(ctx, id);
      const newParent = await loadManagedUnit(ctx, newParentId);
      if (id === viewer.scopeUnitId) {
        throw new InputError([issueOf(["input", "id"], "ownRootMove")]);
      }
      if (await isInSubtree(ctx.db.prisma, id, newParentId)) {
        throw new InputError([issueOf(["input", "newParentId"], "moveUnderItself")]);
      }
      const problem = parentKindProblem(unit.kind, newParent.kind);
      if (problem) throw new InputError([{ path: ["input", "newParentId"], message: problem }]);
      if (unit.parentId !== newParentId) {
        await runWrite(
          ctx,
          {
            operation: "moveUnit",
            entity: "Unit",
            action: "updated",
            // The former parent too: its path hears of the subtree leaving.
            unitIds: unit.parentId === null ? [id, newParentId] : [id, newParentId, unit.parentId],
            idempotencyKey: input.idempotencyKey,
          },
          async (tx) => {
            await moveSubtree(tx, id, newParentId);
            // Rollups keyed by ancestor unit are stale once the subtree changes ancestors.
            await rebuildRollupsIfPresent(tx);
            const moved = await tx.unit.findUniqueOrThrow({ where: { id } });
            return {
              result: id,
              id,
              unitId: id,
              before: { parentId: unit.parentId, path: unit.path, depth: unit.depth },
              after: { parentId: moved.parentId, path: moved.path, depth: moved.depth },
            };
          },
          async (unitId) => unitId,
        );
      }
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),

  mergeUnit: t.prismaField({
    type: "Unit",
    description:
      "Merges a unit into another (sáp nhập): it ceases the day before effectiveOn and points at its successor; its records stay where they happened (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: MergeUnitInput, description: "Which unit, into which, when." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = Number(input.id.id);
      const intoId = Number(input.intoUnitId.id);
      const unit = await loadManagedUnit(ctx, id);
      const into = await loadManagedUnit(ctx, intoId);
      const issues: FieldIssue[] = [];
      const effectiveOn = input.effectiveOn;
      const lastDay = dayBefore(effectiveOn);
      // The same merger recorded again (a retry): nothing to do, same answer.
      if (unit.successorId === intoId && unit.activeUntil?.getTime() === lastDay.getTime()) {
        return ctx.db.prisma.unit.findUniqueOrThrow({
          ...selectingSomething(query),
          where: { id },
        });
      }
      if (id === viewer.scopeUnitId) {
        issues.push(issueOf(["input", "id"], "ownRootMerge"));
      }
      if (unit.successorId !== null || unit.activeUntil !== null) {
        issues.push(issueOf(["input", "id"], "alreadyCeased"));
      }
      if (unit.kind !== into.kind) {
        issues.push(
          issueOf(["input", "intoUnitId"], "mergeKind", {
            kind: unitKindLabels.values[unit.kind],
            into: unitKindLabels.values[into.kind],
          }),
        );
      }
      if (id === intoId || (await isInSubtree(ctx.db.prisma, id, intoId))) {
        issues.push(issueOf(["input", "intoUnitId"], "mergeIntoItself"));
      }
      if (into.activeUntil !== null && into.activeUntil < effectiveOn) {
        issues.push(issueOf(["input", "intoUnitId"], "successorCeased"));
      }
      if (unit.activeFrom !== null && lastDay < unit.activeFrom) {
        issues.push(issueOf(["input", "effectiveOn"], "mergeTooEarly"));
      }
      if (issues.length > 0) throw new InputError(issues);
      await runWrite(
        ctx,
        {
          operation: "mergeUnit",
          entity: "Unit",
          action: "updated",
          unitIds: [id, intoId],
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          const merged = await tx.unit.update({
            where: { id },
            data: { activeUntil: lastDay, successorId: intoId },
          });
          // Rollups that count active units (or carry a unit's figures to its successor) change.
          await rebuildRollupsIfPresent(tx);
          return {
            result: id,
            id,
            unitId: id,
            before: { activeUntil: unit.activeUntil, successorId: unit.successorId },
            after: { activeUntil: merged.activeUntil, successorId: merged.successorId },
          };
        },
        async (unitId) => unitId,
      );
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),
}));
