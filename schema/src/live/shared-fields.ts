/**
 * Subscription fields whose pushes the WebSocket server may resolve once for every subscriber
 * of the same document, variables and viewer scope (its live groups). Each of them honours
 * Context.liveRole: as "source" it listens and pushes without an INITIAL push or a slot, as
 * "member" it takes its slot and pushes only its INITIAL. A field whose pushes depend on the
 * subscriber (its own backlog, its own pace) does not belong here.
 */
export const SHARED_LIVE_FIELDS: ReadonlySet<string> = new Set(["liveFigures"]);
