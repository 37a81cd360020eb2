// Issue 18's "done when", the parts a person without a mouse or without Vietnamese meets: a
// keyboard-only walk through the dashboard (sign in, unit, period, every view, a chart's table, a
// record, the presentation) where every focus stop is visible and lands where it should; no chart
// drawing is a tab stop; every view and slide titles the window; and axe-core finds nothing on any
// view or slide in English. A real Chromium over the demo data; needs the built web
// (node web/build-when-changed.mjs) and /usr/bin/chromium.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { a11yApp, stepToSlide } from "./a11y";
import { demoAccount, settled, signInByApi } from "./app";
import { audit, axeScript } from "./axe";
import { screenshot } from "./browser";

/** What has focus, and whether a sighted keyboard user can see it. */
interface Focus {
  label: string;
  /** Nothing but the page itself has focus. */
  lost: boolean;
  /** A focus ring of 2 px or more (outline or box-shadow). */
  ring: boolean;
  /** The element lies (partly) inside the window. */
  onScreen: boolean;
  /** An ancestor that clips its overflow cuts the element or its focus ring. */
  clippedBy: string | null;
  /** Inside a recharts drawing (must never happen: the data table is the way to the figures). */
  inChart: boolean;
}

const FOCUS = `(() => {
  const el = document.activeElement;
  const lost = !el || el === document.body || el === document.documentElement;
  if (lost) return { label: "(body)", lost, ring: false, onScreen: false, clippedBy: null, inChart: false };
  const style = getComputedStyle(el);
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) || 0;
  const ring = width >= 2 || (style.boxShadow !== "none" && style.boxShadow !== "");
  const box = el.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
    box.top < innerHeight && box.left < innerWidth;
  // The element and its ring must be whole inside every ancestor that clips its overflow (a
  // scrolling list, the navigation bar): a ring cut to two side lines is hard to see.
  const reach = Math.max(0, width + (parseFloat(style.outlineOffset) || 0));
  let clippedBy = null;
  for (let node = el.parentElement; node && !clippedBy; node = node.parentElement) {
    const cs = getComputedStyle(node);
    if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
    const clip = node.getBoundingClientRect();
    if (box.left - reach < clip.left - 1 || box.right + reach > clip.right + 1 ||
        box.top - reach < clip.top - 1 || box.bottom + reach > clip.bottom + 1) {
      clippedBy = node.tagName.toLowerCase() + "." + String(node.className).split(" ")[0];
    }
  }
  const text = (el.getAttribute("aria-label") || el.labels?.[0]?.textContent ||
    el.textContent || el.tagName).trim().replace(/\\s+/g, " ").slice(0, 60);
  const label = el.tagName.toLowerCase() + (el.getAttribute("role") ? "[" + el.getAttribute("role") + "]" : "") + " " + text;
  return { label, lost, ring, onScreen, clippedBy, inChart: !!el.closest(".recharts-wrapper") };
})()`;

/** Every keyboard step of a walk, and what was wrong with the focus after it. */
class Walk {
  readonly problems: string[] = [];
  readonly stops: string[] = [];
  constructor(private readonly page: Page) {}

  /** Checks the focus now: visible, on screen, not lost, not in a chart. */
  async check(after: string): Promise<Focus> {
    const focus = (await this.page.evaluate(FOCUS)) as Focus;
    const wrong = [
      focus.lost && "focus lost to the page",
      !focus.lost && !focus.ring && "no visible focus ring",
      !focus.lost && !focus.onScreen && "off screen",
      focus.clippedBy && `cut by ${focus.clippedBy}`,
      focus.inChart && "inside a chart drawing",
    ].filter(Boolean);
    if (wrong.length > 0) this.problems.push(`${after} → ${focus.label}: ${wrong.join(", ")}`);
    return focus;
  }

  async press(key: string, note = key): Promise<Focus> {
    await this.page.keyboard.press(key);
    return this.check(note);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Tab (or Shift+Tab) until `target` has focus, checking every stop on the way. */
  async tabTo(target: Locator, backwards = false, max = 120): Promise<void> {
    const key = backwards ? "Shift+Tab" : "Tab";
    for (let i = 0; i < max; i++) {
      // Past the page's first or last stop focus goes to the browser's own controls: not a fault.
      const focus = await this.press(key, `${key} (going to ${target})`);
      if (focus.lost) this.problems.pop();
      this.stops.push(focus.label);
      if (await this.has(target).catch(() => false)) return;
    }
    throw new Error(
      `${max} × ${key} never reached ${target}; ${this.stops.length} stops, last: ${this.stops.slice(-8).join(" | ")}; problems: ${this.problems.join(" | ")}`,
    );
  }

  /** Whether `target` has focus now. */
  async has(target: Locator): Promise<boolean> {
    // Not there (yet) is not focused: no waiting for it.
    if ((await target.count()) !== 1) return false;
    return target.evaluate((e) => e === document.activeElement);
  }
}

/** No element inside a recharts drawing takes part in the tab order. */
function chartTabStops(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement | SVGElement>(
        ".recharts-wrapper, .recharts-wrapper *",
      ),
    ]
      .filter((element) => element.tabIndex >= 0)
      .map((element) => `${element.tagName}.${element.getAttribute("class") ?? ""}`),
  );
}

describe("keyboard, titles and English (WCAG 2.1 AA)", () => {
  const app = a11yApp();

  it("walks through signing in, unit, period, every view, a chart's table, a record and the presentation by keyboard alone", async () => {
    const account = await demoAccount("admin");
    const watched = await app.page("projector");
    const { page } = watched;
    await page.setViewportSize({ width: 1024, height: 768 });
    const walk = new Walk(page);
    const nav = page.getByRole("navigation", { name: "Các trang" });

    // Sign in.
    await page.goto(`${app.server.url}/?p=2025`);
    await page.getByLabel("Tên đăng nhập").waitFor();
    expect(await page.title()).toBe("Đăng nhập — Chỉ thị 05");
    await walk.tabTo(page.getByLabel("Tên đăng nhập"));
    await walk.type(account.username);
    await walk.press("Tab");
    expect(await walk.has(page.getByLabel("Mật khẩu"))).toBe(true);
    await walk.type(account.password);
    await page.keyboard.press("Enter");
    await nav.waitFor();
    await settled(page);
    expect(await page.title()).toBe("Tổng quan — Chỉ thị 05");

    // A unit: the list prepares the choice, "Xem" makes it, the change is announced.
    const children = page.getByLabel("Đơn vị trực thuộc");
    await walk.tabTo(children);
    await walk.press("ArrowDown");
    expect(page.url()).not.toContain("unit=");
    const child = await children.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
    await walk.press("Tab");
    expect(await walk.has(page.getByRole("button", { name: "Xem", exact: true }))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("unit=");
    await expect
      .poll(() => page.getByRole("status").allTextContents())
      .toContain(`Đơn vị: ${child?.replace(/ \(.*\)$/, "")}`);
    await settled(page);
    // Focus on the new unit's name ("Xem" is disabled with nothing chosen in the new list).
    await walk.check("Xem");
    const here = page.getByRole("navigation", { name: "Đường dẫn đơn vị" }).locator("strong");
    expect(await walk.has(here)).toBe(true);

    // A period, the same way.
    const before = page.url();
    await walk.tabTo(page.getByLabel("Kỳ báo cáo"));
    await walk.press("ArrowDown");
    expect(page.url()).toBe(before);
    await walk.tabTo(page.getByRole("button", { name: "Áp dụng" }));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).not.toBe(before);
    await expect
      .poll(() => page.getByRole("status").allTextContents())
      .toContain("Kỳ báo cáo: Quý 1/2025");
    await settled(page);
    // Focus back on the period list ("Áp dụng" is disabled once applied).
    await walk.check("Áp dụng");
    expect(await walk.has(page.getByLabel("Kỳ báo cáo"))).toBe(true);

    // Every view from the navigation: its title, its heading, and no chart drawing as a stop.
    for (const name of [
      "So sánh",
      "Mô hình",
      "Khen thưởng",
      "Hoạt động",
      "Nhập liệu",
      "Tổng quan",
    ]) {
      const link = nav.getByRole("link", { name, exact: true });
      await walk.tabTo(link, true);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.title()).toBe(`${name} — Chỉ thị 05`);
      await page.locator("main h1").first().waitFor();
      await settled(page);
      await walk.check(`Enter on ${name}`);
      expect(await walk.has(link), name).toBe(true);
      expect(await chartTabStops(page), name).toEqual([]);
    }

    // Tổng quan, every stop from the navigation to the end: all visible, none in a chart; then a
    // chart's table opened with Enter and focused with Tab.
    const drawn = await page.locator(".recharts-wrapper").count();
    expect(drawn).toBeGreaterThan(0);
    const toggle = page.getByRole("button", { name: /^Bảng số liệu: / }).first();
    await walk.tabTo(toggle);
    const title = ((await toggle.getAttribute("aria-label")) ?? "").replace(/^Bảng số liệu: /, "");
    await walk.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await walk.has(toggle)).toBe(true);
    // PNG, then the table's scrolling region, named by the chart.
    const region = page.getByRole("region", { name: title, exact: true });
    await walk.tabTo(region, false, 3);
    expect(await region.locator("tbody tr").count()).toBeGreaterThan(0);
    await screenshot(page, "a11y-keyboard-bang-so-lieu-1024x768");

    // Enter a record: the entry tabs by arrow keys, then the form.
    await walk.tabTo(nav.getByRole("link", { name: "Nhập liệu", exact: true }), true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.title()).toBe("Nhập liệu — Chỉ thị 05");
    await settled(page);
    await walk.tabTo(page.getByRole("tab", { selected: true }));
    const tabs = page.getByRole("tablist", { name: "Nhập liệu" });
    const selectedTab = () => tabs.getByRole("tab", { selected: true }).textContent();
    for (const [key, label] of [
      ["ArrowRight", "Mô hình"],
      ["End", "Nhập từ tệp"],
      ["ArrowRight", "Hoạt động"],
      ["ArrowLeft", "Nhập từ tệp"],
      ["Home", "Hoạt động"],
    ] as const) {
      await walk.press(key);
      await expect.poll(selectedTab, { message: key }).toBe(label);
      expect(await walk.has(tabs.getByRole("tab", { selected: true })), key).toBe(true);
      const panel = page.getByRole("tabpanel");
      expect(await panel.getAttribute("aria-labelledby")).toBe(
        await tabs.getByRole("tab", { selected: true }).getAttribute("id"),
      );
    }
    await screenshot(page, "a11y-keyboard-nhap-lieu-1024x768");
    const form = page.getByRole("tabpanel");
    const kind = form.getByLabel(/^Loại\b/);
    await walk.tabTo(kind);
    if (!(await kind.inputValue())) await walk.press("ArrowDown");
    await walk.tabTo(form.getByLabel("Nội dung / tên"));
    await walk.type("Sinh hoạt chuyên đề bằng bàn phím");
    await walk.tabTo(form.getByLabel("Ngày diễn ra"));
    await walk.type("15/01/2025");
    await walk.tabTo(form.getByLabel("Lượt người tham dự"));
    await walk.type("1.234");
    await walk.tabTo(form.getByRole("button", { name: "Lưu" }));
    await page.keyboard.press("Enter");
    await form.getByRole("status").filter({ hasText: "Đã lưu." }).waitFor();
    await walk.check("Lưu");

    // The presentation: focus on the slide, its title in the window and announced, Space pauses,
    // Esc comes back to the tab that opened it.
    const present = nav.getByRole("link", { name: "Trình chiếu", exact: true });
    await walk.tabTo(present, true);
    await page.keyboard.press("Enter");
    await page.locator(".present").waitFor();
    await settled(page);
    const slideTitle = () => page.locator(".present-title").textContent();
    await expect.poll(() => page.title()).toBe(`${await slideTitle()} — Trình chiếu — Chỉ thị 05`);
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-roledescription")),
    ).toBe("trang");
    const first = await slideTitle();
    await page.keyboard.press("ArrowRight");
    await expect.poll(slideTitle).not.toBe(first);
    const second = await slideTitle();
    await expect.poll(() => page.title()).toBe(`${second} — Trình chiếu — Chỉ thị 05`);
    const live = page.locator(".present header [aria-live]");
    expect(await live.textContent()).toContain(`2/7: ${second}`);
    await page.keyboard.press("Space");
    const pause = page.getByRole("button", { name: "Tạm dừng", exact: true });
    await expect.poll(() => pause.getAttribute("aria-pressed")).toBe("true");
    await walk.tabTo(pause);
    await screenshot(page, "a11y-keyboard-trinh-chieu-1024x768");
    await page.keyboard.press("Escape");
    await nav.waitFor();
    await expect.poll(() => page.title()).toBe("Nhập liệu — Chỉ thị 05");
    await expect.poll(() => walk.has(present)).toBe(true);
    await walk.check("Escape");

    console.info(`keyboard walk: ${walk.stops.length} tab stops checked`);
    expect(walk.problems).toEqual([]);
    expect(watched.errors).toEqual([]);
  }, 240_000);

  it("has no chart drawing as a tab stop on any view or slide, and visible focus on every stop of Tổng quan and So sánh", async () => {
    const watched = await app.signedIn();
    const { page } = watched;
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const path of ["/?p=2025", "/so-sanh?p=2025"]) {
      await page.goto(`${app.server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await settled(page);
      expect(await page.locator(".recharts-wrapper").count(), path).toBeGreaterThan(0);
      expect(await chartTabStops(page), path).toEqual([]);
      // Every stop from the top of the page to its end.
      const walk = new Walk(page);
      for (let i = 0; i < 200; i++) {
        const focus = await walk.press("Tab");
        if (i > 0 && (focus.lost || focus.label.includes("skip"))) break;
        walk.stops.push(focus.label);
      }
      // Leaving the page's last stop returns focus to the browser: not a problem of the page.
      const problems = walk.problems.filter((p) => !p.includes("focus lost"));
      console.info(`${path}: ${walk.stops.length} stops`);
      expect(walk.stops.length, path).toBeGreaterThan(15);
      expect(problems, path).toEqual([]);
    }
    await page.goto(`${app.server.url}/trinh-chieu?p=2025&paused=1&slide=0`);
    for (let slide = 0; slide < 7; slide++) {
      await stepToSlide(page, slide);
      expect(await chartTabStops(page), `slide ${slide}`).toEqual([]);
    }
  }, 180_000);

  it("titles every view and slide and has no axe-core violation on any of them in English", async () => {
    const source = await axeScript();
    const watched = await app.signedIn();
    const { page } = watched;
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    const found: string[] = [];
    const views = [
      { path: "/?p=2025", title: "Overview" },
      { path: "/so-sanh?p=2025", title: "Compare" },
      { path: "/mo-hinh?p=2025", title: "Models" },
      { path: "/khen-thuong?p=2025", title: "Awards" },
      { path: "/hoat-dong?p=2025", title: "Activities" },
      { path: "/nhap-lieu?p=2025", title: "Data entry" },
      { path: "/nhap-lieu?p=2025&form=import", title: "Data entry" },
    ];
    // English at one size (1024×768): its failure modes are words and names, not layout; the
    // phone's layout has axe-core's check in Vietnamese (presentation-a11y).
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const view of views) {
      await page.goto(`${app.server.url}${view.path}`);
      await page.locator("main h1").first().waitFor();
      await settled(page);
      expect(await page.title(), view.path).toBe(`${view.title} — Directive 05`);
      for (const v of await audit(page, source)) found.push(`en ${view.path}: ${v}`);
    }
    await page.getByRole("button", { name: "Report", exact: true }).click();
    await page.getByRole("dialog").waitFor();
    for (const v of await audit(page, source)) found.push(`en report: ${v}`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menu").waitFor();
    for (const v of await audit(page, source)) found.push(`en account: ${v}`);
    await page.keyboard.press("Escape");
    // A model's page names the model in the window title (WCAG 2.4.2), before its view's name.
    await page.goto(`${app.server.url}/mo-hinh?p=2025`);
    await settled(page);
    const { body } = await app.server.graphql<{
      models: { edges: { node: { id: string } }[] };
    }>(
      "{ models(first: 1) { edges { node { id } } } }",
      {},
      await signInByApi(app.server, await demoAccount("admin")),
    );
    const id = body.data?.models.edges[0]?.node.id ?? "";
    await page.goto(`${app.server.url}/mo-hinh?p=2025&model=${encodeURIComponent(id)}`);
    const name = await page
      .locator("main h1")
      .first()
      .evaluate((h) => h.firstChild?.textContent);
    expect(name).toBeTruthy();
    await expect.poll(() => page.title()).toBe(`${name} — Models — Directive 05`);
    for (const v of await audit(page, source)) found.push(`en model: ${v}`);
    await page.getByRole("button", { name: "← Model list" }).click();
    await expect.poll(() => page.title()).toBe("Models — Directive 05");
    await screenshot(page, "a11y-en-nhap-tep-1024x768");
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Every slide's English title and names, on the default (dark) theme: the light theme's
    // colours are the same whatever the language, and axe-core checks them on every slide in
    // presentation-a11y.
    await page.goto(`${app.server.url}/trinh-chieu?p=2025&paused=1&slide=0`);
    for (let slide = 0; slide < 7; slide++) {
      await stepToSlide(page, slide);
      const heading = await page.locator(".present-title").textContent();
      await expect.poll(() => page.title()).toBe(`${heading} — Present — Directive 05`);
      for (const v of await audit(page, source)) found.push(`en slide ${slide}: ${v}`);
    }
    await screenshot(page, "a11y-en-trinh-chieu-dark-1920x1080");
    console.info("axe-core in English:", found);
    expect(found).toEqual([]);
    expect(watched.errors).toEqual([]);
  }, 300_000);
});
