// The presentation at the projectors a conference room has (1024×768, 1280×720, 1920×1080) and
// the comparison's map, in a real Chromium over the demo data plus a national tree of the 34
// provinces. Screenshots go to docs/screenshots/ for the README.
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUnit, PASSWORD } from "../hardening/support/world";
import { startTestServer, type TestServer } from "../support/server";
import { stepToSlide } from "./a11y";
import { DATA_TABLE_ROWS, launchChromium, type SavedSession, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);
// The screenshots docs/map-and-presentation.md shows are these; a run rewrites them only when asked
// (UPDATE_DOC_SCREENSHOTS=1), so a test run leaves the working tree as it was.
const DOCS = fileURLToPath(
  new URL(
    process.env.UPDATE_DOC_SCREENSHOTS === "1"
      ? "../../../docs/screenshots/"
      : "../../../test-results/screenshots/",
    import.meta.url,
  ),
);
const UNITS_2025 = new URL("../../../../shared/data/vn-admin-units-2025.json", import.meta.url);

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
const SLIDES = ["kpi", "trend", "sectors", "awards", "recipients", "compare", "map"];

interface Account {
  username: string;
  password: string;
}

describe("the presentation at any projector, and the map", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Account;
  let adminToken: string;
  let longBinhId: string;
  let provinceId: string;
  let nationalId: number;
  const national: Account = { username: "trung-uong", password: PASSWORD };
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    mkdirSync(DOCS, { recursive: true });
    const seed = await import("@d05/prisma/seed");
    const provinces = JSON.parse(readFileSync(UNITS_2025, "utf8")) as {
      Code: string;
      FullName: string;
    }[];
    server = await startTestServer("pglite", async (t) => {
      await seed.seedDemo(t.db.prisma);
      // A national tree: the 34 provinces under one root, each with a figure for 2025 except
      // the last two (not reported), so the map shows every shade and both laggard marks.
      const prisma = t.db.prisma;
      nationalId = await createUnit(prisma, null, "TW", "Ban Tuyên giáo Trung ương", "AGENCY");
      for (const [i, province] of provinces.entries()) {
        const id = await createUnit(
          prisma,
          nationalId,
          province.Code,
          province.FullName,
          "PROVINCE",
        );
        await prisma.unit.update({ where: { id }, data: { partyMembers: 1000 + i * 37 } });
        if (i >= provinces.length - 2) continue;
        await prisma.activity.create({
          data: {
            unitId: id,
            kind: "CONFERENCE",
            title: "Hội nghị quán triệt chuyên đề năm 2025",
            occurredOn: new Date("2025-03-15T00:00:00Z"),
            sessions: 1 + (i % 5),
            attendance: 500 + ((i * 7919) % 4000),
          },
        });
      }
      await createAccount(prisma, national.username, "ADMIN", nationalId);
    });
    const found = seed.DEMO_ACCOUNTS.find((a) => a.username === "admin");
    if (!found) throw new Error("no demo admin");
    admin = found;
    adminToken = await signInByApi(admin);
    const { body } = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: seed.DEMO.communes.longBinh },
      adminToken,
    );
    longBinhId = body.data!.unitByCode.id;
    const province = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: seed.DEMO.province },
      adminToken,
    );
    provinceId = province.body.data!.unitByCode.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signInByApi(account: Account): Promise<string> {
    const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
      `mutation ($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
      }`,
      { u: account.username, p: account.password },
    );
    const token = body.data?.login.data?.token;
    if (!token) throw new Error(`could not sign in as ${account.username}`);
    return token;
  }

  /** Each account's session after its first sign-in through the login screen. */
  const sessions = new Map<string, SavedSession>();

  /**
   * A fresh browser context signed in as `account`: through the login screen the first time, then
   * with the session that sign-in saved (one load of the dashboard instead of two).
   */
  async function signedIn(account: Account, size: { width: number; height: number }) {
    const saved = sessions.get(account.username);
    const context = await browser.newContext({
      viewport: size,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
      storageState: saved,
    });
    const page = await context.newPage();
    const watched: WatchedPage = { page, context, errors: [] };
    page.on("console", (m) => m.type() === "error" && watched.errors.push(m.text()));
    page.on("pageerror", (e) => watched.errors.push(e.message));
    opened.push(watched);
    await page.goto(server.url);
    if (!saved) {
      await page.getByLabel("Tên đăng nhập").fill(account.username);
      await page.getByLabel("Mật khẩu").fill(account.password);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
    }
    await page.getByRole("navigation", { name: "Các trang" }).waitFor();
    if (!saved) sessions.set(account.username, await context.storageState());
    return watched;
  }

  async function settled(page: Page) {
    await page.waitForFunction(
      () => document.querySelectorAll(".state-loading").length === 0,
      null,
      {
        timeout: 30_000,
      },
    );
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: `${DOCS}${name}.png`, fullPage: false });
  }

  /** Names of the units in a comparison, as the API ranks them. */
  async function comparedUnits(token: string, unitId: string, level: string) {
    const { body } = await server.graphql<{
      comparison: { rows: { unit: { name: string }; rank: number }[] };
    }>(
      `query ($unit: ID!, $level: UnitKind!) {
        comparison(unitId: $unit, childLevel: $level, measure: ATTENDANCE_PER_100_MEMBERS,
                   period: { from: "2025-01-01", to: "2025-12-31" }) {
          ... on Comparison { rows { unit { name } rank } }
        }
      }`,
      { unit: unitId, level },
      token,
    );
    return body.data!.comparison.rows.map((row) => row.unit.name);
  }

  /** The slide fits the window: nothing reaches past its right or bottom edge. */
  async function expectFits(page: Page, where: string) {
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      const slide = document.querySelector('[class*="present-slide"]')?.getBoundingClientRect();
      return {
        wide: root.scrollWidth > root.clientWidth,
        belowEdge: slide ? Math.round(slide.bottom) > window.innerHeight : true,
      };
    });
    expect({ where, ...overflow }).toEqual({ where, wide: false, belowEdge: false });
  }

  for (const size of SIZES) {
    const label = `${size.width}x${size.height}`;
    it(`shows every slide at ${label}, and the comparison pages through every unit with ranks`, async () => {
      const watched = await signedIn(admin, size);
      const { page } = watched;
      const expected = await comparedUnits(adminToken, provinceId, "COMMUNE");
      expect(expected.length).toBeGreaterThan(10);
      // The first slide from its link, then each next one by the arrow key, as a presenter moves
      // on (the comparison pages through its units first): one load of the dashboard per size.
      await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1&slide=0`);
      for (const [index, id] of SLIDES.entries()) {
        await page.locator(`.present[data-slide="${id}"]`).waitFor();
        expect(await page.locator(".present").getAttribute("data-slide-index")).toBe(String(index));
        await settled(page);
        expect(await page.locator(".state-error").count()).toBe(0);
        if (id === "compare") {
          await page.locator(".present .recharts-surface").waitFor();
          const line = page.locator("[data-pages]");
          await expect.poll(() => line.textContent()).toContain(`/${expected.length}`);
          const pages = Number(await line.getAttribute("data-pages"));
          const seen: string[] = [];
          for (let p = 1; p <= pages; p++) {
            await expect.poll(() => line.getAttribute("data-page")).toBe(String(p));
            await expect.poll(() => page.locator("[data-rank-tick]").count()).toBeGreaterThan(0);
            const ticks = await page.locator("[data-rank-tick]").allTextContents();
            seen.push(...ticks);
            // The legend names the amber lowest group on every page.
            expect(await page.locator('[class*="present-slide"]').textContent()).toContain(
              "Nhóm thấp nhất",
            );
            await expectFits(page, `${id} ${p}/${pages} ${label}`);
            await shot(page, `trinh-chieu-${index + 1}-${id}-${p}-${label}`);
            if (p < pages) await page.keyboard.press("ArrowRight");
          }
          const names = seen.map((tick) => tick.replace(/^⚠\s*/, "").replace(/^[\d–]+\.\s*/, ""));
          expect([...names].sort()).toEqual([...expected].sort());
          const ranks = seen.map((tick) => Number(/(\d+)\./.exec(tick)?.[1]));
          expect(ranks).toEqual(expected.map((_, i) => i + 1));
          // Past the last page, the next slide.
          await page.keyboard.press("ArrowRight");
          await expect.poll(() => page.locator(".present").getAttribute("data-slide")).toBe("map");
        } else {
          await expectFits(page, `${id} ${label}`);
          await shot(page, `trinh-chieu-${index + 1}-${id}-${label}`);
          if (index < SLIDES.length - 1) await page.keyboard.press("ArrowRight");
        }
      }
      expect(watched.errors).toEqual([]);
    });
  }

  it("scales every slide up to a 4K projector at 100 % (3840×2160) and keeps it in the window", async () => {
    const watched = await signedIn(admin, { width: 3840, height: 2160 });
    const { page } = watched;
    await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1&slide=0`);
    for (const [index, id] of SLIDES.entries()) {
      await stepToSlide(page, index);
      expect(await page.locator(".present").getAttribute("data-slide")).toBe(id);
      await expectFits(page, `${id} 3840x2160`);
      // Drawn at 1080p proportions: the title is as tall, relative to the screen, as at 1920×1080.
      const titleHeight = await page
        .locator(".present-title")
        .evaluate((el) => el.getBoundingClientRect().height);
      expect(titleHeight).toBeGreaterThan(100);
      if (id === "compare") {
        await page.locator(".present .recharts-surface").waitFor();
        await shot(page, "trinh-chieu-6-compare-1-3840x2160");
      }
    }
    expect(watched.errors).toEqual([]);
  });

  it("keeps the slide and the comparison's page across a reload", async () => {
    const { page } = await signedIn(admin, SIZES[0]);
    await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1&slide=5`);
    const line = page.locator("[data-pages]");
    await settled(page);
    await expect.poll(() => line.getAttribute("data-pages")).not.toBe("1");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => line.getAttribute("data-page")).toBe("2");
    await page.reload();
    await page.locator(".present").waitFor();
    expect(await page.locator(".present").getAttribute("data-slide-index")).toBe("5");
    await expect.poll(() => line.getAttribute("data-page")).toBe("2");
  });

  it("hides the control bar after 3 s without mouse movement and shows it on the next move", async () => {
    const { page } = await signedIn(admin, SIZES[1]);
    await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1`);
    const controls = page.locator('[class*="present-controls"]');
    // The move must reach the mounted presentation (its idle timer listens from then on).
    await controls.waitFor();
    await page.mouse.move(300, 300);
    const opacity = () => controls.evaluate((el) => getComputedStyle(el).opacity);
    expect(await opacity()).not.toBe("0");
    await expect.poll(opacity, { timeout: 6_000 }).toBe("0");
    await page.mouse.move(400, 400);
    await expect.poll(opacity).not.toBe("0");
  });

  it("moves the 'cập nhật lúc' stamp with each live push", async () => {
    const { page } = await signedIn(admin, SIZES[2]);
    await page.goto(`${server.url}/trinh-chieu?p=2026&paused=1`);
    const stamp = page.locator("[data-live-version]");
    await expect.poll(() => stamp.textContent()).toMatch(/^Cập nhật lúc \d{2}:\d{2}$/);
    await page.locator(".live-dot").waitFor({ timeout: 15_000 });
    const before = await stamp.getAttribute("data-updated-at");
    const { body } = await server.graphql<{ recordActivity: { __typename: string } }>(
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { __typename } }`,
      {
        input: {
          unitId: longBinhId,
          kind: "THEMATIC_SESSION",
          title: "Sinh hoạt chuyên đề trực tiếp",
          occurredOn: "2026-10-20",
          attendance: 321,
        },
      },
      adminToken,
    );
    expect(body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
    await expect
      .poll(() => stamp.getAttribute("data-live-version"), { timeout: 15_000 })
      .not.toBe("0");
    expect(await stamp.getAttribute("data-updated-at")).not.toBe(before);
  });

  it("maps a province's communes as tiles, one per unit, named for screen readers, and drills in on a click", async () => {
    for (const size of [SIZES[0], SIZES[2], { width: 390, height: 844 }]) {
      const watched = await signedIn(admin, size);
      const { page } = watched;
      await page.goto(`${server.url}/so-sanh?p=2025`);
      await settled(page);
      const rows = await page.locator(DATA_TABLE_ROWS).count();
      const tiles = page.locator('[data-map="tiles"] button');
      expect(await tiles.count()).toBe(rows);
      const names = await tiles.evaluateAll((els) =>
        els.map((el) => el.getAttribute("aria-label")),
      );
      for (const name of names) expect(name).toMatch(/^(Phường|Xã) .+: .+, hạng \d+\/\d+/);
      expect(names.some((n) => n?.includes("Nhóm thấp nhất"))).toBe(true);
      const wide = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
      );
      expect({ size: size.width, wide }).toEqual({ size: size.width, wide: false });
      const map = page.locator(".map-card");
      await map.scrollIntoViewIfNeeded();
      await shot(page, `so-sanh-ban-do-xa-${size.width}x${size.height}`);
      expect(watched.errors).toEqual([]);
    }
    const { page } = await signedIn(admin, SIZES[2]);
    await page.goto(`${server.url}/so-sanh?p=2025`);
    await settled(page);
    const hanhSon = page.getByRole("button", { name: /^Xã Hạnh Sơn:/ });
    await hanhSon.click();
    await expect.poll(() => page.locator(".breadcrumb").textContent()).toContain("Xã Hạnh Sơn");
    expect(new URL(page.url()).searchParams.get("unit")).not.toBeNull();
  });

  it("maps the 34 provinces by their shapes at national level, and Enter on a province drills in", async () => {
    const watched = await signedIn(national, SIZES[2]);
    const { page } = watched;
    await page.goto(`${server.url}/so-sanh?p=2025&level=PROVINCE&m=ATTENDANCE`);
    await settled(page);
    const regions = page.locator('[data-map="geo"] path[role="button"]');
    expect(await regions.count()).toBe(34);
    const names = await regions.evaluateAll((els) =>
      els.map((el) => el.getAttribute("aria-label")),
    );
    expect(names.filter((n) => n?.includes("Chưa báo cáo"))).toHaveLength(2);
    expect(names.some((n) => n?.startsWith("Thành phố Hà Nội: "))).toBe(true);
    await page.locator(".map-card").scrollIntoViewIfNeeded();
    await shot(page, "so-sanh-ban-do-tinh-1920x1080");
    await page.goto(
      `${server.url}/trinh-chieu?p=2025&paused=1&slide=6&level=PROVINCE&m=ATTENDANCE`,
    );
    await page.locator('.present [data-map="geo"]').waitFor();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectFits(page, `national map ${size.width}x${size.height}`);
      await shot(page, `trinh-chieu-ban-do-tinh-${size.width}x${size.height}`);
    }
    await page.goto(`${server.url}/so-sanh?p=2025&level=PROVINCE&m=ATTENDANCE`);
    await settled(page);
    const haNoi = page.getByRole("button", { name: /^Thành phố Hà Nội: / });
    await haNoi.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator(".breadcrumb").textContent())
      .toContain("Thành phố Hà Nội");
    expect(watched.errors).toEqual([]);
  });
});
