// The port answers while the server migrates and seeds (server/src/starting.ts).
import http from "node:http";
import { listenWhileStarting } from "@d05/server/starting";
import { describe, expect, it } from "vitest";

describe("the starting page", () => {
  it("tells a browser, in Vietnamese, what the server is doing, and reloads", async () => {
    const starting = await listenWhileStarting(0, "127.0.0.1");
    const url = `http://127.0.0.1:${starting.port}`;
    try {
      const first = await fetch(`${url}/`, { headers: { accept: "text/html" } });
      expect(first.status).toBe(503);
      expect(first.headers.get("retry-after")).toBe("2");
      expect(first.headers.get("content-security-policy")).toContain("default-src 'none'");
      const html = await first.text();
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain("Hệ thống đang khởi động");
      expect(html).toContain("Đang mở cơ sở dữ liệu");
      expect(html).toMatch(/<meta http-equiv="refresh" content="2">/);

      starting.step("demo");
      const later = await (await fetch(`${url}/`, { headers: { accept: "text/html" } })).text();
      expect(later).toContain("Đang nạp dữ liệu mẫu");
      const english = await fetch(`${url}/`, {
        headers: { accept: "text/html", "accept-language": "en-GB,en;q=0.9" },
      });
      expect(await english.text()).toContain("Loading the demo data");
    } finally {
      await starting.close();
    }
  });

  it("answers GraphQL and the probes with 503 STARTING, and /livez with 200", async () => {
    const starting = await listenWhileStarting(0, "127.0.0.1");
    const url = `http://127.0.0.1:${starting.port}`;
    try {
      starting.step("migrations");
      const graphql = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(graphql.status).toBe(503);
      const body = (await graphql.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe("STARTING");
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "starting", step: "migrations" });
      expect((await fetch(`${url}/livez`)).status).toBe(200);
    } finally {
      await starting.close();
    }
  });

  it("frees its port on close, with a browser's kept-alive connection open", async () => {
    const starting = await listenWhileStarting(0, "127.0.0.1");
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get({ port: starting.port, host: "127.0.0.1", path: "/", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      }),
    );
    await starting.close();
    // The app binds the same port next.
    const app = http.createServer((_req, res) => res.end("ready"));
    await new Promise<void>((resolve) => app.listen(starting.port, "127.0.0.1", () => resolve()));
    expect(await (await fetch(`http://127.0.0.1:${starting.port}/`)).text()).toBe("ready");
    agent.destroy();
    await new Promise((resolve) => app.close(resolve));
  });

  it("refuses a port already in use, as the app would", async () => {
    const taken = await listenWhileStarting(0, "127.0.0.1");
    try {
      await expect(listenWhileStarting(taken.port, "127.0.0.1")).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await taken.close();
    }
  });
});
