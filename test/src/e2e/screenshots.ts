// Screenshots of the main views at the three sizes the team checks a UI change at (a laptop, a
// projector, a phone), to compare before and after a change by eye. Uses the built dashboard
// (pnpm --filter @d05/web build) over the demo data.
//   pnpm --filter @d05/test exec tsx src/e2e/screenshots.ts <output-folder>
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { demoAccount, settled, startDemoServer } from "./app";
import { launchChromium } from "./browser";

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];

const VIEWS = [
  { name: "tong-quan", path: "/" },
  { name: "so-sanh", path: "/so-sanh" },
  { name: "mo-hinh", path: "/mo-hinh" },
  { name: "nhap-lieu", path: "/nhap-lieu" },
  { name: "trinh-chieu", path: "/trinh-chieu?paused=1" },
];

const out = resolve(process.argv[2] ?? "test-results/views");
mkdirSync(out, { recursive: true });
const server = await startDemoServer();
const browser = await launchChromium();
try {
  const admin = await demoAccount("admin");
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      viewport,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel("Tên đăng nhập").fill(admin.username);
    await page.getByLabel("Mật khẩu").fill(admin.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("navigation", { name: "Các trang" }).waitFor();
    for (const view of VIEWS) {
      await page.goto(`${server.url}${view.path}`);
      await settled(page);
      // Charts animate in; the picture is of where they come to rest.
      await page.waitForTimeout(2_500);
      const file = `${out}/${view.name}-${viewport.width}x${viewport.height}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
