import type { ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createLiveGroups, type Membership } from "./live-groups";

// The live groups' mechanics with stand-in sockets and a source the test feeds: the fan-out
// yields to the event loop between batches, writes one shared payload to every member, and holds
// a member's pushes until its own first push went out.

/** A socket that records what is written to it into `log`. */
function fakeSocket(name: string, log: string[], onSend?: () => void): WebSocket {
  return {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send(frame: string) {
      log.push(`${name} ${frame}`);
      onSend?.();
    },
  } as unknown as WebSocket;
}

/** An async iterator of results the test pushes into. */
function feed() {
  const queue: ExecutionResult[] = [];
  let waiting: ((step: IteratorResult<ExecutionResult>) => void) | null = null;
  let ended = false;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: () =>
      new Promise((resolve) => {
        const value = queue.shift();
        if (value) resolve({ done: false, value });
        else if (ended) resolve({ done: true, value: undefined });
        else waiting = resolve;
      }),
    async return() {
      ended = true;
      waiting?.({ done: true, value: undefined });
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return {
    iterator,
    push(value: ExecutionResult) {
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ done: false, value });
      } else queue.push(value);
    },
    get ended() {
      return ended;
    },
  };
}

/** A member's own stream: its INITIAL push, then nothing until it is returned. */
function own(): AsyncIterableIterator<ExecutionResult> & { returned: boolean } {
  let first = true;
  const stream = {
    returned: false,
    async next(): Promise<IteratorResult<ExecutionResult>> {
      if (first) {
        first = false;
        return { done: false, value: { data: { kind: "INITIAL" } } };
      }
      return new Promise(() => {});
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      stream.returned = true;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Joins `names` to one group; each takes its INITIAL push as graphql-ws would, then waits. */
async function joinAll(
  groups: ReturnType<typeof createLiveGroups>,
  names: string[],
  log: string[],
  source: ReturnType<typeof feed>,
  onSend?: () => void,
) {
  const members: { membership: Membership; stream: AsyncIterableIterator<ExecutionResult> }[] = [];
  for (const name of names) {
    const membership = await groups.join("key", fakeSocket(name, log, onSend), name, async () =>
      Promise.resolve(source.iterator),
    );
    if (!membership) throw new Error("not joined");
    const stream = membership.attach(own());
    await stream.next();
    void stream.next();
    members.push({ membership, stream });
  }
  return members;
}

describe("live groups", () => {
  it("writes one shared payload to every member, yielding to the event loop between batches", async () => {
    const log: string[] = [];
    let scheduled = false;
    const groups = createLiveGroups({ batchSize: 2 });
    const source = feed();
    // Work that arrives while the fan-out runs (say, a write's request) is scheduled as the
    // first frame is written: it must run before the fan-out's third frame.
    await joinAll(groups, ["a", "b", "c", "d", "e"], log, source, () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => log.push("other work"));
    });
    source.push({ data: { liveFigures: { kind: "CHANGE", n: 1 } } });
    for (let i = 0; i < 10; i++) await settle();

    const payload = '{"data":{"liveFigures":{"kind":"CHANGE","n":1}}}';
    expect(log).toEqual([
      `a {"id":"a","type":"next","payload":${payload}}`,
      `b {"id":"b","type":"next","payload":${payload}}`,
      "other work",
      `c {"id":"c","type":"next","payload":${payload}}`,
      `d {"id":"d","type":"next","payload":${payload}}`,
      `e {"id":"e","type":"next","payload":${payload}}`,
    ]);
    expect(groups.stats()).toMatchObject({ groups: 1, members: 5, executions: 1, frames: 5 });
  });

  it("holds a member's pushes until its own first push went out, then writes the latest", async () => {
    const log: string[] = [];
    const groups = createLiveGroups();
    const source = feed();
    await joinAll(groups, ["a"], log, source);
    const late = await groups.join("key", fakeSocket("late", log), "late", async () => {
      throw new Error("the group exists: not started again");
    });
    if (!late) throw new Error("not joined");
    source.push({ data: { n: 1 } });
    source.push({ data: { n: 2 } });
    for (let i = 0; i < 5; i++) await settle();
    expect(log.filter((line) => line.startsWith("late"))).toEqual([]);

    const stream = late.attach(own());
    expect(await stream.next()).toEqual({ done: false, value: { data: { kind: "INITIAL" } } });
    void stream.next();
    expect(log.filter((line) => line.startsWith("late"))).toEqual([
      'late {"id":"late","type":"next","payload":{"data":{"n":2}}}',
    ]);
  });

  it("holds the pushes of a socket that fell behind and writes the latest once it drained", async () => {
    const log: string[] = [];
    const groups = createLiveGroups();
    const source = feed();
    const socket = fakeSocket("slow", log);
    const membership = await groups.join("key", socket, "slow", async () => source.iterator);
    const stream = membership?.attach(own());
    await stream?.next();
    void stream?.next();
    // 2 MiB still queued for this client: two pushes arrive and are held, the latest kept.
    Object.assign(socket, { bufferedAmount: 2 << 20 });
    source.push({ data: { n: 1 } });
    source.push({ data: { n: 2 } });
    for (let i = 0; i < 5; i++) await settle();
    expect(log).toEqual([]);

    Object.assign(socket, { bufferedAmount: 0 });
    for (let i = 0; i < 100 && log.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(log).toEqual(['slow {"id":"slow","type":"next","payload":{"data":{"n":2}}}']);
  });

  it("closes the source when the last member leaves, and ends each member's own stream", async () => {
    const log: string[] = [];
    const groups = createLiveGroups();
    const source = feed();
    const [a, b] = await joinAll(groups, ["a", "b"], log, source);
    await a?.stream.return?.();
    expect(groups.stats()).toMatchObject({ groups: 1, members: 1 });
    expect(source.ended).toBe(false);
    await b?.stream.return?.();
    expect(groups.stats()).toMatchObject({ groups: 0, members: 0 });
    expect(source.ended).toBe(true);
  });

  it("answers null when the source is refused, so the subscriber subscribes on its own", async () => {
    const groups = createLiveGroups();
    const refused = await groups.join("key", fakeSocket("a", []), "a", async () => ({
      errors: [{ message: "no" }],
    }));
    expect(refused).toBeNull();
    expect(groups.stats()).toMatchObject({ groups: 0, members: 0 });
  });
});
