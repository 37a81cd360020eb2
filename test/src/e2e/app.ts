// What the end-to-end tests share besides the browser: a server over the demo data that can be
// stopped and started again on the same port over the same database (a restart, as a
// deployment or a crash does it), and signing in through the login screen.
import { type App, buildApp } from "@d05/server";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { signIn, unitIdByCode } from "../support/demo";
import { graphqlAt, TEST_AUTH_SECRET } from "../support/server";
import { openPage, type ViewportName, type WatchedPage } from "./browser";

export interface Account {
  username: string;
  password: string;
}

export interface DemoServer {
  /** Stays the same across restarts. */
  url: string;
  database: TestDatabase;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: { data?: T; errors?: { message: string }[] } }>;
  /** Stops the HTTP/WebSocket server only; the database stays open. */
  stop(): Promise<void>;
  /** A new app on the same port over the same database. */
  start(): Promise<void>;
  /** Stops the app if it runs and drops the database. */
  close(): Promise<void>;
}

/** A PGlite database with the demo data, served by an app that can be restarted in place. */
export async function startDemoServer(): Promise<DemoServer> {
  const seed = await import("@d05/prisma/seed");
  const database = await createTestDatabase("pglite");
  await seed.seedDemo(database.db.prisma);
  const build = (port: number): App =>
    buildApp({
      database: database.db,
      authSecret: TEST_AUTH_SECRET,
      port,
      host: "127.0.0.1",
    });
  let app: App | null = build(0);
  const url = await app.start();
  const port = Number(new URL(url).port);
  const stop = async () => {
    const running = app;
    app = null;
    await running?.stop();
  };

  return {
    url,
    database,
    graphql: graphqlAt(url),
    stop,
    async start() {
      if (app) throw new Error("the server is already running");
      const next = build(port);
      await next.start();
      app = next;
    },
    async close() {
      await stop();
      await database.drop();
    },
  };
}

export async function demoAccount(username: string): Promise<Account> {
  const { DEMO_ACCOUNTS } = await import("@d05/prisma/seed");
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account;
}

/** Signs in through the API (no browser); the bearer token. */
export const signInByApi: (server: DemoServer, account: Account) => Promise<string> = signIn;

/** The global id of a demo unit by its code (`DEMO.communes.longBinh`), for a page's URL. */
export async function demoUnitId(server: DemoServer, code: string, token: string): Promise<string> {
  return unitIdByCode(server, code, token);
}

/** A fresh page signed in through the login screen, on `path`. */
export async function signedIn(
  browser: Browser,
  url: string,
  account: Account,
  viewport: ViewportName = "projector",
  path = "/",
): Promise<WatchedPage> {
  const watched = await openPage(browser, viewport);
  const { page } = watched;
  await page.goto(`${url}${path}`);
  await page.getByLabel("Tên đăng nhập").fill(account.username);
  await page.getByLabel("Mật khẩu").fill(account.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("navigation", { name: "Các trang" }).waitFor();
  return watched;
}

/** Waits until no spinner is left: every data component has its data, empty state or error. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".state-loading").length === 0, null, {
    timeout: 30_000,
  });
}

/** The number on a KPI card whose label starts with `label` ("Lượt người tham dự: 16.940"). */
export async function kpiValue(page: Page, label: string): Promise<number> {
  const card = page.getByRole("article", { name: new RegExp(`^${label}:`) });
  const text = (await card.getAttribute("aria-label")) ?? "";
  const digits = text.slice(label.length + 1).replace(/[^\d]/g, "");
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits);
}
