// Debian's Chromium driven by playwright-core (never a downloaded browser), and what the tests do with a page again and again.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";

/** The browser binary; PAPERBOARD_TEST_CHROMIUM points elsewhere (another distribution's path). */
export const CHROMIUM = process.env.PAPERBOARD_TEST_CHROMIUM || "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** A suite's title, carrying the reason when it is skipped for want of a browser. */
export function suiteTitle(name: string): string {
  if (HAS_CHROMIUM) return name;
  const reason = `skipped: no Chromium at ${CHROMIUM}; install Debian's chromium package (.ci/run does) or set PAPERBOARD_TEST_CHROMIUM`;
  console.warn(`[e2e] ${name} ${reason}`);
  return `${name} [${reason}]`;
}

/** Time for a test that drives several pages (each a few hundred ms) plus a margin for a loaded machine. */
export const E2E_TEST_TIMEOUT = 60_000;
/** Starting the hub (search model, CLI child) and the browser. */
export const E2E_SETUP_TIMEOUT = 90_000;

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
  "--disable-component-update",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 30_000 });
}

/** Console errors and uncaught page errors, as "url: message", for a test to assert empty. */
export interface PageProblems {
  list: string[];
}

export function watchProblems(page: Page): PageProblems {
  const list: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const source = m.location().url;
    // A page answered with an error status (401 on a wrong password, 409 on a duplicate) is logged like this too; tests check statuses themselves.
    if (m.text().startsWith("Failed to load resource") && source === page.url()) return;
    list.push(`${page.url()}: console error: ${m.text()}${source && source !== page.url() ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (e) => list.push(`${page.url()}: uncaught: ${e.message}`));
  return { list };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A fresh context (its own cookies) with one page whose problems are collected. */
export async function openTab(browser: Browser, base: string, opts: BrowserContextOptions = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL: base, ...opts });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watchProblems(page) };
}

/** Signs in through the sign-in form and waits for the header to show the account. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("User name or email").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== "/signin"), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).waitFor();
}

/** Clicks a link or submit button that leads to another address, and waits until that page has loaded. */
export async function follow(page: Page, target: Locator): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before, { waitUntil: "load" }), target.click()]);
}

/** The value of a JavaScript expression in the page (a string, so no DOM typings are needed here). */
export function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Titles of the paper cards on the page, in order. */
export async function cardTitles(page: Page): Promise<string[]> {
  return (await page.locator("article.card .card-title").allTextContents()).map((t) => t.trim());
}
