// Screenshots of the main views at the three sizes the team checks a UI change at (a laptop, a
// projector, a phone), to compare before and after a change by eye. Uses the built dashboard
// (pnpm --filter @d05/web build) over the demo data.
//   pnpm --filter @d05/test exec tsx src/e2e/screenshots.ts <output-folder>
// and, to list the pictures that changed (pixels compared in the browser):
//   pnpm --filter @d05/test exec tsx src/e2e/screenshots.ts compare <before-folder> <after-folder>
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
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

const PIXEL_DIFFERENCE = `async ([first, second]) => {
      const load = async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext("2d");
        context?.drawImage(image, 0, 0);
        return {
          width: image.width,
          height: image.height,
          data: context?.getImageData(0, 0, image.width, image.height).data,
        };
      };
      const [x, y] = [await load(first ?? ""), await load(second ?? "")];
      if (x.width !== y.width || x.height !== y.height) {
        return \`size \${x.width}x\${x.height} → \${y.width}x\${y.height}\`;
      }
      let differing = 0;
      for (let i = 0; i < (x.data?.length ?? 0); i += 4) {
        if ([0, 1, 2].some((c) => Math.abs((x.data?.[i + c] ?? 0) - (y.data?.[i + c] ?? 0)) > 8)) {
          differing += 1;
        }
      }
      return \`\${differing} of \${x.width * x.height} pixels differ\`;
    }`;

/** How many pixels differ between two PNGs (or why they cannot be compared). */
async function difference(browser: Browser, a: string, b: string): Promise<string> {
  const page = await browser.newPage();
  const url = (file: string) => `data:image/png;base64,${readFileSync(file).toString("base64")}`;
  // Sent as text: tsx would wrap a function in helpers the page does not have.
  const answer = await page.evaluate<string>(
    `(${PIXEL_DIFFERENCE})(${JSON.stringify([url(a), url(b)])})`,
  );
  await page.close();
  return answer;
}

async function compare(before: string, after: string): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const name of readdirSync(before).filter((file) => file.endsWith(".png"))) {
      console.log(`${name}: ${await difference(browser, join(before, name), join(after, name))}`);
    }
  } finally {
    await browser.close();
  }
}

async function capture(out: string): Promise<void> {
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
      await page.getByLabel("Tên đăng nhập").waitFor();
      await page.screenshot({ path: `${out}/login-${viewport.width}x${viewport.height}.png` });
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
}

if (process.argv[2] === "compare") {
  await compare(resolve(process.argv[3] ?? ""), resolve(process.argv[4] ?? ""));
} else {
  await capture(resolve(process.argv[2] ?? "test-results/views"));
}
