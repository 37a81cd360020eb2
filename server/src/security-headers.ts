import { createHash } from "node:crypto";
import type http from "node:http";
import { AFTER_CHANGE_HEADER } from "@d05/schema/domain";
import type { Plugin } from "graphql-yoga";

/**
 * What a browser is told about every answer of this server. The dashboard keeps its bearer token
 * in localStorage, so a script injected into the page, or the page framed by another site, could
 * use it: the Content-Security-Policy allows only the server's own scripts and styles (the built
 * dashboard has no inline script or style: React and recharts set styles through the DOM, which
 * a policy does not govern), no plugins, no <base>, and no framing at all.
 */
const DASHBOARD_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Chart PNG export draws the chart's SVG through a data: image; downloads use blob: URLs.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // 'self' covers the graphql-ws WebSocket on the same host and port (CSP level 3).
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const BROWSER_HEADERS: Record<string, string> = {
  "content-security-policy": DASHBOARD_POLICY,
  // Older browsers without frame-ancestors.
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // Links out of the dashboard do not tell other sites which unit or view was open.
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};
/** Made once: they are set on every response. */
const BROWSER_HEADER_LIST = Object.entries(BROWSER_HEADERS);

/**
 * Sets the browser headers on a response before anyone writes it (yoga, the static files, health,
 * metrics). Headers a handler passes to writeHead win, which is how GraphiQL gets its own policy.
 */
export function setSecurityHeaders(res: http.ServerResponse): void {
  for (const [name, value] of BROWSER_HEADER_LIST) res.setHeader(name, value);
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * GraphiQL, bundled from npm, is one page with its whole code in an inline <script> (and an
 * inline <style>). Its policy names each inline script by hash, computed from the page as
 * rendered, so nothing else inline runs. Styles: GraphiQL's editor (Monaco) adds <style> elements
 * and style attributes as it runs, which cannot carry a hash (tried: with the inline <style>'s hash
 * instead, Chromium reported 128 style-src-elem/style-src-attr violations and the editor lost its
 * layout), so style-src allows inline styles on this page only; a style cannot run code, and
 * scripts stay locked. Monaco's language workers start from blob: URLs.
 */
export function graphiqlWithPolicy<O>(render: (options?: O) => string): {
  render: (options?: O) => string;
  plugin: Plugin;
} {
  const policies = new Map<string, string>();
  let latest: string | null = null;
  return {
    render(options) {
      const page = render(options);
      let policy = policies.get(page);
      if (!policy) {
        const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) =>
          sha256(m[1] ?? ""),
        );
        policy = [
          "default-src 'self'",
          `script-src 'self' ${scripts.join(" ")}`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self' data:",
          "connect-src 'self'",
          "worker-src 'self' blob:",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join("; ");
        policies.set(page, policy);
      }
      latest = policy;
      return page;
    },
    plugin: {
      onResponse({ response }) {
        if (latest && response.headers.get("content-type")?.startsWith("text/html")) {
          response.headers.set("content-security-policy", latest);
        }
      },
    },
  };
}

/**
 * CORS for the origins in CORS_ORIGINS and no other (default: none; the dashboard is served by
 * this server, same origin, and needs none). A foreign origin gets no Access-Control-* header at
 * all. Credentials are never allowed: tokens travel in the Authorization header, not in cookies.
 */
export function corsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get("origin");
    if (!origin || !allowed.has(origin)) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ["GET", "POST"],
      allowedHeaders: [
        "authorization",
        "content-type",
        "accept",
        "x-graphql-yoga-csrf",
        AFTER_CHANGE_HEADER,
      ],
      maxAge: 600,
    };
  };
}

/**
 * CORS_ORIGINS: comma-separated origins (scheme, host, port; no path, no "*"). Returns null when
 * an entry is not such an origin.
 */
export function parseCorsOrigins(raw: string | undefined): string[] | null {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return null;
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, "")) return null;
    origins.push(url.origin);
  }
  return origins;
}
