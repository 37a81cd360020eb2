// Subscriptions over graphql-ws: what changed under a unit, and the feed of recent writes.
import { graphql, type ResultOf } from "./tada";

/** Pushed whenever figures under the unit change (coalesced by the server). */
export const FiguresChangedSubscription = graphql(`
  subscription FiguresChanged($unitId: ID!) {
    liveFigures(unitId: $unitId) {
      unitId
      kind
      changedAt
      coalescedChanges
    }
  }
`);

export const ActivityFeedSubscription = graphql(`
  subscription ActivityFeed($unitId: ID!, $recent: Int) {
    activityFeed(unitId: $unitId, recent: $recent) {
      initial
      mayHaveMissed
      droppedCount
      entries {
        id
        action
        entity
        summary
        unitId
        unitName
        at
      }
    }
  }
`);

export type ActivityFeedPush = ResultOf<typeof ActivityFeedSubscription>;
export type FeedEntry = ActivityFeedPush["activityFeed"]["entries"][number];
