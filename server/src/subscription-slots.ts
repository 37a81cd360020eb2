import { randomBytes } from "node:crypto";
import { memorySlotStore, type SubscriptionSlotStore } from "@d05/schema";
import { Redis } from "ioredis";

/** A slot not renewed for this long is gone: an instance that died holds nobody's slots long. */
const SLOT_TTL_MS = 90_000;
/** Each instance renews the slots it holds this often. */
const RENEW_MS = 30_000;

// One sorted set per account: a member per open subscription ("<instance>:<n>"), scored by when
// it lapses unless renewed. Taking a slot drops lapsed members, counts the rest and adds one, in
// one script (atomic across instances), on Redis' clock (instances' clocks may differ).
const TAKE = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

const RENEW = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', ms + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;

export interface SharedSlotStore extends SubscriptionSlotStore {
  close(): Promise<void>;
}

/**
 * Subscription slots counted in Redis, so the per-account cap holds across every instance behind
 * a load balancer. While Redis is unreachable each instance counts in memory (a cap per instance)
 * rather than refusing every subscription.
 */
export function createRedisSlotStore(options: {
  redisUrl: string;
  keyPrefix?: string;
  log?: (message: string) => void;
}): SharedSlotStore {
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let lastError = "";
  redis.on("error", (error: Error) => {
    if (error.message !== lastError) options.log?.(`Redis (subscription slots): ${error.message}`);
    lastError = error.message;
  });
  const fallback = memorySlotStore();
  const instance = randomBytes(6).toString("hex");
  const keyOf = (userId: number) => `${options.keyPrefix ?? "d05:"}subscriptions:${userId}`;
  /** Members this instance holds, by account. */
  const held = new Map<number, Set<string>>();
  let next = 0;

  const renew = setInterval(() => {
    for (const [userId, members] of held) {
      if (members.size === 0) continue;
      redis.eval(RENEW, 1, keyOf(userId), SLOT_TTL_MS, ...members).catch(() => {});
    }
  }, RENEW_MS);
  renew.unref();

  return {
    async take(userId, limit) {
      const member = `${instance}:${next++}`;
      let taken: unknown;
      try {
        taken = await redis.eval(TAKE, 1, keyOf(userId), limit, SLOT_TTL_MS, member);
      } catch {
        return fallback.take(userId, limit);
      }
      if (taken !== 1) return null;
      let members = held.get(userId);
      if (!members) {
        members = new Set();
        held.set(userId, members);
      }
      members.add(member);
      return () => {
        members.delete(member);
        if (members.size === 0) held.delete(userId);
        // If this fails (Redis away), the slot lapses after SLOT_TTL_MS.
        redis.zrem(keyOf(userId), member).catch(() => {});
      };
    },
    async close() {
      clearInterval(renew);
      const pending = [...held].map(([userId, members]) =>
        redis.zrem(keyOf(userId), ...members).catch(() => {}),
      );
      await Promise.all(pending);
      held.clear();
      redis.disconnect();
    },
  };
}
