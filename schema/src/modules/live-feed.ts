import { builder } from "../builder";
import type { Context } from "../context";
import type { ChangeEvent } from "../events";
import { type LiveSignal, liveBus } from "../live/bus";
import { describeChanges, type FeedEntry } from "../live/describe";
import { liveFieldStream } from "../live/field-stream";
import { type Batch, foldBounded, mapIterator, throttle } from "../live/iterators";
import { asShownTo } from "../live/shown-unit";
import { unitSubtreeWhere } from "../scope";
import { globalId } from "./common";
import { changedRecordFields, subscribedUnit } from "./live";

// The activity feed: records landing in a subtree, batched per push (live.ts has the figures).

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
    ...changedRecordFields(t),
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

interface FeedPending {
  batch: Batch<ChangeEvent>;
  resynced: boolean;
}

builder.subscriptionField("activityFeed", (t) =>
  t.field({
    type: FeedBatchRef,
    description:
      "Records landing anywhere in a subtree, as they land: first the latest activities already recorded, then batches of new or changed records (at most one push per 150 ms; a subscriber that falls far behind gets the newest entries and a count of those dropped).",
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
      const keep = foldBounded<ChangeEvent>(bus.live.feedLimit);
      const changes = () =>
        mapIterator(
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
      return liveFieldStream(ctx, unitId, changes, async (): Promise<FeedBatch> => {
        const take = Math.min(Math.max(recent ?? 10, 0), 50);
        const backlog = await recentActivities(ctx, unitId, take);
        return { unitId, events: backlog, dropped: 0, resynced: false, initial: true };
      });
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
