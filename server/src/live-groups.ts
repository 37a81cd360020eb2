import { setImmediate as nextTurn } from "node:timers/promises";
import type { ExecutionResult } from "graphql";
import type { WebSocket } from "ws";
import { type Frame, frameSender, textFrame } from "./live-frames";
import { type FanOutTimer, fanOutTimingsFromEnv } from "./live-timings";

/**
 * Live groups: WebSocket subscriptions with the same document, variables, language and viewer
 * scope (everything their pushes depend on) share ONE listener, ONE coalescing window, ONE
 * execution and ONE serialisation per push, as Hasura multiplexes live queries. Each push is
 * written to every member's socket as `{"id":<member's id>,"type":"next","payload":<shared>}`:
 * the same payload bytes, only the operation id differs; each member's frame is those bytes
 * copied behind its own head into one buffer, one write per socket (live-frames.ts).
 *
 * Each member still subscribes on its own first (its scope check, its subscription slot, its
 * INITIAL push, read after the group already listens, so no change falls between the two); only
 * its later pushes come from the group. A member's group pushes start once its INITIAL went out
 * (the latest one is held until then), and a member whose socket falls behind has its pushes
 * held, the latest replacing older ones (each push is the whole current state).
 *
 * Writes first: the fan-out to thousands of sockets is written in batches, yielding to the event
 * loop between two (setImmediate: the I/O that arrived meanwhile, such as a write request and its
 * database answers, runs before the next batch), so a push never holds a write up.
 */
export interface LiveGroupOptions {
  /** Sockets written to between two yields to the event loop (default 64). */
  batchSize?: number;
  /** What the fan-out awaits between two batches (default: setImmediate). Tests gate it. */
  pause?: () => Promise<void>;
  /** After each push written out: frames written (one per ready member) and how long it took. */
  onFanOut?: (frames: number, durationMs: number) => void;
  /** Debug timings of each fan-out (default: LIVE_FANOUT_TIMINGS=1, see live-timings.ts). */
  timings?: FanOutTimer;
}

export const DEFAULT_FANOUT_BATCH = 64;
/** A socket with more than this queued gets no more pushes until it drains (the latest is kept). */
const MAX_BUFFERED_BYTES = 1 << 20;
/** How often a member whose socket is behind is tried again with its latest push. */
const RETRY_HELD_MS = 200;

type Stream = AsyncIterator<ExecutionResult>;

interface Member {
  socket: WebSocket;
  send: (frame: Frame) => void;
  /** The message up to its payload, UTF-8: `{"id":"<id>","type":"next","payload":`. */
  head: Buffer;
  /** Its own INITIAL push went out: the group's pushes may follow. */
  ready: boolean;
  /** It left the group (a fan-out that yielded skips it). */
  left: boolean;
  /** The latest frame not written yet (not ready, or its socket is behind). */
  held: Frame | null;
  retry: ReturnType<typeof setTimeout> | null;
  /** Ends the member's stream: done, or failed with the group's error. */
  end: (failure?: { error: unknown }) => void;
}

interface Group {
  key: string;
  members: Set<Member>;
  /** `members` as an array for the fan-out's loop; rebuilt after a member joined or left. */
  list: Member[] | null;
  started: Promise<void>;
  source: Stream | null;
  closed: boolean;
}

export interface Membership {
  /**
   * The member's stream as graphql-ws sees it: `own`'s first result (its INITIAL push), then
   * nothing until it ends, the group writing its pushes to the socket directly. Returning it
   * (unsubscribe, socket closed) leaves the group and ends `own` (which gives back its slot).
   */
  attach(own: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult>;
  /** Leaves the group without a stream (the member's own subscription was refused). */
  leave(): void;
}

export interface LiveGroupStats {
  groups: number;
  members: number;
  /** Pushes resolved by the groups' sources (one execution each, whatever the member count). */
  executions: number;
  /** Frames written to members' sockets. */
  frames: number;
}

export interface LiveGroups {
  /**
   * Joins the group of `key` (starting it with `start`, which subscribes its source, if there is
   * none); null when the source could not start (the caller then subscribes on its own, which
   * answers the same refusal to this subscriber).
   */
  join(
    key: string,
    socket: WebSocket,
    id: string,
    start: () => Promise<unknown>,
  ): Promise<Membership | null>;
  stats(): LiveGroupStats;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** The payload as graphql-ws would send it (errors as their JSON form, after the data). */
function payloadOf(result: ExecutionResult): string {
  const { errors, ...rest } = result;
  return JSON.stringify(errors ? { ...rest, errors: errors.map((e) => e.toJSON()) } : rest);
}

export function createLiveGroups(options: LiveGroupOptions = {}): LiveGroups {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_FANOUT_BATCH);
  const pause = options.pause ?? (() => nextTurn());
  const timings = options.timings ?? fanOutTimingsFromEnv();
  const groups = new Map<string, Group>();
  let executions = 0;
  let frames = 0;

  const close = (group: Group) => {
    if (group.closed) return;
    group.closed = true;
    if (groups.get(group.key) === group) groups.delete(group.key);
    void group.source?.return?.();
  };

  const leave = (group: Group, member: Member) => {
    if (!group.members.delete(member)) return;
    member.left = true;
    group.list = null;
    if (member.retry) clearTimeout(member.retry);
    member.retry = null;
    if (group.members.size === 0) close(group);
  };

  const write = (member: Member, frame: Frame): boolean => {
    const { socket } = member;
    // A closing socket: graphql-ws returns the member's stream, which leaves the group.
    if (socket.readyState !== socket.OPEN) return false;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      member.held = frame;
      member.retry ??= setTimeout(() => {
        member.retry = null;
        const held = member.held;
        if (held) write(member, held);
      }, RETRY_HELD_MS);
      return false;
    }
    member.held = null;
    member.send(frame);
    frames++;
    return true;
  };

  const fanOut = async (group: Group, payload: Buffer) => {
    const started = performance.now();
    timings?.start();
    let written = 0;
    let sinceYield = 0;
    group.list ??= [...group.members];
    for (const member of group.list) {
      if (sinceYield >= batchSize) {
        sinceYield = 0;
        const pausedAt = performance.now();
        await pause();
        timings?.paused(performance.now() - pausedAt);
      }
      // Left while the fan-out yielded.
      if (member.left) continue;
      const frame = textFrame(member.head, payload);
      if (!member.ready) {
        member.held = frame;
        continue;
      }
      if (write(member, frame)) {
        written++;
        sinceYield++;
      }
    }
    timings?.end(written);
    if (written) options.onFanOut?.(written, performance.now() - started);
  };

  const run = async (group: Group, source: Stream) => {
    let failure: { error: unknown } | undefined;
    try {
      for (;;) {
        const step = await source.next();
        if (step.done || group.closed) break;
        executions++;
        await fanOut(group, Buffer.from(payloadOf(step.value)));
      }
    } catch (error) {
      failure = { error };
    }
    // The source ended (it does not on its own; an error would be why): every member ends too,
    // and the next subscriber starts a new group.
    close(group);
    for (const member of [...group.members]) member.end(failure);
  };

  const open = (key: string, start: () => Promise<unknown>): Group => {
    const group: Group = {
      key,
      members: new Set(),
      list: null,
      started: Promise.resolve(),
      source: null,
      closed: false,
    };
    groups.set(key, group);
    group.started = (async () => {
      const result = await start();
      if (!isAsyncIterable(result)) throw new Error("The live group's source was refused.");
      const source = result[Symbol.asyncIterator]();
      group.source = source;
      if (group.closed) {
        // Every member left while it started.
        void source.return?.();
        throw new Error("The live group closed while starting.");
      }
      void run(group, source);
    })();
    group.started.catch(() => close(group));
    return group;
  };

  const membership = (group: Group, member: Member): Membership => ({
    leave: () => leave(group, member),
    attach(own) {
      let first = true;
      let waiting: {
        resolve: (step: IteratorResult<ExecutionResult>) => void;
        reject: (error: unknown) => void;
      } | null = null;
      // The group ended before this member was attached: its stream ends after the INITIAL.
      let ended: { failure?: { error: unknown } } | null = group.members.has(member) ? null : {};
      const settle = () => {
        if (!ended || !waiting) return;
        const current = waiting;
        waiting = null;
        if (ended.failure) current.reject(ended.failure.error);
        else current.resolve({ done: true, value: undefined });
      };
      const stop = async () => {
        leave(group, member);
        ended ??= {};
        settle();
        await own.return?.();
      };
      member.end = (failure) => {
        ended ??= { failure };
        settle();
        void own.return?.();
      };
      const stream: AsyncIterableIterator<ExecutionResult> = {
        async next() {
          if (first) {
            first = false;
            try {
              const step = await own.next();
              if (step.done) leave(group, member);
              return step;
            } catch (error) {
              leave(group, member);
              throw error;
            }
          }
          // graphql-ws asks for the next result once the INITIAL one is on the socket: from now
          // on the group's pushes are written to it, starting with any held meanwhile.
          if (!member.ready) {
            member.ready = true;
            if (member.held) write(member, member.held);
          }
          return new Promise((resolve, reject) => {
            waiting = { resolve, reject };
            settle();
          });
        },
        async return() {
          await stop();
          return { done: true, value: undefined };
        },
        async throw(error) {
          await stop();
          throw error;
        },
        [Symbol.asyncIterator]() {
          return stream;
        },
      };
      return stream;
    },
  });

  return {
    async join(key, socket, id, start) {
      const existing = groups.get(key);
      const group = existing && !existing.closed ? existing : open(key, start);
      const member: Member = {
        socket,
        send: frameSender(socket),
        head: Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`),
        ready: false,
        left: false,
        held: null,
        retry: null,
        end: () => leave(group, member),
      };
      // In before the source starts, so a member leaving meanwhile does not close it under us.
      group.members.add(member);
      group.list = null;
      const out = () => {
        group.members.delete(member);
        member.left = true;
        group.list = null;
      };
      try {
        await group.started;
      } catch {
        out();
        return null;
      }
      if (group.closed) {
        out();
        return null;
      }
      return membership(group, member);
    },
    stats: () => ({
      groups: groups.size,
      members: [...groups.values()].reduce((sum, g) => sum + g.members.size, 0),
      executions,
      frames,
    }),
  };
}
