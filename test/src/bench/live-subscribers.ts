// The live-scale benchmark's subscribers, in worker threads of their own: thousands of WebSocket
// clients receiving tens of thousands of pushes a second keep an event loop busy, and in the
// thread that sends the writes they would delay the writes' own responses (the writes' p99 then
// measured the load generator, not the server). Each thread opens its share of the subscribers
// and records each CHANGE push as (arrival, latest change's activity id); arrival times are
// absolute (timeOrigin + now), comparable across threads.
//
// Each subscriber speaks graphql-ws's protocol (graphql-transport-ws) over a plain `ws` socket:
// connection_init with the token, subscribe, then every `next` message. The graphql-ws client
// did the same with more work per message (validation, listeners, closures), and here every
// microsecond a frame costs the load generator is taken from the server's two cores. A push's
// arrival is stamped when its message arrives, before it is parsed; its activity id is decoded
// at the end of the run.
import os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import WebSocket from "ws";

/** Absolute high-resolution time in ms, the same clock in every thread. */
export const now = () => performance.timeOrigin + performance.now();

export interface SubscriberSpec {
  /** Server base URL (http://…) and the unit subscribed to (database id). */
  url: string;
  unitId: number;
  /** Global id of the unit, as the variables carry it. */
  unitGlobalId: string;
}

interface Setup {
  token: string;
  query: string;
  specs: SubscriberSpec[];
  /** Subscribers opened at once (each waits for its INITIAL push). */
  connectBatch: number;
  /** Nice value of the thread (see startSubscriberThreads). */
  nice: number;
}

/** One subscriber's CHANGE pushes: arrival times and activity ids, in arrival order. */
export interface PushLog {
  unitId: number;
  t: Float64Array;
  reasonId: Float64Array;
}

type Request = { type: "reset" } | { type: "collect" } | { type: "close" };
type Reply =
  | { type: "opened"; errors: number; firstError?: string }
  | { type: "failed"; error: string }
  | { type: "pushes"; logs: PushLog[]; errors: number; firstError?: string }
  | { type: "closed" };

/** A failure (an error message, a close, a socket error) in one line. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return JSON.stringify(error)?.slice(0, 300) ?? String(error);
}

/** Activity id of a global id ("Activity:123" in base64); each distinct id decoded once. */
function decoder() {
  const known = new Map<string, number>();
  return (global: string) => {
    let id = known.get(global);
    if (id === undefined) {
      id = Number(Buffer.from(global, "base64").toString("utf8").split(":")[1]);
      known.set(global, id);
    }
    return id;
  };
}

interface NextMessage {
  type: string;
  payload?: {
    data?: { liveFigures?: { kind: string; reason: { id: string } | null } };
    errors?: unknown;
  };
}

interface Subscriber {
  unitId: number;
  socket: WebSocket;
  t: number[];
  /** Global ids of the latest change of each push (decoded when collected). */
  reason: string[];
}

async function runThread(setup: Setup, port: NonNullable<typeof parentPort>) {
  // On Linux a thread has its own nice value: 0 is this thread's (and only its).
  if (setup.nice) os.setPriority(0, setup.nice);
  const subscribers: Subscriber[] = [];
  /** The run is over: the sockets closing now are not failures. */
  let closing = false;
  let errors = 0;
  let firstError: string | undefined;
  const failed = (error: unknown) => {
    errors++;
    firstError ??= describeFailure(error);
  };
  const open = (spec: SubscriberSpec) =>
    new Promise<Subscriber>((resolve, reject) => {
      const socket = new WebSocket(
        `${spec.url.replace(/^http/, "ws")}/graphql`,
        "graphql-transport-ws",
      );
      const subscriber: Subscriber = { unitId: spec.unitId, socket, t: [], reason: [] };
      let first = true;
      const fail = (error: unknown) => {
        if (first) {
          first = false;
          reject(new Error(`subscriber on unit ${spec.unitId}: ${describeFailure(error)}`));
        } else failed(error);
      };
      socket.on("open", () => {
        socket.send(
          JSON.stringify({
            type: "connection_init",
            payload: { authorization: `Bearer ${setup.token}` },
          }),
        );
      });
      socket.on("message", (data: Buffer) => {
        const t = now();
        const message = JSON.parse(data.toString()) as NextMessage;
        if (message.type === "next") {
          if (message.payload?.errors) {
            fail({ errors: message.payload.errors });
            return;
          }
          if (first) {
            first = false;
            resolve(subscriber);
            return;
          }
          const live = message.payload?.data?.liveFigures;
          if (live?.kind === "CHANGE" && live.reason) {
            subscriber.t.push(t);
            subscriber.reason.push(live.reason.id);
          }
        } else if (message.type === "connection_ack") {
          socket.send(
            JSON.stringify({
              id: "1",
              type: "subscribe",
              payload: { query: setup.query, variables: { u: spec.unitGlobalId } },
            }),
          );
        } else if (message.type === "ping") {
          socket.send('{"type":"pong"}');
        } else if (message.type === "error" || message.type === "complete") {
          fail(message);
        }
      });
      socket.on("error", (error) => fail(error));
      socket.on("close", (code, reason) => {
        if (!closing) fail(`closed ${code} ${reason.toString()}`);
      });
    });
  const closeAll = async () => {
    closing = true;
    await Promise.all(
      subscribers.map(
        ({ socket }) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once("close", () => resolve());
            socket.close(1000);
          }),
      ),
    );
  };

  try {
    for (let n = 0; n < setup.specs.length; n += setup.connectBatch) {
      const batch = setup.specs.slice(n, n + setup.connectBatch).map(open);
      subscribers.push(...(await Promise.all(batch)));
    }
  } catch (error) {
    port.postMessage({ type: "failed", error: describeFailure(error) } satisfies Reply);
    await closeAll();
    return;
  }
  port.postMessage({ type: "opened", errors, firstError } satisfies Reply);

  const decode = decoder();
  port.on("message", async (request: Request) => {
    if (request.type === "reset") {
      for (const s of subscribers) {
        s.t.length = 0;
        s.reason.length = 0;
      }
    } else if (request.type === "collect") {
      const logs = subscribers.map((s) => ({
        unitId: s.unitId,
        t: Float64Array.from(s.t),
        reasonId: Float64Array.from(s.reason, decode),
      }));
      port.postMessage({ type: "pushes", logs, errors, firstError } satisfies Reply);
    } else {
      await closeAll();
      port.postMessage({ type: "closed" } satisfies Reply);
    }
  });
}

if (!isMainThread && parentPort && (workerData as { liveSubscribers?: boolean })?.liveSubscribers) {
  void runThread((workerData as { setup: Setup }).setup, parentPort);
}

/** Subscribers spread over `threads` worker threads (subscriber n in thread n mod threads). */
export interface SubscriberThreads {
  /** Forgets the pushes recorded so far (before a run). */
  reset(): void;
  /** Every subscriber's pushes since the last reset, with the errors seen after connecting. */
  collect(): Promise<{ logs: PushLog[]; errors: number; firstError?: string }>;
  close(): Promise<void>;
}

export async function startSubscriberThreads(
  specs: SubscriberSpec[],
  options: {
    token: string;
    query: string;
    threads: number;
    connectBatch: number;
    /**
     * Nice value of the threads. These threads stand in for clients on other machines, but here
     * they share the server's cores and every frame wakes one of them: at 0 they preempt the
     * server in the middle of its fan-out hundreds of times per push. Above 0 they run when the
     * server does not need the core; a push is still stamped when its thread reads it, so being
     * served later can only make the measured latency larger, never smaller.
     */
    nice?: number;
  },
): Promise<SubscriberThreads> {
  const workers: Worker[] = [];
  const replies = (worker: Worker) =>
    new Promise<Reply>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const threads = Math.max(1, Math.min(options.threads, specs.length));
  const opened = await Promise.allSettled(
    Array.from({ length: threads }, async (_, k) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: {
          liveSubscribers: true,
          setup: {
            token: options.token,
            query: options.query,
            specs: specs.filter((_, n) => n % threads === k),
            connectBatch: options.connectBatch,
            nice: options.nice ?? 0,
          } satisfies Setup,
        },
      });
      workers.push(worker);
      const reply = await replies(worker);
      if (reply.type === "failed") throw new Error(reply.error);
      return reply;
    }),
  );
  const failure = opened.find((r) => r.status === "rejected");
  const ask = async (request: Request) =>
    Promise.all(
      workers.map((w) => {
        const reply = replies(w);
        w.postMessage(request);
        return reply;
      }),
    );
  if (failure) {
    // A thread that failed to connect listens to nothing more: stopped without asking.
    await Promise.all(workers.map((w) => w.terminate()));
    throw (failure as PromiseRejectedResult).reason;
  }
  const close = async () => {
    await ask({ type: "close" });
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return {
    reset: () => {
      for (const w of workers) w.postMessage({ type: "reset" } satisfies Request);
    },
    async collect() {
      const all = (await ask({ type: "collect" })) as Extract<Reply, { type: "pushes" }>[];
      return {
        logs: all.flatMap((r) => r.logs),
        errors: all.reduce((sum, r) => sum + r.errors, 0),
        firstError: all.find((r) => r.firstError)?.firstError,
      };
    },
    close,
  };
}
