// TRUST_PROXY: behind a reverse proxy every request comes from the proxy's address, so anonymous
// rate limits would lump all clients together; listing the proxy makes them key on the client it
// names in X-Forwarded-For. Off by default: a client could otherwise write the header itself.
import { serverConfigFromEnv } from "@d05/server/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

const LIMIT = 2;

/** Anonymous `{ __typename }` (no database involved) with the given X-Forwarded-For. */
async function statusFrom(server: TestServer, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  await response.body?.cancel();
  return response.status;
}

describe("anonymous rate limits behind a trusted reverse proxy (TRUST_PROXY)", () => {
  let server: TestServer;

  beforeAll(async () => {
    // The test client connects from 127.0.0.1: it plays the proxy.
    server = await startTestServer("pglite", undefined, {
      limits: { anonymousRateLimitPerMinute: LIMIT },
      trustedProxies: ["127.0.0.1", "::1"],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("gives each client named by the proxy its own budget", async () => {
    expect([
      await statusFrom(server, "203.0.113.1"),
      await statusFrom(server, "203.0.113.1"),
    ]).toEqual([200, 200]);
    expect(await statusFrom(server, "203.0.113.1")).toBe(429);
    // Another client behind the same proxy is not held up by the first.
    expect(await statusFrom(server, "203.0.113.2")).toBe(200);
  });

  it("believes only the entry the proxy wrote, not what the client put before it", async () => {
    // The proxy appends the real peer (203.0.113.1, spent above); the client wrote the rest.
    expect(await statusFrom(server, "198.51.100.7, 203.0.113.1")).toBe(429);
    expect(await statusFrom(server, "198.51.100.8, 203.0.113.1")).toBe(429);
  });
});

describe("anonymous rate limits without TRUST_PROXY (the default)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("pglite", undefined, {
      limits: { anonymousRateLimitPerMinute: LIMIT },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("ignores X-Forwarded-For, so a client cannot buy itself a fresh budget with it", async () => {
    expect([
      await statusFrom(server, "203.0.113.1"),
      await statusFrom(server, "203.0.113.2"),
    ]).toEqual([200, 200]);
    expect(await statusFrom(server, "203.0.113.3")).toBe(429);
    expect(await statusFrom(server)).toBe(429);
  });
});

describe("the TRUST_PROXY setting", () => {
  it("is off unless set, and takes a comma-separated list of IP addresses", () => {
    expect(serverConfigFromEnv({}).trustedProxies).toEqual([]);
    expect(serverConfigFromEnv({ TRUST_PROXY: "off" }).trustedProxies).toEqual([]);
    expect(serverConfigFromEnv({ TRUST_PROXY: "10.0.0.2, ::1" }).trustedProxies).toEqual([
      "10.0.0.2",
      "::1",
    ]);
  });

  it("refuses anything but addresses, with a message saying what to set", () => {
    expect(() => serverConfigFromEnv({ TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY must list the IP addresses of your reverse proxies/,
    );
  });
});
