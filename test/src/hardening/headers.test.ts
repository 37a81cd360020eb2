// Browser-facing headers over real HTTP: the dashboard (which keeps its token in localStorage)
// and GraphiQL are served with a strict Content-Security-Policy that forbids framing, nosniff and
// a referrer policy; CORS allows only the origins listed in CORS_ORIGINS (none by default: the
// dashboard is same-origin); and a POST a browser sends cross-site without a preflight (form,
// multipart, text/plain) is refused by yoga's CSRF prevention.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serverConfigFromEnv } from "@d05/server/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { RESPONSE_TYPE } from "./fixtures";

const DIST = fileURLToPath(new URL("../../../web/dist/index.html", import.meta.url));
const ALLOWED = "https://bao-cao.example.vn";
const FOREIGN = "https://evil.example.com";

/** A CSP header as directive → sources. */
function policy(header: string | null): Record<string, string[]> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    (header ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

function expectBrowserHeaders(headers: Headers) {
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("x-frame-options")).toBe("DENY");
  const csp = policy(headers.get("content-security-policy"));
  expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  expect(csp["object-src"]).toEqual(["'none'"]);
  expect(csp["base-uri"]).toEqual(["'none'"]);
  // No inline or evaluated script anywhere.
  expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  expect(csp["script-src"]).not.toContain("'unsafe-eval'");
  return csp;
}

describe("security headers, CORS and CSRF over HTTP", () => {
  let server: TestServer;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    server = await startTestServer("pglite", undefined, { corsOrigins: [ALLOWED] });
  });
  afterAll(() => server?.stop());

  const post = (headers: Record<string, string>, body = JSON.stringify({ query: "{ health }" })) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: RESPONSE_TYPE, ...headers },
      body,
    });

  it("serves the dashboard with a strict CSP: own scripts and styles only, no framing", async () => {
    for (const path of ["/", "/so-sanh", "/favicon.svg"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      const csp = expectBrowserHeaders(response.headers);
      expect(csp["default-src"]).toEqual(["'self'"]);
      expect(csp["script-src"]).toEqual(["'self'"]);
      expect(csp["style-src"]).toEqual(["'self'"]);
      expect(csp["connect-src"]).toEqual(["'self'"]);
    }
    // The built page itself holds no inline script or style the policy would block.
    const html = await (await fetch(server.url)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it("sends the same headers with API answers, /healthz and /metrics", async () => {
    expectBrowserHeaders((await post({})).headers);
    expectBrowserHeaders((await fetch(`${server.url}/healthz`)).headers);
    expectBrowserHeaders((await fetch(`${server.url}/metrics`)).headers);
  });

  it("serves GraphiQL with a policy of its own that names its inline script by hash", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("GraphiQL");
    const csp = expectBrowserHeaders(response.headers);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) {
      const hash = createHash("sha256").update(script, "utf8").digest("base64");
      expect(csp["script-src"]).toContain(`'sha256-${hash}'`);
    }
  });

  it("gives a foreign origin no CORS allowance, on requests and preflights", async () => {
    const answer = await post({ origin: FOREIGN });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: FOREIGN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("allows an origin listed in CORS_ORIGINS, without credentials (tokens travel in a header)", async () => {
    const preflight = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: ALLOWED,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const answer = await post({ origin: ALLOWED });
    expect(answer.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("refuses a text/plain POST (sent cross-site without a preflight) with 403", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain", accept: RESPONSE_TYPE },
      body: JSON.stringify({ query: "{ health }" }),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("CSRF_REFUSED");
    // With a header a cross-site page cannot send without a preflight, it passes the CSRF check
    // (and is then answered 415: the API reads JSON, not text/plain).
    const withHeader = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain", accept: RESPONSE_TYPE, "x-graphql-yoga-csrf": "1" },
      body: JSON.stringify({ query: "{ health }" }),
    });
    expect(withHeader.status).toBe(415);
  });

  it("reads CORS_ORIGINS: none by default, listed origins exactly, a bad entry stops the start", () => {
    expect(serverConfigFromEnv({}).corsOrigins).toEqual([]);
    expect(
      serverConfigFromEnv({ CORS_ORIGINS: "https://a.example.vn, http://10.0.0.5:8080" })
        .corsOrigins,
    ).toEqual(["https://a.example.vn", "http://10.0.0.5:8080"]);
    expect(() => serverConfigFromEnv({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
    expect(() => serverConfigFromEnv({ CORS_ORIGINS: "https://a.example.vn/path" })).toThrow(
      /CORS_ORIGINS/,
    );
  });
});
