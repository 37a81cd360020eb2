import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import {
  type ChangeEvent,
  defaultLiveSettings,
  type LiveBus,
  type LiveSettings,
  type LiveSignal,
} from "@d05/schema";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, Repeater } from "graphql-yoga";
import { Redis } from "ioredis";

/** The one topic map: `unit:<id>` carries every change to that unit or anything below it. */
type Topics = { unit: [unitId: number, event: ChangeEvent] };

export interface PubSubCounters {
  published(): void;
  received(): void;
  subscribed(delta: 1 | -1): void;
}

export interface PubSubOptions {
  /** Redis pub/sub shared by every instance; absent means in-process only. */
  redisUrl?: string;
  /** Prefix of the Redis channel names, so several deployments (or test runs) share one Redis. */
  channelPrefix?: string;
  live?: Partial<LiveSettings>;
  counters?: PubSubCounters;
  log?: (message: string) => void;
}

/** Told of every change (records, the tree, accounts), from this instance or (through Redis) any other. */
export interface ChangeWatcher {
  /** `writer`: the account whose write it was, when known (its next reads must show it). */
  changed(event: ChangeEvent, writer?: number): void;
  accountChanged(userId: number): void;
  /** True while changes from other instances may go unheard (Redis away), false once back. */
  suspend(suspended: boolean): void;
}

export interface ChangePubSub extends LiveBus {
  /** Where events travel: "in-process" or the Redis URL without credentials. */
  readonly transport: string;
  /** Announces a committed change; `writer` is the account that made it. */
  publish(event: ChangeEvent, writer?: number): void;
  /** Adds a watcher of every change (the read cache). */
  watch(watcher: ChangeWatcher): void;
  close(): Promise<void>;
}

const noCounters: PubSubCounters = { published() {}, received() {}, subscribed() {} };

/**
 * The change bus. A write's event goes to the topic of its unit and of every ancestor, so a
 * subscriber to a province hears about a record of any commune below it. With Redis, publishing
 * is fire-and-forget: a Redis outage loses live events but never fails the write that caused
 * them; when the link returns, subscribers are told to re-read their figures ("resync").
 */
export function createChangePubSub(options: PubSubOptions = {}): ChangePubSub {
  const log = options.log ?? ((message) => console.error(message));
  const counters = options.counters ?? noCounters;
  const live: LiveSettings = { ...defaultLiveSettings, ...options.live };
  const resyncListeners = new Set<() => void>();
  const watchers = new Set<ChangeWatcher>();
  const resync = () => {
    for (const watcher of watchers) watcher.suspend(false);
    for (const listener of resyncListeners) listener();
  };
  const outage = () => {
    for (const watcher of watchers) watcher.suspend(true);
  };
  const tellWatchers = (event: ChangeEvent, writer?: number) => {
    for (const watcher of watchers) watcher.changed(event, writer);
  };
  const tellAccount = (userId: number) => {
    for (const watcher of watchers) watcher.accountChanged(userId);
  };

  const redis = options.redisUrl
    ? connectRedis(options.redisUrl, options.channelPrefix ?? "d05:", log, {
        onOutage: outage,
        onRecovered: resync,
        onRemoteChange: tellWatchers,
        onRemoteAccount: tellAccount,
      })
    : null;
  const pubsub = createPubSub<Topics>({ eventTarget: redis?.eventTarget ?? inProcessTarget() });

  const bus: ChangePubSub = {
    live,
    transport: redis ? redactUrl(options.redisUrl ?? "") : "in-process",
    publish(event, writer) {
      // Watchers first and synchronously: the write's response is sent after this returns, so a
      // client that wrote and then reads finds the cache already told.
      tellWatchers(event, writer);
      redis?.announce(writer === undefined ? { event } : { event, writer });
      for (const unitId of new Set(event.unitPath)) {
        counters.published();
        pubsub.publish("unit", unitId, event);
      }
    },
    subscribe(unitId) {
      const changes = pubsub.subscribe("unit", unitId);
      const resyncs = new Repeater<LiveSignal>((push, stop) => {
        const listener = () => void push({ kind: "resync", at: new Date().toISOString() });
        resyncListeners.add(listener);
        counters.subscribed(1);
        void stop.then(() => {
          resyncListeners.delete(listener);
          counters.subscribed(-1);
        });
      });
      const signals = Repeater.merge([
        resyncs,
        new Repeater<LiveSignal>(async (push, stop) => {
          // Pulling from the pub/sub's iterator is what registers its listener.
          const pulling = (async () => {
            for await (const event of changes) {
              counters.received();
              // Not awaited: the subscriber's coalescing drains this at once; never hold the bus.
              void push({ kind: "change", event });
            }
          })();
          await stop;
          await changes.return();
          await pulling;
        }),
      ]);
      return signals;
    },
    accountChanged(userId) {
      tellAccount(userId);
      redis?.announce({ account: userId });
    },
    watch(watcher) {
      watchers.add(watcher);
    },
    async ready(unitId) {
      // The listener is registered a few promise hops after the first pull; let those run first.
      await new Promise((resolve) => setImmediate(resolve));
      await redis?.ready(`unit:${unitId}`);
    },
    async close() {
      await redis?.close();
    },
  };
  return bus;
}

/**
 * The in-process event target. A topic (a unit) may have thousands of listeners, one per live
 * subscriber: Node's leak warning at 11 listeners on one event type would be a false alarm.
 */
function inProcessTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "redis";
  }
}

/** How long a new subscriber waits for Redis to confirm its channel before starting anyway. */
const SUBSCRIBE_CONFIRM_TIMEOUT_MS = 2_000;

/** The channel (after the prefix) carrying every change, for other instances' watchers. */
const ALL_CHANGES = "changes";

interface RedisHooks {
  onOutage: () => void;
  onRecovered: () => void;
  onRemoteChange: (event: ChangeEvent, writer?: number) => void;
  onRemoteAccount: (userId: number) => void;
}

/** What travels on the all-changes channel: a record or tree change, or an account change. */
type Announcement = { event: ChangeEvent; writer?: number } | { account: number };

function connectRedis(
  url: string,
  prefix: string,
  log: (message: string) => void,
  hooks: RedisHooks,
) {
  // The publisher never queues while Redis is away (enableOfflineQueue: false): a publish then
  // fails at once, is logged and dropped, so memory cannot grow during an outage.
  const publisher = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  // The subscriber keeps its (few) SUBSCRIBE commands until Redis returns; ioredis re-subscribes
  // every channel by itself after a reconnect.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, autoResubscribe: true });

  let lastError = "";
  const onError = (role: string) => (error: Error) => {
    // ioredis reports every failed reconnect attempt; log each distinct problem once.
    const text = `${role}: ${error.message}`;
    if (text !== lastError) log(`Redis ${text}`);
    lastError = text;
  };
  publisher.on("error", onError("publisher"));
  subscriber.on("error", onError("subscriber"));

  // After an outage, subscribers are told to re-read once BOTH links are back: from then on
  // events flow again, so the figures they read cannot go stale unnoticed.
  let outage = false;
  const markOutage = () => {
    if (!outage) hooks.onOutage();
    outage = true;
  };
  const maybeRecovered = () => {
    if (!outage || publisher.status !== "ready" || subscriber.status !== "ready") return;
    outage = false;
    lastError = "";
    log("Redis connection restored; live subscribers re-read their figures.");
    // Replies come in order: once PING answers, ioredis' re-SUBSCRIBEs have been applied.
    subscriber.ping().then(hooks.onRecovered, () => {
      outage = true;
    });
  };
  for (const client of [publisher, subscriber]) {
    client.on("close", markOutage);
    client.on("ready", maybeRecovered);
  }

  const allChanges = prefix + ALL_CHANGES;
  // Marks this bus's own announcements, whose watchers were told when it published them.
  const instance = randomUUID();
  const confirmed = new Map<string, Promise<void>>();
  const fail = (what: string) => (error: unknown) => {
    log(`Redis ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  };

  // The event target only calls these four methods. Channel names get the prefix here, and every
  // returned promise is settled, so an outage never becomes an unhandled rejection.
  const publishClient = {
    publish: (channel: string, message: string) =>
      publisher.publish(prefix + channel, message).catch(fail("publish")),
  } as unknown as Redis;
  const subscribeClient = {
    subscribe(channel: string) {
      const done = subscriber.subscribe(prefix + channel).then(() => {}, fail("subscribe"));
      confirmed.set(channel, done);
      return done;
    },
    unsubscribe(channel: string) {
      confirmed.delete(channel);
      return subscriber.unsubscribe(prefix + channel).catch(fail("unsubscribe"));
    },
    on(name: "message", listener: (channel: string, message: string) => void) {
      subscriber.on(name, (channel: string, message: string) => {
        if (channel.startsWith(prefix) && channel !== allChanges) {
          listener(channel.slice(prefix.length), message);
        }
      });
    },
  } as unknown as Redis;

  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });

  subscriber.subscribe(allChanges).catch(fail("subscribe"));
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== allChanges) return;
    try {
      const { from, ...news } = JSON.parse(message) as { from: string } & Announcement;
      if (from === instance) return;
      if ("event" in news) hooks.onRemoteChange(news.event, news.writer);
      else hooks.onRemoteAccount(news.account);
    } catch {
      log("Redis: an unreadable change announcement was ignored.");
    }
  });

  return {
    // biome-ignore lint/suspicious/noExplicitAny: the pub/sub's typed target is a CustomEvent target
    eventTarget: eventTarget as any,
    async ready(channel: string): Promise<void> {
      const done = confirmed.get(channel);
      if (!done) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        done,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, SUBSCRIBE_CONFIRM_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
    },
    announce(news: Announcement) {
      publisher
        .publish(allChanges, JSON.stringify({ from: instance, ...news }))
        .catch(fail("publish"));
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
