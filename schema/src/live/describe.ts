import type { Context } from "../context";
import {
  activityKinds,
  awardForms,
  commitmentKinds,
  type EnumTable,
  recipientKinds,
} from "../domain/enums";
import type { ChangeEvent } from "../events";

/** A change event with what a ticker line needs: the unit's name and a Vietnamese summary. */
export interface FeedEntry {
  entity: ChangeEvent["entity"];
  action: ChangeEvent["action"];
  id: number;
  unitId: number;
  unitName: string;
  at: Date;
  summary: string;
}

const ENTITY_NOUN: Record<ChangeEvent["entity"], string> = {
  Activity: "hoạt động",
  Model: "mô hình",
  Award: "khen thưởng",
  Commitment: "đăng ký",
  Unit: "đơn vị",
  Target: "chỉ tiêu",
};

const VERB: Record<ChangeEvent["action"], string> = {
  created: "ghi nhận",
  updated: "cập nhật",
  deleted: "xóa",
};

/** The noun a feed line uses for an enum value. */
function noun<E extends string>(table: EnumTable<E>, value: E): string {
  const l = table.values[value];
  return l.noun ?? l.vi;
}

/** 16940 → "16.940", the Vietnamese way. */
export function formatCount(n: number): string {
  return n.toLocaleString("vi-VN");
}

function ids(events: ChangeEvent[], entity: ChangeEvent["entity"]): number[] {
  return [
    ...new Set(
      events.filter((e) => e.entity === entity && e.action !== "deleted").map((e) => e.id),
    ),
  ];
}

/**
 * Turns a batch of events into feed entries with a fixed number of queries (one per kind of record
 * present, plus the units), whatever the batch size. A record deleted since is described from the
 * event alone.
 */
export async function describeChanges(ctx: Context, events: ChangeEvent[]): Promise<FeedEntry[]> {
  if (events.length === 0) return [];
  const prisma = ctx.db.prisma;
  const activityIds = ids(events, "Activity");
  const modelIds = ids(events, "Model");
  const awardIds = ids(events, "Award");
  const commitmentIds = ids(events, "Commitment");
  const [units, activities, models, awards, commitments] = await Promise.all([
    prisma.unit.findMany({
      where: { id: { in: [...new Set(events.map((e) => e.unitId))] } },
      select: { id: true, name: true },
    }),
    activityIds.length
      ? prisma.activity.findMany({
          where: { id: { in: activityIds } },
          select: { id: true, kind: true, sessions: true, attendance: true },
        })
      : [],
    modelIds.length
      ? prisma.model.findMany({ where: { id: { in: modelIds } }, select: { id: true, name: true } })
      : [],
    awardIds.length
      ? prisma.award.findMany({
          where: { id: { in: awardIds } },
          select: { id: true, recipientKind: true, recipientCount: true, form: true },
        })
      : [],
    commitmentIds.length
      ? prisma.commitment.findMany({
          where: { id: { in: commitmentIds } },
          select: { id: true, kind: true, title: true },
        })
      : [],
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const activity = new Map(activities.map((r) => [r.id, r]));
  const model = new Map(models.map((r) => [r.id, r]));
  const award = new Map(awards.map((r) => [r.id, r]));
  const commitment = new Map(commitments.map((r) => [r.id, r]));

  return events.map((event) => {
    const name = unitName.get(event.unitId) ?? `Đơn vị #${event.unitId}`;
    const verb = VERB[event.action];
    let what = `${event.action === "deleted" ? "một bản ghi " : ""}${ENTITY_NOUN[event.entity]}`;
    if (event.action !== "deleted") {
      const a = event.entity === "Activity" ? activity.get(event.id) : undefined;
      const m = event.entity === "Model" ? model.get(event.id) : undefined;
      const w = event.entity === "Award" ? award.get(event.id) : undefined;
      const c = event.entity === "Commitment" ? commitment.get(event.id) : undefined;
      if (a) {
        const count = a.sessions > 1 ? `${formatCount(a.sessions)} ` : "";
        what = `${count}${noun(activityKinds, a.kind)}: ${formatCount(a.attendance)} lượt người`;
      } else if (m) {
        what = `mô hình “${m.name}”`;
      } else if (w) {
        what = `${noun(awardForms, w.form)} cho ${formatCount(w.recipientCount)} ${noun(recipientKinds, w.recipientKind)}`;
      } else if (c) {
        what = `${noun(commitmentKinds, c.kind)} “${c.title}”`;
      }
    }
    return {
      entity: event.entity,
      action: event.action,
      id: event.id,
      unitId: event.unitId,
      unitName: name,
      at: new Date(event.at),
      summary: `${name} ${verb} ${what}`,
    };
  });
}
