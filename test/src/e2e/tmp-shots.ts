import { demoAccount, settled, signedIn, startDemoServer } from "./app";
import { launchChromium, screenshot } from "./browser";

const server = await startDemoServer();
const browser = await launchChromium();
try {
  const admin = await demoAccount("admin");
  const { page } = await signedIn(browser, server.url, admin);
  // Model status change
  await page.goto(`${server.url}/mo-hinh?p=2026`);
  await settled(page);
  const row = page.getByRole("row").nth(1);
  const name = await row.getByRole("cell").first().textContent();
  await row.getByRole("button", { name: "Đổi trạng thái" }).click();
  const dialog = page.getByRole("dialog");
  await dialog
    .getByLabel("Trạng thái", { exact: false })
    .and(page.locator("select"))
    .selectOption("REPLICATED");
  await dialog.getByLabel("Ngày có hiệu lực").fill("01/12/2026");
  await screenshot(page, "tmp-status-1024");
  await dialog.getByRole("button", { name: "Lưu" }).click();
  await dialog.waitFor({ state: "hidden" });
  // Correct its name, then history
  await row.getByRole("button", { name: "Sửa" }).click();
  await page.getByRole("dialog").getByLabel("Tên mô hình").fill(`${name} (sửa)`);
  await page.getByRole("dialog").getByRole("button", { name: "Lưu" }).click();
  await page.getByRole("dialog").waitFor({ state: "hidden" });
  const fixed = page.getByRole("row").filter({ hasText: `${name} (sửa)` });
  await fixed.getByRole("button", { name: "Lịch sử" }).click();
  await page.getByRole("dialog").getByRole("table").first().waitFor();
  await screenshot(page, "tmp-history-1920");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "tmp-history-390");
  await page.keyboard.press("Escape");
  // Password
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByLabel("Tài khoản").click();
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  const pw = page.getByRole("dialog", { name: "Đổi mật khẩu" });
  await pw.getByLabel("Mật khẩu hiện tại").fill("wrong-password");
  await pw.getByLabel("Mật khẩu mới").fill("mat-khau-moi-05");
  await pw.getByRole("button", { name: "Lưu" }).click();
  await pw.locator(".field-error").first().waitFor();
  await screenshot(page, "tmp-password-wrong-1024");
  await pw.getByLabel("Mật khẩu hiện tại").fill(admin.password);
  await pw.getByRole("button", { name: "Lưu" }).click();
  await pw.getByRole("status").waitFor();
  await screenshot(page, "tmp-password-ok-1024");
  await page.reload();
  await page.getByRole("navigation", { name: "Các trang" }).waitFor();
  console.log("still signed in after reload");
  // viewer
  const viewer = await signedIn(
    browser,
    server.url,
    await demoAccount("viewer"),
    "phone",
    "/nhap-lieu",
  );
  await viewer.page.goto(`${server.url}/nhap-lieu`);
  await viewer.page.getByRole("form").waitFor();
  await screenshot(viewer.page, "tmp-viewer-390");
} finally {
  await browser.close();
  await server.close();
}
