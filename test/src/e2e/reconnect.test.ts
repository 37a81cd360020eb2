// The live connection in a real Chromium across a server restart: the banner says it is
// reconnecting while the server is away, goes once the same address answers again, and the
// figures catch up (what changed meanwhile) and stay live (what changes next) without a reload.
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  type DemoServer,
  demoAccount,
  kpiValue,
  signedIn,
  signInByApi,
  startDemoServer,
} from "./app";
import { launchChromium, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);
const ATTENDANCE = "Lượt người tham dự";

/** Resolves on the next liveFigures push the page receives over any of its WebSockets. */
function nextLivePush(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) => {
        if (String(payload).includes('"liveFigures"')) resolve();
      });
    });
  });
}

describe("the live connection across a server restart", () => {
  let server: DemoServer;
  let browser: Browser;
  let admin: Account;
  let reporter: Account;
  let longBinh: { id: string; rowId: number };
  let watched: WatchedPage | undefined;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    const { DEMO } = await import("@d05/prisma/seed");
    server = await startDemoServer();
    admin = await demoAccount("admin");
    reporter = await demoAccount("reporter");
    const token = await signInByApi(server, admin);
    const { body } = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: DEMO.communes.longBinh },
      token,
    );
    const row = await server.database.db.prisma.unit.findUniqueOrThrow({
      where: { code: DEMO.communes.longBinh },
    });
    longBinh = { id: body.data!.unitByCode.id, rowId: row.id };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await watched?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it("shows the reconnecting banner while the server is down and resumes live figures after", async () => {
    const today = new Date();
    const year = today.getUTCFullYear();
    const day = today.toISOString().slice(0, 10);
    watched = await signedIn(browser, server.url, admin);
    const { page } = watched;
    const subscribed = nextLivePush(page);
    await page.goto(`${server.url}/?unit=${encodeURIComponent(longBinh.id)}&p=${year}`);
    await page.getByRole("article", { name: new RegExp(`^${ATTENDANCE}:`) }).waitFor();
    await subscribed; // the INITIAL push: the page is live
    const banner = page.getByRole("status").filter({ hasText: "đang kết nối lại" });
    expect(await banner.count()).toBe(0);
    const before = await kpiValue(page, ATTENDANCE);

    await server.stop();
    await banner.waitFor({ timeout: 15_000 });
    await screenshot(page, "mat-ket-noi-1920x1080");

    // Written while nobody could be told: no push will ever carry it.
    await server.database.db.prisma.activity.create({
      data: {
        unitId: longBinh.rowId,
        kind: "CONFERENCE",
        title: "Hội nghị ghi trong lúc mất kết nối",
        occurredOn: new Date(`${day}T00:00:00Z`),
        attendance: 321,
      },
    });

    const resubscribed = nextLivePush(page);
    await server.start();
    await banner.waitFor({ state: "detached", timeout: 30_000 });
    await resubscribed;
    // Caught up on reconnecting, without a reload.
    await expect.poll(() => kpiValue(page, ATTENDANCE), { timeout: 15_000 }).toBe(before + 321);

    // And live again: a report through the restarted server shows up on its own.
    const token = await signInByApi(server, reporter);
    const { body } = await server.graphql<{ recordActivity: { __typename: string } }>(
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { __typename } }`,
      {
        input: {
          unitId: longBinh.id,
          kind: "THEMATIC_SESSION",
          title: "Sinh hoạt chuyên đề sau khi máy chủ khởi động lại",
          occurredOn: day,
          attendance: 55,
        },
      },
      token,
    );
    expect(body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
    await expect
      .poll(() => kpiValue(page, ATTENDANCE), { timeout: 15_000 })
      .toBe(before + 321 + 55);
    expect(page.url()).toContain(`p=${year}`);

    // Chromium logs the refused WebSocket handshakes while the server is away; nothing else.
    const unexpected = watched.errors.filter(
      (e) => !/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
