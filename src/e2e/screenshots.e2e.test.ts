// Screenshots of the main pages at phone and desktop widths, light and dark, into screenshots/e2e/ (git-ignored) for people to look at.
//
// Besides saving the images, the test fails on what a machine can see: a
// page wider than the screen, or an error status (consoles are checked by
// the reading suite).
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../accounts/account.js";
import { addDays } from "../domain/feed-day.js";
import { E2E_SETUP_TIMEOUT, HAS_CHROMIUM, evaluate, launchChromium, openTab, signIn, suiteTitle } from "./browser.js";
import { startHub, type Hub } from "./harness.js";
import { ORG, PAPERS, isoWeek } from "./seed.js";

const SCREENSHOT_DIR = fileURLToPath(new URL("../../screenshots/e2e/", import.meta.url));

const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 } },
} as const;
const SCHEMES = ["light", "dark"] as const;

interface Shot {
  name: string;
  path: (hub: Hub) => string;
  /** Taken signed out (the sign-in page sends signed-in readers on). */
  signedOut?: boolean;
}

const SHOTS: Shot[] = [
  { name: "daily", path: (h) => `/papers?date=${addDays(h.today, -PAPERS.vit.daysAgo)}` },
  { name: "week", path: (h) => `/papers?week=${isoWeek(addDays(h.today, -1))}` },
  { name: "trending", path: () => "/papers/trending" },
  { name: "search", path: () => "/papers/search?q=models" },
  { name: "paper", path: () => `/papers/${PAPERS.routing.id}` },
  { name: "signin", path: () => "/signin", signedOut: true },
  { name: "settings", path: () => "/settings" },
  { name: "admin", path: () => "/admin" },
  { name: "user", path: (h) => `/u/${h.reader.name}` },
  { name: "org", path: () => `/orgs/${ORG.name}` },
];

/** Comments, a reply, a hidden comment, upvotes and a submission, so the paper, user and admin pages have something to show. */
async function addActivity(hub: Hub): Promise<void> {
  const { accounts, community } = hub.services;
  const account = async (name: string): Promise<Account> => (await accounts.findByName(name))!;
  const [rita, mia] = [await account(hub.reader.name), await account(hub.moderator.name)];
  const paper = PAPERS.routing.id;
  const first = await community.comments.add(
    rita,
    paper,
    "The **routing ablation** in table 3 is convincing:\n\n- clear baselines\n- `top-2` routing wins\n\nCode: [acme-ai/sparse-routing](https://github.com/acme-ai/sparse-routing)",
  );
  await community.comments.add(mia, paper, "Agreed. The load-balancing loss seems to matter more than the router itself.", first.id);
  const spam = await community.comments.add(rita, paper, "Buy cheap watches today!");
  await community.moderation.hideComment(mia, spam.id, "spam");
  await community.upvotes.set(rita.id, paper, true);
  await community.upvotes.set(mia.id, paper, true);
  await community.upvotes.set(rita.id, PAPERS.vit.id, true);
  await community.submissions.submit(rita, hub.submittable.id);
}

describe.skipIf(!HAS_CHROMIUM)(suiteTitle("screenshots of the main pages in Chromium"), () => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startHub(), launchChromium(), mkdir(SCREENSHOT_DIR, { recursive: true })]);
    await addActivity(hub);
  }, E2E_SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(`saves ${SHOTS.length * 4} screenshots; no page is wider than the screen or fails`, { timeout: 120_000 }, async () => {
    const signedIn = await openTab(browser, hub.url);
    await signIn(signedIn.page, hub.moderator.name, hub.moderator.password);
    const session = await signedIn.context.storageState();
    await signedIn.context.close();

    const problems: string[] = [];
    for (const [size, device] of Object.entries(VIEWPORTS)) {
      const options = { ...device, baseURL: hub.url };
      const pages = {
        in: await (await browser.newContext({ ...options, storageState: session })).newPage(),
        out: await (await browser.newContext(options)).newPage(),
      };
      for (const shot of SHOTS) {
        const page = pages[shot.signedOut ? "out" : "in"];
        const path = shot.path(hub);
        // Each page is loaded once and photographed in both schemes: the stylesheet switches on prefers-color-scheme alone.
        await page.emulateMedia({ colorScheme: "light" });
        const res = await page.goto(path);
        if (res?.status() !== 200) problems.push(`${path} (${size}): status ${res?.status()}`);
        const overflow = await evaluate<number>(page, "document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0) problems.push(`${path} (${size}): the page is ${overflow}px wider than the screen (sideways scrolling)`);
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: `${SCREENSHOT_DIR}${shot.name}-${size}-${scheme}.png`, fullPage: true });
        }
      }
      await pages.in.context().close();
      await pages.out.context().close();
    }
    expect(problems).toEqual([]);
  });
});
