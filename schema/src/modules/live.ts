import { isoDay } from "../analytics/periods";
import { runOverview } from "../analytics/reports";
import { builder } from "../builder";
import type { Context } from "../context";
import { textOf } from "../domain/messages";
import { AuthenticationError, NotFoundError } from "../errors";
import type { ChangeEvent } from "../events";
import { type ActivityTotals, activityTotals } from "../live/activity-totals";
import { type LiveSignal, liveBus } from "../live/bus";
import { describeChanges, type FeedEntry } from "../live/describe";
import {
  type Batch,
  foldBounded,
  foldLatest,
  idle,
  type Latest,
  mapIterator,
  startWith,
  throttle,
} from "../live/iterators";
import { readOncePerChange } from "../live/shared-reads";
import { asShownTo } from "../live/shown-unit";
import { releasingOnEnd, takeSubscriptionSlot } from "../live/slots";
import { isUnitInScope, unitSubtreeWhere } from "../scope";
import { OverviewRef, periodArgs, requestedPeriod, todayOf } from "./analytics";
import { globalId, parseGlobalId } from "./common";

// Live updates. Each subscription listens to the topic of one unit (every write publishes on the
// topic of its unit and of each ancestor), coalesced per subscriber: at most one push per
// interval, the last push always showing the final state, a slow subscriber's backlog bounded.

builder.subscriptionType({
  description:
    "Live updates (cập nhật trực tiếp) over WebSocket (graphql-ws) or Server-Sent Events. Every field needs a signed-in account and a unit inside its scope.",
  authScopes: { signedIn: true },
});

const LiveEntityEnum = builder.enumType("LiveEntity", {
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

const LiveActionEnum = builder.enumType("LiveAction", {
  description: "What happened to the record.",
  values: {
    CREATED: { value: "created", description: "Thêm mới: created." },
    UPDATED: { value: "updated", description: "Cập nhật: changed." },
    DELETED: { value: "deleted", description: "Xóa: deleted." },
  } as const,
});

const LiveChangeRef = builder.objectRef<ChangeEvent>("LiveChange").implement({
  description: "One committed write, as announced on the change bus.",
  fields: (t) => ({
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

interface FeedBatch {
  unitId: number;
  events: ChangeEvent[];
  dropped: number;
  resynced: boolean;
  initial: boolean;
}

const FeedEntryRef = builder.objectRef<FeedEntry>("ActivityFeedEntry").implement({
  description: "One record that landed or changed, with a one-line Vietnamese summary.",
  fields: (t) => ({
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
    id: t.id({ description: "Global id of the record.", resolve: (e) => globalId(e.entity, e.id) }),
    unitId: t.id({
      description:
        "Global id of the unit the record belongs to; when it went outside your scope (a correction moved it), the unit it left.",
      resolve: (e) => globalId("Unit", e.unitId),
    }),
    unitName: t.exposeString("unitName", { description: "Name of that unit (tên đơn vị)." }),
    at: t.field({ type: "DateTime", description: "When it was written.", resolve: (e) => e.at }),
    summary: t.exposeString("summary", {
      description:
        'One line for a ticker, e.g. "Xã Long Bình ghi nhận hội nghị: 195 lượt người" (tóm tắt).',
    }),
  }),
});

const FeedBatchRef = builder.objectRef<FeedBatch>("ActivityFeedBatch").implement({
  description:
    "A push of `activityFeed`: the records that landed since the previous push, oldest first.",
  fields: (t) => ({
    unitId: t.id({
      description: "Global id of the subscribed unit.",
      resolve: (b) => globalId("Unit", b.unitId),
    }),
    initial: t.exposeBoolean("initial", {
      description: "True for the first push: the latest activities already recorded, as a backlog.",
    }),
    entries: t.field({
      type: [FeedEntryRef],
      description: "The records, oldest first.",
      resolve: async (b, _args, ctx) =>
        describeChanges(ctx, await Promise.all(b.events.map((e) => asShownTo(ctx, e, b.unitId)))),
    }),
    droppedCount: t.int({
      description:
        "Entries left out because this subscriber fell behind (older ones are dropped first).",
      resolve: (b) => b.dropped,
    }),
    mayHaveMissed: t.boolean({
      description:
        "True when the server's event link recovered from an outage: some records may be missing from the feed.",
      resolve: (b) => b.resynced,
    }),
  }),
});

/** The unit a subscription names, checked against the viewer's scope before anything starts. */
async function subscribedUnit(ctx: Context, value: string | number): Promise<number> {
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
      "Fresh figures for a subtree: one push at once (current figures, so a reconnecting client is up to date), then one whenever anything inside changes, at most one per 200 ms (a burst of writes is coalesced; the last push shows the final state).",
    args: {
      unitId: t.arg.id({ description: "Global id of the unit at the root of the subtree." }),
    },
    subscribe: async (_root, { unitId: unitArg }, ctx) => {
      const unitId = await subscribedUnit(ctx, unitArg);
      const bus = liveBus(ctx);
      const changes = () =>
        mapIterator(
          throttle(bus.subscribe(unitId), {
            intervalMs: bus.live.intervalMs,
            fold: foldLatest<LiveSignal>,
          }),
          (pending) => figuresPush(unitId, pending),
        );
      if (ctx.liveRole === "source") {
        // A live group's one listener: its members hold the slots and get their own INITIAL.
        const updates = changes();
        try {
          await bus.ready(unitId);
          return updates;
        } catch (error) {
          await updates.return?.();
          throw error;
        }
      }
      const release = await takeSubscriptionSlot(ctx);
      // A group member's later pushes come from its group, already listening before this runs.
      const updates = ctx.liveRole === "member" ? idle<SubtreeChanged>() : changes();
      const initial: SubtreeChanged = {
        unitId,
        kind: "INITIAL",
        changedAt: new Date(),
        reason: null,
        coalesced: 0,
      };
      try {
        // Listening before the first push: no change can fall between the two.
        if (ctx.liveRole !== "member") await bus.ready(unitId);
        return releasingOnEnd(startWith(initial, updates), release);
      } catch (error) {
        release();
        await updates.return?.();
        throw error;
      }
    },
    resolve: (push) => push,
  }),
);

interface FeedPending {
  batch: Batch<ChangeEvent>;
  resynced: boolean;
}

builder.subscriptionField("activityFeed", (t) =>
  t.field({
    type: FeedBatchRef,
    description:
      "Records landing anywhere in a subtree, as they land: first the latest activities already recorded, then batches of new or changed records (at most one push per 200 ms; a subscriber that falls far behind gets the newest entries and a count of those dropped).",
    args: {
      unitId: t.arg.id({ description: "Global id of the unit at the root of the subtree." }),
      recent: t.arg.int({
        required: false,
        defaultValue: 10,
        description: "How many already-recorded activities the first push carries (0..50).",
      }),
    },
    subscribe: async (_root, { unitId: unitArg, recent }, ctx) => {
      const unitId = await subscribedUnit(ctx, unitArg);
      const bus = liveBus(ctx);
      const release = await takeSubscriptionSlot(ctx);
      const keep = foldBounded<ChangeEvent>(bus.live.feedLimit);
      const updates = mapIterator(
        throttle<LiveSignal, FeedPending>(bus.subscribe(unitId), {
          intervalMs: bus.live.intervalMs,
          fold: (pending, signal) => {
            const next = pending ?? { batch: { items: [], dropped: 0 }, resynced: false };
            if (signal.kind === "resync") next.resynced = true;
            else next.batch = keep(next.batch, signal.event);
            return next;
          },
        }),
        (pending): FeedBatch => ({
          unitId,
          events: pending.batch.items,
          dropped: pending.batch.dropped,
          resynced: pending.resynced,
          initial: false,
        }),
      );
      try {
        await bus.ready(unitId);
        const backlog = await recentActivities(
          ctx,
          unitId,
          Math.min(Math.max(recent ?? 10, 0), 50),
        );
        return releasingOnEnd(
          startWith<FeedBatch>(
            { unitId, events: backlog, dropped: 0, resynced: false, initial: true },
            updates,
          ),
          release,
        );
      } catch (error) {
        release();
        await updates.return?.();
        throw error;
      }
    },
    resolve: (batch) => batch,
  }),
);

/** The latest activities of the subtree, oldest first, shaped like change events. */
async function recentActivities(
  ctx: Context,
  unitId: number,
  take: number,
): Promise<ChangeEvent[]> {
  if (take === 0) return [];
  const rows = await ctx.db.prisma.activity.findMany({
    where: { unit: unitSubtreeWhere(unitId) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, unitId: true, createdAt: true },
  });
  return rows.reverse().map((row) => ({
    entity: "Activity",
    action: "created",
    id: row.id,
    unitId: row.unitId,
    unitPath: [],
    at: row.createdAt.toISOString(),
  }));
}
