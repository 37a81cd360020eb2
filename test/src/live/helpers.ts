import type { FormattedExecutionResult } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { vietnamDay } from "../api/records-fixtures";

/** Resolves when `predicate` holds for a value already seen or arriving later; rejects on timeout. */
export class Inbox<T> {
  readonly values: T[] = [];
  private waiters: { predicate: (v: T) => boolean; resolve: (v: T) => void }[] = [];
  private failure: unknown = null;
  private ended = false;

  push(value: T): void {
    this.values.push(value);
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(value)) return true;
      w.resolve(value);
      return false;
    });
  }

  fail(error: unknown): void {
    this.failure = error;
  }

  end(): void {
    this.ended = true;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get error(): unknown {
    return this.failure;
  }

  /** The first value (from `from` on) matching `predicate`. */
  waitFor(predicate: (v: T) => boolean, timeoutMs = 10_000, from = 0): Promise<T> {
    const seen = this.values.slice(from).find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms; got ${JSON.stringify(this.values).slice(0, 2000)}${
              this.failure ? `; error: ${describe(this.failure)}` : ""
            }`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }

  /** The n-th value (0-based). */
  nth(n: number, timeoutMs = 10_000): Promise<T> {
    let index = -1;
    return this.waitFor(() => {
      index += 1;
      return index === n;
    }, timeoutMs).then(() => this.values[n] as T);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "code" in error) {
    const e = error as { code: number; reason?: string };
    return `close ${e.code} ${e.reason ?? ""}`;
  }
  return JSON.stringify(error);
}

export interface LiveClient {
  client: Client;
  /** Close events of the socket (code, reason). */
  closes: Inbox<{ code: number; reason: string }>;
  /** Set once the server acknowledged connection_init. */
  connected: Inbox<true>;
  subscribe<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Subscription<T>;
  dispose(): Promise<void>;
}

export interface Subscription<T> {
  results: Inbox<FormattedExecutionResult<T>>;
  /** Data of each push (throws if a push carried errors). */
  data: Inbox<T>;
  done: Promise<void>;
  unsubscribe(): void;
}

/** A real graphql-ws client (ws as the socket), retryAttempts 0, connecting at once. */
export function liveClient(
  baseUrl: string,
  connectionParams: Record<string, unknown> | undefined,
  /** The socket class (default ws; a subclass may add headers to the upgrade request). */
  webSocketImpl: unknown = WebSocket,
): LiveClient {
  const closes = new Inbox<{ code: number; reason: string }>();
  const connected = new Inbox<true>();
  const client = createClient({
    url: `${baseUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl,
    retryAttempts: 0,
    lazy: false,
    connectionParams,
    onNonLazyError: () => {},
    on: {
      connected: () => connected.push(true),
      closed: (event) => {
        const e = event as { code: number; reason: string };
        closes.push({ code: e.code, reason: String(e.reason ?? "") });
      },
    },
  });
  return {
    client,
    closes,
    connected,
    subscribe<T>(query: string, variables?: Record<string, unknown>) {
      const results = new Inbox<FormattedExecutionResult<T>>();
      const data = new Inbox<T>();
      let finish!: () => void;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            results.push(result as FormattedExecutionResult<T>);
            if (result.data) data.push(result.data as T);
            if (result.errors) data.fail(result.errors);
          },
          error: (error) => {
            results.fail(error);
            data.fail(error);
            results.end();
            finish();
          },
          complete: () => {
            results.end();
            finish();
          },
        },
      );
      return { results, data, done, unsubscribe };
    },
    dispose: () => Promise.resolve(client.dispose()),
  };
}

/** Authorization for connection_init. */
export function bearer(token: string): Record<string, unknown> {
  return { authorization: `Bearer ${token}` };
}

/** Polls `check` until it returns a value (not undefined), for conditions without an event. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Current figures of a subtree, pushed by liveFigures. */
export const FIGURES = `subscription($unitId: ID!) {
  liveFigures(unitId: $unitId) {
    kind coalescedChanges
    reason { entity action unitId }
    activityTotals { sessions attendance records }
  }
}`;

export const RECORD = `mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    __typename
    ... on MutationRecordActivitySuccess { data { id } }
    ... on Error { message }
  }
}`;

export function activityInput(unitId: string, attendance: number, sessions = 1) {
  return {
    unitId,
    kind: "CONFERENCE",
    title: "Hội nghị quán triệt chuyên đề",
    occurredOn: vietnamDay(-1),
    sessions,
    attendance,
  };
}
