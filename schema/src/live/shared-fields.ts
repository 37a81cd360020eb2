/**
 * Subscription fields whose pushes the WebSocket server may resolve once for every subscriber
 * of the same document, variables and viewer scope (its live groups). Each of them honours
 * Context.liveRole: as "source" it listens and pushes without an INITIAL push or a slot, as
 * "member" it takes its slot and pushes only its first push (liveFigures' INITIAL, activityFeed's
 * backlog), read per subscriber (live/field-stream.ts). A field whose later pushes depend on the
 * subscriber does not belong here.
 */
export const SHARED_LIVE_FIELDS: ReadonlySet<string> = new Set(["liveFigures", "activityFeed"]);
