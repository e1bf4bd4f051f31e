// End to end in Chromium: the reading pages (days, weeks, trending, search), escaping, keyboard focus, CSP and clean consoles.
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../domain/feed-day.js";
import { E2E_SETUP_TIMEOUT, E2E_TEST_TIMEOUT, HAS_CHROMIUM, cardTitles, evaluate, follow, launchChromium, openTab, signIn, suiteTitle, type Tab } from "./browser.js";
import { startHub, type Hub } from "./harness.js";
import { IMG_TAG, ORG, PAPERS, SCRIPT_TAG, TRENDING_ORDER, isoWeek, seededDays, type SeedPaper } from "./seed.js";

const ALL: SeedPaper[] = Object.values(PAPERS);
const titles = (papers: SeedPaper[]) => papers.map((p) => p.title);
const mostUpvotedFirst = (papers: SeedPaper[]) => [...papers].sort((a, b) => b.upvotes - a.upvotes);

/** Script sources a CSP allows: script-src, else default-src. */
function scriptSources(csp: string): string[] {
  const directives = new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name.toLowerCase(), values] as const;
    }),
  );
  return directives.get("script-src") ?? directives.get("default-src") ?? ["*"];
}

describe.skipIf(!HAS_CHROMIUM)(suiteTitle("reading pages in Chromium"), { timeout: E2E_TEST_TIMEOUT }, () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  /** Every tab the suite opens; the last test checks their consoles. */
  const tabs: Tab[] = [];
  const tab = async () => {
    const t = await openTab(browser, hub.url);
    tabs.push(t);
    return t.page;
  };

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startHub(), launchChromium()]);
    page = await tab();
  }, E2E_SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const dayOf = (p: SeedPaper) => addDays(hub.today, -p.daysAgo);
  const periodNav = (unit: "day" | "week") => page.getByRole("navigation", { name: `Previous and next ${unit}`, exact: true });

  it("moves between days with the previous and next links", async () => {
    const days = seededDays(hub.today);
    await page.goto(`/papers?date=${days[0]}`);
    for (const [i, day] of days.entries()) {
      expect(new URL(page.url()).searchParams.get("date")).toBe(day);
      expect(await cardTitles(page)).toEqual(titles(mostUpvotedFirst(ALL.filter((p) => dayOf(p) === day))));
      if (i < days.length - 1) await follow(page, periodNav("day").getByRole("link", { name: /previous day/ }));
    }
    // The oldest day has nothing before it; its next link leads back.
    expect(await periodNav("day").getByRole("link", { name: /previous day/ }).count()).toBe(0);
    await follow(page, periodNav("day").getByRole("link", { name: /next day/ }));
    expect(new URL(page.url()).searchParams.get("date")).toBe(days[days.length - 2]);
  });

  it("switches from a day to its week and moves between weeks", async () => {
    const newest = seededDays(hub.today)[0]!;
    const week = isoWeek(newest);
    const inWeek = (w: string) => ALL.filter((p) => isoWeek(dayOf(p)) === w);
    await page.goto(`/papers?date=${newest}`);
    await follow(page, page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Week" }));
    expect(new URL(page.url()).searchParams.get("week")).toBe(week);
    expect((await cardTitles(page)).sort()).toEqual(titles(inWeek(week)).sort());

    // The previous week with papers: that of the newest seeded day before this week.
    const earlier = seededDays(hub.today).map(isoWeek).find((w) => w < week)!;
    await follow(page, periodNav("week").getByRole("link", { name: /previous week/ }));
    expect(new URL(page.url()).searchParams.get("week")).toBe(earlier);
    expect((await cardTitles(page)).sort()).toEqual(titles(inWeek(earlier)).sort());
    await follow(page, periodNav("week").getByRole("link", { name: /next week/ }));
    expect(new URL(page.url()).searchParams.get("week")).toBe(week);
  });

  it("ranks the trending page as the seeded upvotes, comments, stars and ages say", async () => {
    await page.goto("/");
    await follow(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trending" }));
    expect(await cardTitles(page)).toEqual(TRENDING_ORDER.map((k) => PAPERS[k].title));
  });

  it("narrows a search by category and by having code", async () => {
    await page.goto("/papers/search");
    const form = page.getByRole("search", { name: "Search papers" });
    await form.getByRole("searchbox").fill("models");
    await follow(page, form.getByRole("button", { name: "Search" }));
    const unfiltered = await cardTitles(page);
    for (const p of [PAPERS.routing, PAPERS.protein, PAPERS.vit]) expect(unfiltered).toContain(p.title);

    await form.getByLabel("Category").fill("cs.CV");
    await follow(page, form.getByRole("button", { name: "Search" }));
    expect(new URL(page.url()).searchParams.get("category")).toBe("cs.CV");
    expect(await cardTitles(page)).toEqual([PAPERS.vit.title]);

    await form.getByLabel("Category").fill("");
    await form.getByLabel("Has code").check();
    await follow(page, form.getByRole("button", { name: "Search" }));
    expect(await cardTitles(page)).toEqual([PAPERS.routing.title]);
    // The form keeps the filter it ran with.
    expect(await form.getByLabel("Has code").isChecked()).toBe(true);
  });

  it("answers a search for words no paper contains with the empty-result page and its suggestions", async () => {
    await page.goto("/papers/search?q=zyzzogeton+quixotry");
    expect(await cardTitles(page)).toEqual([]);
    const none = page.getByRole("region", { name: /Nothing found/ });
    expect(await none.count()).toBe(1);
    expect(await none.getByRole("link").count()).toBeGreaterThan(0);
  });

  it("shows a title carrying a script and an onerror image as text on every page, and runs neither", async () => {
    const p = PAPERS.hostile;
    const where = [`/papers/${p.id}`, `/papers?date=${dayOf(p)}`, "/papers/trending", "/papers/search?q=robust+parsing"];
    for (const path of where) {
      await page.goto(path);
      const shown = path.startsWith("/papers/2") ? [(await page.locator("h1").textContent())?.trim()] : await cardTitles(page);
      expect(shown, path).toContain(p.title);
      expect(await page.locator("main script, main img[src='x'], [onerror]").count(), path).toBe(0);
      expect(await evaluate(page, "typeof window.__pwned"), path).toBe("undefined");
    }
    // The abstract, too.
    await page.goto(`/papers/${p.id}`);
    const abstract = await page.locator(".abstract").textContent();
    expect(abstract).toContain(SCRIPT_TAG);
    expect(abstract).toContain(IMG_TAG);
  });

  it("starts keyboard use at a visible skip link, and every focused control shows a focus ring", async () => {
    await page.goto("/papers");
    await page.keyboard.press("Tab");
    expect(await evaluate(page, "document.activeElement.textContent.trim()")).toBe("Skip to content");
    expect(await evaluate(page, "document.activeElement.getBoundingClientRect().top >= 0")).toBe(true);
    for (let i = 0; i < 8; i++) {
      const focus = await evaluate<{ what: string; visible: boolean; outline: string; width: string }>(
        page,
        `(() => { const e = document.activeElement; const s = getComputedStyle(e);
          return { what: e.tagName + ' ' + (e.textContent || e.getAttribute('name') || '').trim().slice(0, 30), visible: e.matches(':focus-visible'), outline: s.outlineStyle, width: s.outlineWidth }; })()`,
      );
      expect(focus.visible, focus.what).toBe(true);
      expect(focus.outline, focus.what).not.toBe("none");
      expect(focus.width, focus.what).not.toBe("0px");
      await page.keyboard.press("Tab");
    }
    // Following the skip link puts the reader at the main landmark.
    await page.goto("/papers");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await evaluate(page, "location.hash")).toBe("#main");
  });

  it("serves the main pages, signed in and out, with a CSP that allows no inline script", async () => {
    const check = async (tab: Page, path: string) => {
      const res: Response | null = await tab.goto(path);
      expect(res?.status(), path).toBe(200);
      const csp = (await res!.allHeaders())["content-security-policy"] ?? "";
      expect(csp, path).not.toBe("");
      const sources = scriptSources(csp);
      expect(sources, `${path}: ${csp}`).not.toContain("'unsafe-inline'");
      expect(sources, `${path}: ${csp}`).not.toContain("*");
    };
    const guest = await tab();
    for (const path of ["/papers", "/signin", "/signup", `/papers/${PAPERS.routing.id}`]) await check(guest, path);

    const mod = await tab();
    await signIn(mod, hub.moderator.name, hub.moderator.password);
    const pages = [
      "/papers",
      `/papers?week=${isoWeek(hub.today)}`,
      `/papers?month=${hub.today.slice(0, 7)}`,
      "/papers/trending",
      "/papers/search?q=models&category=cs.LG",
      `/papers/${PAPERS.routing.id}`,
      "/papers/submit",
      "/settings",
      "/admin",
      `/u/${hub.moderator.name}`,
      `/orgs/${ORG.name}`,
    ];
    for (const path of pages) await check(mod, path);
  });

  // Last, so it covers every page the tests above opened (the browser asks for /favicon.ico once, on its first page).
  it("left no console errors or uncaught page errors on any page", () => {
    expect(tabs.flatMap((t) => t.problems.list)).toEqual([]);
  });
});
