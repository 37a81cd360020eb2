/**
 * The header a dashboard sends when it asks again because a live push said the figures changed.
 * The server may serve an answer a change made stale for a moment while it computes the new one
 * (schema/src/read-cache.ts); with this header it answers with every change it has announced, the
 * pushed one included, so a live screen never settles on the figures from before the push.
 */
export const AFTER_CHANGE_HEADER = "x-d05-after-change";
