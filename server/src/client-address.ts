import type http from "node:http";
import { isIP } from "node:net";

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The address anonymous rate limits key on. Without trusted proxies it is the TCP peer: an
 * X-Forwarded-For header is anyone's to write. With TRUST_PROXY listing the reverse proxies, a
 * request arriving from one of them is attributed to the right-most X-Forwarded-For entry that
 * is not itself a trusted proxy: entries further left were written by the client and prove
 * nothing.
 */
export function clientAddressOf(trustedProxies: readonly string[]) {
  const trusted = new Set(trustedProxies.map(normalise));
  return (req: http.IncomingMessage): string => {
    let address = normalise(req.socket.remoteAddress ?? "unknown");
    if (!trusted.has(address)) return address;
    const header = req.headers["x-forwarded-for"];
    const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
      .split(",")
      .map(normalise)
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      // A malformed entry ends the chain: the last address known to be real is kept.
      if (!isIP(hop)) return address;
      address = hop;
      if (!trusted.has(hop)) return hop;
    }
    return address;
  };
}

/** TRUST_PROXY: comma-separated IP addresses; null when a value is not an IP address. */
export function parseTrustedProxies(raw: string | undefined): string[] | null {
  const value = raw?.trim();
  if (!value || value === "off" || value === "false") return [];
  const list = value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  return list.every((a) => isIP(a) !== 0) ? list : null;
}
