// Party membership history (lịch sử số đảng viên): a unit's party members from a day on. Per-100
// rates of a period divide by the membership on the period's last day, so a figure for 2024 uses
// 2024's members. Unit.partyMembers is the figure in force today, kept equal by the database.
import { z } from "zod";
import { builder } from "../builder";
import { assertUnitInScope } from "../scope";
import { partyMembersSchema } from "../units/rules";
import { idempotencyKey, pastDate } from "../validation";
import { runWrite } from "../writes";
import { globalIdOf, parseInput } from "./common";
import { mutationErrors } from "./errors";
import { UnitRef } from "./units";

interface MembershipEntry {
  unitId: number;
  effectiveOn: Date;
  partyMembers: number;
}

const MembershipRef = builder.objectRef<MembershipEntry>("MembershipEntry").implement({
  description: "Số đảng viên của đơn vị từ một ngày (party members of a unit from a day on).",
  fields: (t) => ({
    effectiveOn: t.expose("effectiveOn", {
      type: "Date",
      description: "Từ ngày: the first day this figure holds (until the next entry).",
    }),
    partyMembers: t.exposeInt("partyMembers", { description: "Số đảng viên (party members)." }),
  }),
});

builder.objectField(UnitRef, "membershipHistory", (t) =>
  t.field({
    type: [MembershipRef],
    description:
      "Lịch sử số đảng viên, oldest first: per-100 rates of a period use the entry in force on its last day.",
    resolve: (unit, _args, ctx) =>
      ctx.db.prisma.unitMembership.findMany({
        where: { unitId: unit.id },
        orderBy: { effectiveOn: "asc" },
      }),
  }),
);

const RecordMembershipInput = builder.inputType("RecordPartyMembershipInput", {
  description: "Party members of a unit from a day on (ghi số đảng viên theo ngày).",
  fields: (t) => ({
    unitId: t.id({ description: "The unit; inside your scope." }),
    effectiveOn: t.field({
      type: "Date",
      description:
        "First day the figure holds; not in the future. An entry of that day is replaced.",
    }),
    partyMembers: t.int({ description: "Số đảng viên, 0 or more." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const recordMembershipSchema = z.object({
  unitId: globalIdOf("Unit"),
  effectiveOn: pastDate,
  partyMembers: partyMembersSchema,
  idempotencyKey,
});

builder.mutationField("recordPartyMembership", (t) =>
  t.field({
    type: UnitRef,
    description:
      "Records a unit's party members from a day on (administrators); per-100 rates of periods ending on or after that day use it. Returns the unit.",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RecordMembershipInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const { idempotencyKey: key, ...entry } = parseInput(recordMembershipSchema, args.input);
      // An administrator records membership only inside their own subtree, like any unit write.
      await assertUnitInScope(ctx, entry.unitId);
      return runWrite(
        ctx,
        {
          operation: "recordPartyMembership",
          entity: "Unit",
          action: "updated",
          unitIds: [entry.unitId],
          idempotencyKey: key,
        },
        async (tx) => {
          const before = await tx.unitMembership.findUnique({
            where: { unitId_effectiveOn: { unitId: entry.unitId, effectiveOn: entry.effectiveOn } },
          });
          const after = await tx.unitMembership.upsert({
            where: { unitId_effectiveOn: { unitId: entry.unitId, effectiveOn: entry.effectiveOn } },
            create: entry,
            update: { partyMembers: entry.partyMembers },
          });
          return { result: entry.unitId, id: entry.unitId, unitId: entry.unitId, before, after };
        },
        async (unitId) => unitId,
      ).then((unitId) => ctx.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } }));
    },
  }),
);
