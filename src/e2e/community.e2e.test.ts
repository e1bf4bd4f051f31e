// End to end in Chromium: accounts, submitting a paper, upvotes, comments and replies, and a moderator hiding a comment.
import type { Browser, Page } from "playwright-core";
import { addDays } from "../domain/feed-day.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_SETUP_TIMEOUT, E2E_TEST_TIMEOUT, HAS_CHROMIUM, cardTitles, evaluate, follow, launchChromium, openTab, signIn, suiteTitle } from "./browser.js";
import { startHub, type Hub } from "./harness.js";
import { IMG_TAG, PAPERS, SCRIPT_TAG } from "./seed.js";

describe.skipIf(!HAS_CHROMIUM)(suiteTitle("community flows in Chromium"), { timeout: E2E_TEST_TIMEOUT }, () => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startHub({ moderatorFromCli: true }), launchChromium()]);
  }, E2E_SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** A tab of its own (own cookies), signed in as `who` unless null. The reading suite checks the pages' consoles. */
  async function tab(who: { name: string; password: string } | null): Promise<Page> {
    const t = await openTab(browser, hub.url);
    if (who) await signIn(t.page, who.name, who.password);
    return t.page;
  }

  const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
  const upvoteButton = (page: Page) => page.locator("form.upvote button");

  it("signs up, signs out and signs in again", async () => {
    const page = await tab(null);
    await page.goto("/");
    await accountNav(page).getByRole("link", { name: "Sign up" }).click();
    await page.getByLabel("User name").fill("newton");
    await page.getByLabel("Email").fill("newton@example.org");
    await page.getByLabel("Display name (optional)").fill("Isaac Newton");
    await page.getByLabel("Password").fill("principia mathematica");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => accountNav(page).textContent()).toContain("Isaac Newton");

    await accountNav(page).getByRole("button", { name: "Sign out" }).click();
    await accountNav(page).getByRole("link", { name: "Sign in" }).waitFor();
    expect(await accountNav(page).textContent()).not.toContain("Isaac Newton");

    // A wrong password is answered on the form; the right one signs in.
    await page.goto("/signin");
    await page.getByLabel("User name or email").fill("newton@example.org");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/wrong/i);
    await signIn(page, "newton", "principia mathematica");
    expect(await accountNav(page).textContent()).toContain("Isaac Newton");
  });

  it("submits an arXiv paper that the hub fetches from arXiv, and refuses it a second time", async () => {
    const page = await tab(hub.reader);
    const fresh = hub.submittable;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submit" }).click();
    await page.getByLabel("arXiv id or URL").fill(`https://arxiv.org/abs/${fresh.id}v1`);
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(fresh.title);
    expect(hub.arxiv.requested).toContain(fresh.id);

    // On today's feed, submitted by the reader.
    await follow(page, page.getByRole("status").getByRole("link", { name: /\d{4}|day/ }));
    expect(await cardTitles(page)).toContain(fresh.title);
    expect(await page.locator("article.card", { hasText: fresh.title }).textContent()).toContain(hub.reader.displayName);

    await page.goto("/papers/submit");
    await page.getByLabel("arXiv id or URL").fill(fresh.id);
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("already on the feed");
    await follow(page, page.getByRole("link", { name: "the existing entry" }));
    expect(await page.locator("h1").textContent()).toBe(fresh.title);
  });

  it("upvotes a paper and takes the upvote back; both survive a reload", async () => {
    const page = await tab(hub.reader);
    const p = PAPERS.protein;
    await page.goto(`/papers/${p.id}`);
    const button = upvoteButton(page);
    expect(await button.getAttribute("aria-label")).toBe(`Upvote, ${p.upvotes} upvotes`);
    expect(await button.getAttribute("aria-pressed")).toBe("false");

    await button.click();
    await expect.poll(() => button.getAttribute("aria-label")).toBe(`Upvote, ${p.upvotes + 1} upvotes`);
    await page.reload();
    expect(await button.getAttribute("aria-label")).toBe(`Upvote, ${p.upvotes + 1} upvotes`);
    expect(await button.getAttribute("aria-pressed")).toBe("true");
    // The day's feed counts it too.
    await page.goto(`/papers?date=${addDays(hub.today, -p.daysAgo)}`);
    expect(await page.locator("article.card", { hasText: p.title }).locator(".votes").textContent()).toContain(String(p.upvotes + 1));

    await page.goto(`/papers/${p.id}`);
    await button.click();
    await expect.poll(() => button.getAttribute("aria-label")).toBe(`Upvote, ${p.upvotes} upvotes`);
    await page.reload();
    expect(await button.getAttribute("aria-label")).toBe(`Upvote, ${p.upvotes} upvotes`);
    expect(await button.getAttribute("aria-pressed")).toBe("false");
  });

  it("posts a comment in Markdown and a reply to it, one level deep", async () => {
    const page = await tab(hub.reader);
    await page.goto(`/papers/${PAPERS.tokenizers.id}`);
    await page.getByLabel("Add a comment").fill("Tokenizers are **underrated** and *quiet*.");
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator("ol.comment-list > li.comment").filter({ hasText: "underrated" });
    await expect.poll(() => comment.locator(".comment-body strong").first().textContent()).toBe("underrated");
    expect(await comment.locator(".comment-body em").first().textContent()).toBe("quiet");
    expect(await comment.locator(".comment-body").first().textContent()).not.toContain("**");

    await comment.locator("summary", { hasText: "Reply" }).first().click();
    await comment.getByLabel("Your reply").fill("Agreed, see `bytes` first.");
    await comment.getByRole("button", { name: "Post reply" }).click();
    const reply = page.locator("ol.comment-replies > li.comment").filter({ hasText: "Agreed" });
    await expect.poll(() => reply.locator(".comment-body code").textContent()).toBe("bytes");
    // Replies take no replies of their own.
    expect(await reply.locator("summary", { hasText: "Reply" }).count()).toBe(0);
  });

  it("lets a moderator hide a comment, which readers then no longer see", async () => {
    const reader = await tab(hub.reader);
    const paper = `/papers/${PAPERS.weather.id}`;
    const text = "Cheap watches at spam dot example";
    await reader.goto(paper);
    await reader.getByLabel("Add a comment").fill(text);
    await reader.getByRole("button", { name: "Post comment" }).click();
    await reader.locator(".comment-body", { hasText: text }).waitFor();

    const mod = await tab(hub.moderator);
    await mod.goto(paper);
    const item = mod.locator("li.comment").filter({ hasText: text });
    await item.getByRole("button", { name: "Hide" }).click();
    await expect.poll(() => mod.locator("li.comment").filter({ hasText: text }).textContent()).toContain("hidden by a moderator");

    await reader.reload();
    expect(await reader.locator("main").textContent()).not.toContain(text);
    const anonymous = await tab(null);
    await anonymous.goto(paper);
    expect(await anonymous.locator("main").textContent()).not.toContain(text);

    // The moderation log names it.
    await mod.goto("/admin");
    expect(await mod.locator("table.moderation-log").textContent()).toContain("hid comment");
  });

  it("shows a script in a comment as text and never runs it", async () => {
    const page = await tab(hub.reader);
    await page.goto(`/papers/${PAPERS.kernels.id}`);
    await page.getByLabel("Add a comment").fill(`Look: ${SCRIPT_TAG} ${IMG_TAG} [click](javascript:window.__pwned=1)`);
    await page.getByRole("button", { name: "Post comment" }).click();
    const body = page.locator(".comment-body", { hasText: "Look:" });
    await body.waitFor();
    expect(await body.textContent()).toContain(SCRIPT_TAG);
    expect(await body.locator("script, img, [onerror]").count()).toBe(0);
    expect(await body.locator('a[href^="javascript:"]').count()).toBe(0);
    await page.reload();
    expect(await evaluate(page, "typeof window.__pwned")).toBe("undefined");
  });
});
