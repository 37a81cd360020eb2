import fs from "node:fs";
import type http from "node:http";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const distDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Serves the built dashboard (web/dist) with SPA fallback; explains itself when not built. */
export function staticDashboard(): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  if (!fs.existsSync(distDir)) {
    return (_req, res) => {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The dashboard is not built: run pnpm start (or pnpm --filter @d05/web build).\n");
    };
  }
  const serve = sirv(distDir, { single: true, etag: true, gzip: false, dev: false });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    });
}
