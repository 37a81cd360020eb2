// While a new server migrates its database and loads the demo (half a minute on a first start),
// its port already answers: a browser sees a page that says what is happening and reloads itself,
// a client or an orchestrator gets 503 with Retry-After, and /livez says the process is alive.
// Once the database is ready this listener closes and the app takes the same port.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inLanguage, type Lang, languageFromHeader, type Text } from "@d05/schema/domain";

export type StartupStep = "database" | "migrations" | "demo" | "server";

const STEPS: Record<StartupStep, Text> = {
  database: { vi: "Đang mở cơ sở dữ liệu…", en: "Opening the database…" },
  migrations: {
    vi: "Đang cập nhật cấu trúc cơ sở dữ liệu…",
    en: "Bringing the database's structure up to date…",
  },
  demo: {
    vi: "Đang nạp dữ liệu mẫu (chỉ lần chạy đầu tiên, khoảng nửa phút)…",
    en: "Loading the demo data (first start only, about half a minute)…",
  },
  server: { vi: "Sắp xong…", en: "Almost ready…" },
};

const TITLE: Text = { vi: "Hệ thống đang khởi động", en: "The system is starting" };
const RELOADS: Text = {
  vi: "Trang sẽ tự mở khi hệ thống sẵn sàng.",
  en: "This page opens by itself once the system is ready.",
};
const RETRY_SECONDS = 2;

const STYLE =
  "body{font:1.25rem/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#fff;color:#1a1a1a}main{max-width:36rem;padding:1.5rem}h1{font-size:1.75rem;margin:0 0 .5rem}";
const POLICY = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

export interface StartingServer {
  /** The port it listens on (the app listens on it next, also when PORT=0). */
  port: number;
  /** What the server is doing now, as the page and the 503 answers say. */
  step(step: StartupStep): void;
  /** Stops listening and ends its connections, freeing the port for the app. */
  close(): Promise<void>;
}

function page(step: StartupStep, lang: Lang): string {
  const text = (t: Text) => inLanguage(t, lang);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="${RETRY_SECONDS}"><title>${text(TITLE)}</title><style>${STYLE}</style></head><body><main><h1>${text(TITLE)}</h1><p role="status">${text(STEPS[step])}</p><p>${text(RELOADS)}</p></main></body></html>`;
}

function answer(req: http.IncomingMessage, res: http.ServerResponse, step: StartupStep): void {
  const path = (req.url ?? "/").split("?")[0];
  const lang = languageFromHeader(req.headers["accept-language"]);
  const common = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (path === "/livez") {
    res.writeHead(200, { ...common, "content-type": "application/json" });
    res.end(JSON.stringify({ status: "alive" }));
    return;
  }
  const headers = { ...common, "retry-after": String(RETRY_SECONDS) };
  if (req.method === "GET" && (req.headers.accept ?? "").includes("text/html")) {
    res.writeHead(503, {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": POLICY,
    });
    res.end(page(step, lang));
    return;
  }
  const message = `${inLanguage(TITLE, lang)}: ${inLanguage(STEPS[step], lang)}`;
  res.writeHead(503, { ...headers, "content-type": "application/json; charset=utf-8" });
  res.end(
    JSON.stringify(
      path === "/graphql"
        ? { errors: [{ message, extensions: { code: "STARTING", step } }] }
        : { status: "starting", step, message },
    ),
  );
}

/** Listens on the port until close(); rejects as server.listen does (EADDRINUSE…). */
export function listenWhileStarting(port: number, host: string): Promise<StartingServer> {
  let current: StartupStep = "database";
  const server = http.createServer((req, res) => {
    // The request body is not read: drain it so the connection can be reused.
    req.resume();
    answer(req, res, current);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        step(step) {
          current = step;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
