// The one urql client: normalised-by-document cache, HTTP for queries and mutations, graphql-ws
// for subscriptions. The session token lives in localStorage and rides on every request; an
// UNAUTHENTICATED answer signs the user out, which sends them back to the login screen.

import { AFTER_CHANGE_HEADER } from "@d05/schema/domain";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { useSyncExternalStore } from "react";
import {
  Client,
  type CombinedError,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
} from "urql";
import type { SessionData } from "./graphql/session";
import { languageStore } from "./lib/i18n";
import { createStore } from "./lib/store";

/** The signed-in account and its token, as the login answered them. */
export type Session = SessionData;

const SESSION_KEY = "d05.session";

function readSession(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export const sessionStore = createStore<Session | null>(readSession());

export function signIn(session: Session): void {
  globalThis.localStorage?.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStore.set(session);
}

export function signOut(): void {
  globalThis.localStorage?.removeItem(SESSION_KEY);
  sessionStore.set(null);
}

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** State of the WebSocket that carries live figures; "reconnecting" shows a banner. */
export type LiveStatus = "idle" | "connecting" | "connected" | "reconnecting";
export const liveStatusStore = createStore<LiveStatus>("idle");

export type SocketEvent =
  | { type: "connecting"; isRetry: boolean }
  | { type: "connected" }
  | { type: "closed"; code?: number };

/**
 * The banner's state machine. A lazy socket closes on purpose (1000, normal closure) when its
 * last subscription ends, e.g. on leaving a live view, and opens again on the next one: neither
 * is a reconnect. Only an unexpected close while connected, or a retry, counts as reconnecting;
 * a refused token is not a reconnect either (the user is signed out instead).
 */
export function nextLiveStatus(current: LiveStatus, event: SocketEvent): LiveStatus {
  switch (event.type) {
    case "connecting":
      return event.isRetry || current === "reconnecting" ? "reconnecting" : "connecting";
    case "connected":
      return "connected";
    case "closed":
      if (isAuthClose(event) || event.code === NORMAL_CLOSURE) return "idle";
      return current === "connected" || current === "reconnecting" ? "reconnecting" : "idle";
  }
}

/** graphql-ws closes a lazy socket with no subscriptions left with 1000. */
const NORMAL_CLOSURE = 1000;

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(liveStatusStore.subscribe, liveStatusStore.get);
}

/** True when the API says the caller is not (or no longer) signed in. */
export function isUnauthenticated(error: CombinedError | undefined): boolean {
  if (!error) return false;
  if (error.response && (error.response as Response).status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** The server closes a socket whose token it refuses with 4401/4403 (graphql-ws convention). */
function isAuthClose(event: unknown): boolean {
  const code = (event as { code?: unknown } | null)?.code;
  return code === 4401 || code === 4403;
}

/** Exponential backoff with jitter, capped at 30 s: flaky rural links should not be hammered. */
export function retryDelay(retries: number): number {
  const base = Math.min(30_000, 1_000 * 2 ** retries);
  return base / 2 + Math.random() * (base / 2);
}

function websocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/graphql`;
}

/** The Authorization header of the signed-in session (also for the /export downloads). */
export function authorization(): Record<string, string> {
  const token = sessionStore.get()?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** What every request sends: the session, and the interface's language for the server's messages. */
function requestHeaders(): Record<string, string> {
  return { ...authorization(), "accept-language": languageStore.get() };
}

/** Options for a request made because a live push said the figures changed (AFTER_CHANGE_HEADER). */
export function afterChangeFetchOptions(): RequestInit {
  return { headers: { ...requestHeaders(), [AFTER_CHANGE_HEADER]: "1" } };
}

/** One per session (the app recreates it on sign-in/out so no cache or socket outlives an account). */
export interface ApiClient {
  client: Client;
  ws: WsClient;
}

export function createApiClient(): ApiClient {
  const update = (event: SocketEvent) =>
    liveStatusStore.set(nextLiveStatus(liveStatusStore.get(), event));
  const ws = createWsClient({
    url: websocketUrl(),
    lazy: true,
    // The interface's language: a refusal over the socket is worded in it (the browser's own
    // Accept-Language on the upgrade may differ).
    connectionParams: () => ({ ...authorization(), "accept-language": languageStore.get() }),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => sessionStore.get() !== null && !isAuthClose(event),
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    on: {
      connecting: (isRetry) => update({ type: "connecting", isRetry }),
      connected: () => update({ type: "connected" }),
      closed: (event) => {
        update({ type: "closed", code: (event as { code?: number } | null)?.code });
        if (isAuthClose(event)) signOut();
      },
    },
  });

  const client = new Client({
    url: "/graphql",
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: requestHeaders() }),
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) signOut();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return { client, ws };
}
