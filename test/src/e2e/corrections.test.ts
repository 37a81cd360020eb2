// A reporter corrects and deletes from the lists, in a real Chromium over the demo data: a
// commitment corrected into a chi bộ (the chi bộ's open overview counts it), a contribution
// corrected and then deleted offline from the model's page (the deletion waits in the outbox,
// said on the page, and the totals follow once it is sent). The model page is photographed at
// 1024×768 and on a 390 px phone, where no amount may break inside its figure.
// Needs the built web and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DemoServer,
  demoAccount,
  settled,
  signedIn,
  signInByApi,
  startDemoServer,
} from "./app";
import { launchChromium, screenshot, sidewaysOverflow, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

/** Today and yesterday in Vietnam, as the API reads days. */
const vietnamDay = (offset = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const YESTERDAY = vietnamDay(-1);
const YEAR = Number(YESTERDAY.slice(0, 4));

/** The exact figure of a KPI card (its accessible name holds it, not the short form shown). */
async function card(page: Page, label: string): Promise<number> {
  const article = page.locator("article.kpi").filter({
    has: page.locator(".kpi-label", { hasText: label }),
  });
  const name = (await article.first().getAttribute("aria-label")) ?? "";
  return Number(name.slice(label.length + 1).replace(/[^\d]/g, ""));
}

describe("correcting and deleting from the lists", () => {
  let server: DemoServer;
  let browser: Browser;
  let token: string;
  let longBinh: string;
  let phuTrung: { id: string; name: string };
  const opened: WatchedPage[] = [];

  const api = async <T>(query: string, variables: Record<string, unknown>) => {
    const { body } = await server.graphql<T>(query, variables, token);
    if (!body.data || body.errors) throw new Error(JSON.stringify(body));
    return body.data;
  };

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    server = await startDemoServer();
    token = await signInByApi(server, await demoAccount("reporter"));
    const seed = await import("@d05/prisma/seed");
    const unit = async (code: string) =>
      (
        await api<{ unitByCode: { id: string; name: string } }>(
          "query ($code: String!) { unitByCode(code: $code) { id name } }",
          { code },
        )
      ).unitByCode;
    longBinh = (await unit(seed.DEMO.communes.longBinh)).id;
    phuTrung = await unit(`${seed.DEMO.communes.longBinh}-CB01`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport: "projector" | "phone" = "projector") {
    const watched = await signedIn(
      browser,
      server.url,
      await demoAccount("reporter"),
      viewport,
      path,
    );
    opened.push(watched);
    await settled(watched.page);
    return watched;
  }

  it("corrects a commitment into a chi bộ, and the chi bộ's open overview counts it", async () => {
    const title = "Đề tài “Dân vận khéo” cần sửa";
    await api(
      `mutation ($input: RegisterCommitmentInput!) {
        registerCommitment(input: $input) { __typename }
      }`,
      {
        input: { unitId: longBinh, year: YEAR, kind: "INITIATIVE", title, registeredOn: YESTERDAY },
      },
    );
    const overview = await open(`/?unit=${encodeURIComponent(phuTrung.id)}&p=${YEAR}`);
    const registered = () => card(overview.page, "Đăng ký làm theo");
    const before = await registered();

    const { page } = await open(`/hoat-dong?unit=${encodeURIComponent(longBinh)}&p=${YEAR}`);
    const list = page.locator("section.table-card").filter({ hasText: "Đăng ký làm theo" });
    const row = list.getByRole("row").filter({ hasText: title });
    // Each button names its record ("Sửa: …"), so a list of them reads apart.
    await row.getByRole("button", { name: `Sửa: ${title}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Sửa: ${title}` });
    const unit = dialog.getByLabel("Đơn vị");
    await expect.poll(() => unit.inputValue()).toBe(longBinh);
    await unit.selectOption(phuTrung.id);
    await dialog.getByLabel("Nội dung / tên").fill(`${title} (đã sửa)`);
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });

    const corrected = list.getByRole("row").filter({ hasText: `${title} (đã sửa)` });
    await corrected.filter({ hasText: phuTrung.name }).waitFor();
    await expect.poll(registered, { timeout: 15_000 }).toBe(before + 1);
    await page.setViewportSize({ width: 1024, height: 768 });
    await corrected.scrollIntoViewIfNeeded();
    await screenshot(page, "hoat-dong-dang-ky-1024x768");
  }, 120_000);

  it("shows an administrator the correction's history with unit names, not row ids", async () => {
    const watched = await signedIn(
      browser,
      server.url,
      await demoAccount("admin"),
      "projector",
      `/hoat-dong?unit=${encodeURIComponent(longBinh)}&p=${YEAR}`,
    );
    opened.push(watched);
    const { page } = watched;
    await settled(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    const title = "Đề tài “Dân vận khéo” cần sửa (đã sửa)";
    const row = page
      .locator("section.table-card")
      .filter({ hasText: "Đăng ký làm theo" })
      .getByRole("row")
      .filter({ hasText: title });
    await row.getByRole("button", { name: "Lịch sử" }).click();
    const dialog = page.getByRole("dialog", { name: `Lịch sử sửa: ${title}` });
    // The correction's line: from the commune to the chi bộ, both by name.
    const moved = dialog
      .getByRole("row")
      .filter({ hasText: "Đơn vị" })
      .filter({ hasText: phuTrung.name })
      .filter({ hasText: "Xã Long Bình" });
    await moved.waitFor();
    expect(await moved.textContent()).not.toMatch(/\d/);
    await screenshot(page, "lich-su-dang-ky-1024x768");
  }, 120_000);

  it("corrects a contribution, deletes another offline, and the model's totals follow; the figures never break on a phone", async () => {
    // The Long Bình model with the most money: its totals are the longest figures.
    const { models } = await api<{
      models: {
        edges: { node: { id: string; name: string; contributionTotals: { totalVnd: number } } }[];
      };
    }>(
      `query ($u: ID!) {
        models(filter: { underUnitId: $u }, first: 100) {
          edges { node { id name contributionTotals { totalVnd } } }
        }
      }`,
      { u: longBinh },
    );
    const model = models.edges
      .map((e) => e.node)
      .sort((a, b) => b.contributionTotals.totalVnd - a.contributionTotals.totalVnd)[0];
    if (!model) throw new Error("no Long Bình model");
    const contribute = (cashVnd: string, note: string) =>
      api(
        `mutation ($input: RecordModelContributionInput!) {
          recordModelContribution(input: $input) { __typename }
        }`,
        { input: { modelId: model.id, recordedOn: YESTERDAY, cashVnd, note } },
      );
    await contribute("5000000", "Góp tiền làm đường (nhập nhầm)");
    await contribute("3000000", "Góp tiền hai lần (trùng)");

    const path = `/mo-hinh?unit=${encodeURIComponent(longBinh)}&p=${YEAR}&model=${encodeURIComponent(model.id)}`;
    const watched = await open(path);
    const { page, context } = watched;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole("heading", { name: model.name }).waitFor();
    const total = () => card(page, "Tổng giá trị");
    const cash = () => card(page, "Tiền mặt");
    const start = { total: await total(), cash: await cash() };
    expect(start.total).toBe(model.contributionTotals.totalVnd + 8_000_000);

    // Corrected: 5.000.000 đ typed by mistake, 7.000.000 đ given.
    const wrong = page.getByRole("row").filter({ hasText: "nhập nhầm" });
    await wrong.getByRole("button", { name: "Sửa" }).click();
    const dialog = page.getByRole("dialog", { name: /^Sửa: Đóng góp ngày/ });
    const cashField = dialog.getByLabel("Tiền mặt (đồng)");
    await expect.poll(() => cashField.inputValue()).toBe("5.000.000");
    await cashField.fill("7.000.000");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(total, { timeout: 15_000 }).toBe(start.total + 2_000_000);
    expect(await cash()).toBe(start.cash + 2_000_000);
    await screenshot(page, "mo-hinh-sua-dong-gop-1024x768");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "mo-hinh-1024x768");

    // Deleted while the connection is down: it waits in the outbox, said on this page too.
    await context.setOffline(true);
    const twice = page.getByRole("row").filter({ hasText: "trùng" });
    await twice.getByRole("button", { name: "Xóa" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Xóa bản ghi này?" });
    await confirm.getByRole("button", { name: "Xóa" }).click();
    await confirm.waitFor({ state: "hidden" });
    await page.getByText("Đang chờ gửi 1 bản ghi").waitFor();
    expect(await total()).toBe(start.total + 2_000_000);
    await context.setOffline(false);
    await page.getByText("Đã gửi các bản ghi đang chờ.").waitFor({ timeout: 30_000 });
    await expect.poll(total, { timeout: 15_000 }).toBe(start.total - 1_000_000);
    await expect.poll(() => twice.count()).toBe(0);
    expect(
      watched.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)),
    ).toEqual([]);

    // On a phone: no amount breaks inside its figure, and nothing spills sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("heading", { name: "Tổng đóng góp" }).scrollIntoViewIfNeeded();
    await screenshot(page, "mo-hinh-dong-gop-390x844");
    const figures = await page.locator(".kpi-value").evaluateAll((nodes) =>
      nodes.map((node) => ({
        text: node.textContent ?? "",
        lines: Math.round(
          node.getBoundingClientRect().height /
            Number.parseFloat(getComputedStyle(node).lineHeight),
        ),
        overflows: node.scrollWidth > node.clientWidth + 1,
      })),
    );
    expect(figures.length).toBeGreaterThan(6);
    for (const figure of figures) {
      expect(figure, figure.text).toMatchObject({ lines: 1, overflows: false });
    }
    expect((await sidewaysOverflow(page)).scrollWidth).toBeLessThanOrEqual(390);
  }, 180_000);
});
