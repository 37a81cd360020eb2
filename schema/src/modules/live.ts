import { isoDay } from "../analytics/periods";
import { runOverview } from "../analytics/reports";
import { builder } from "../builder";
import type { Context } from "../context";
import { textOf } from "../domain/messages";
import { AuthenticationError, NotFoundError } from "../errors";
import type { ChangeEvent } from "../events";
import { type ActivityTotals, activityTotals } from "../live/activity-totals";
import { type LiveSignal, liveBus } from "../live/bus";
import { liveFieldStream } from "../live/field-stream";
import { foldLatest, type Latest, mapIterator, throttle } from "../live/iterators";
import { readOncePerChange } from "../live/shared-reads";
import { asShownTo } from "../live/shown-unit";
import { isUnitInScope } from "../scope";
import { OverviewRef, periodArgs, requestedPeriod, todayOf } from "./analytics";
import { globalId, parseGlobalId } from "./common";
import type { SchemaTypesOf } from "./record-reads";

// Live updates. Each subscription listens to the topic of one unit (every write publishes on the
// topic of its unit and of each ancestor), coalesced per subscriber: at most one push per
// interval, the last push always showing the final state, a slow subscriber's backlog bounded.

builder.subscriptionType({
  description:
    "Live updates (cập nhật trực tiếp) over WebSocket (graphql-ws) or Server-Sent Events. Every field needs a signed-in account and a unit inside its scope.",
  authScopes: { signedIn: true },
});

export const LiveEntityEnum = builder.enumType("LiveEntity", {
  description: "Kind of record a live change is about.",
  values: {
    ACTIVITY: { value: "Activity", description: "Hoạt động: a session or aggregate of sessions." },
    MODEL: { value: "Model", description: "Mô hình: a model and its contributions." },
    AWARD: { value: "Award", description: "Khen thưởng: an award decision." },
    COMMITMENT: { value: "Commitment", description: "Đăng ký, đề tài: a commitment." },
    UNIT: { value: "Unit", description: "Đơn vị: the unit tree itself." },
    TARGET: { value: "Target", description: "Chỉ tiêu: a target set or removed." },
  } as const,
});

export const LiveActionEnum = builder.enumType("LiveAction", {
  description: "What happened to the record.",
  values: {
    CREATED: { value: "created", description: "Thêm mới: created." },
    UPDATED: { value: "updated", description: "Cập nhật: changed." },
    DELETED: { value: "deleted", description: "Xóa: deleted." },
  } as const,
});

/** What a change and a feed line both say of their record: its kind, the write, its ids. */
type ChangedRecord = Pick<ChangeEvent, "entity" | "action" | "id" | "unitId">;

export function changedRecordFields<T extends ChangedRecord>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypesOf, T>,
) {
  return {
    entity: t.field({
      type: LiveEntityEnum,
      description: "Kind of record.",
      resolve: (e) => e.entity,
    }),
    action: t.field({
      type: LiveActionEnum,
      description: "What happened.",
      resolve: (e) => e.action,
    }),
    id: t.id({
      description: "Global id of the record.",
      resolve: (e) => globalId(e.entity, e.id),
    }),
    unitId: t.id({
      description:
        "Global id of the unit the record belongs to; when it went outside your scope (a correction moved it), the unit it left.",
      resolve: (e) => globalId("Unit", e.unitId),
    }),
  };
}

const LiveChangeRef = builder.objectRef<ChangeEvent>("LiveChange").implement({
  description: "One committed write, as announced on the change bus.",
  fields: (t) => ({
    ...changedRecordFields(t),
    at: t.field({
      type: "DateTime",
      description: "When the write committed.",
      resolve: (e) => new Date(e.at),
    }),
  }),
});

const SubtreeChangeKindEnum = builder.enumType("SubtreeChangeKind", {
  description: "Why a live figures push was sent.",
  values: {
    INITIAL: { description: "Current figures, sent at once when the subscription starts." },
    CHANGE: { description: "Something inside the subtree changed." },
    RESYNC: {
      description:
        "The server's event link recovered from an outage: changes may have been missed, the figures are re-read.",
    },
  } as const,
});

interface SubtreeChanged {
  unitId: number;
  kind: "INITIAL" | "CHANGE" | "RESYNC";
  changedAt: Date;
  reason: ChangeEvent | null;
  coalesced: number;
}

const ActivityTotalsRef = builder.objectRef<ActivityTotals>("SubtreeActivityTotals").implement({
  description: "Sessions and attendance recorded anywhere in a subtree (tổng hợp hoạt động).",
  fields: (t) => ({
    sessions: t.exposeInt("sessions", { description: "Sessions held (số buổi / số cuộc)." }),
    attendance: t.exposeInt("attendance", {
      description: "Participant-visits (lượt người tham dự).",
    }),
    records: t.exposeInt("records", { description: "Activity records (số bản ghi hoạt động)." }),
  }),
});

const SubtreeChangedRef = builder.objectRef<SubtreeChanged>("SubtreeChanged").implement({
  description:
    "A push of `liveFigures`: the subtree changed (or the subscription just started). Figures are read when the push is resolved, so they are current, not a diff.",
  fields: (t) => ({
    unitId: t.id({
      description: "Global id of the subscribed unit (root of the subtree).",
      resolve: (p) => globalId("Unit", p.unitId),
    }),
    kind: t.field({
      type: SubtreeChangeKindEnum,
      description: "Why this push was sent.",
      resolve: (p) => p.kind,
    }),
    changedAt: t.field({
      type: "DateTime",
      description: "When the (latest) change was committed, or the push time for INITIAL/RESYNC.",
      resolve: (p) => p.changedAt,
    }),
    reason: t.field({
      type: LiveChangeRef,
      nullable: true,
      description: "The latest change folded into this push; null for INITIAL and RESYNC pushes.",
      resolve: (p, _args, ctx) => p.reason && asShownTo(ctx, p.reason, p.unitId),
    }),
    coalescedChanges: t.int({
      description: "How many changes this push covers (a burst of writes becomes one push).",
      resolve: (p) => p.coalesced,
    }),
    overview: t.field({
      type: OverviewRef,
      description:
        "The KPI figures of the subtree for a period (the same as Query.overview, cùng kỳ included: an unfinished period is counted up to today and compared with the same span), read from the rollups when this push is resolved.",
      args: { ...periodArgs },
      resolve: (p, args, ctx) => {
        const asOf = todayOf(ctx);
        const period = requestedPeriod(args, asOf);
        const key = `overview|${p.unitId}|${isoDay(period.from)}|${isoDay(period.to)}|${isoDay(asOf)}`;
        return readOncePerChange(p.reason, key, async () => {
          const unit = await ctx.db.prisma.unit.findUniqueOrThrow({ where: { id: p.unitId } });
          return runOverview(ctx.db.prisma, unit, period, asOf);
        });
      },
    }),
    activityTotals: t.field({
      type: ActivityTotalsRef,
      description:
        "Sessions and attendance in the whole subtree, optionally for the days between `from` and `to` (inclusive). Whole months are read from the rollups; only the days of a partial first or last month are summed over the records.",
      args: {
        from: t.arg({ type: "Date", required: false, description: "First day counted." }),
        to: t.arg({ type: "Date", required: false, description: "Last day counted." }),
      },
      resolve: (p, { from, to }, ctx) => {
        const key = `activityTotals|${p.unitId}|${from ? isoDay(from) : ""}|${to ? isoDay(to) : ""}`;
        return readOncePerChange(p.reason, key, () =>
          activityTotals(ctx.db.prisma, p.unitId, from, to),
        );
      },
    }),
  }),
});

/** The unit a subscription names, checked against the viewer's scope before anything starts. */
export async function subscribedUnit(ctx: Context, value: string | number): Promise<number> {
  // Typed refusals, worded in the subscriber's language when the server masks them.
  if (!ctx.viewer) throw new AuthenticationError(textOf("signInFirst"));
  const unitId = parseGlobalId(value, "Unit");
  if (unitId === null || !(await isUnitInScope(ctx, unitId))) {
    // Same answer for missing and out-of-scope: a subscription leaks nothing about other units.
    throw new NotFoundError("Unit", String(value));
  }
  return unitId;
}

function figuresPush(unitId: number, pending: Latest<LiveSignal>): SubtreeChanged {
  const signal = pending.latest;
  if (signal.kind === "resync") {
    return { unitId, kind: "RESYNC", changedAt: new Date(signal.at), reason: null, coalesced: 0 };
  }
  return {
    unitId,
    kind: "CHANGE",
    changedAt: new Date(signal.event.at),
    reason: signal.event,
    coalesced: pending.count,
  };
}

builder.subscriptionField("liveFigures", (t) =>
  t.field({
    type: SubtreeChangedRef,
    description:
      "Fresh figures for a subtree: one push at once (current figures, so a reconnecting client is up to date), then one whenever anything inside changes, at most one per 150 ms (a burst of writes is coalesced; the last push shows the final state).",
    args: {
      unitId: t.arg.id({ description: "Global id of the unit at the root of the subtree." }),
    },
    subscribe: async (_root, { unitId: unitArg }, ctx) => {
      const unitId = await subscribedUnit(ctx, unitArg);
      const bus = liveBus(ctx);
      return liveFieldStream(
        ctx,
        unitId,
        () =>
          mapIterator(
            throttle(bus.subscribe(unitId), {
              intervalMs: bus.live.intervalMs,
              fold: foldLatest<LiveSignal>,
            }),
            (pending) => figuresPush(unitId, pending),
          ),
        (): SubtreeChanged => ({
          unitId,
          kind: "INITIAL",
          changedAt: new Date(),
          reason: null,
          coalesced: 0,
        }),
      );
    },
    resolve: (push) => push,
  }),
);
