// `paperboard serve` as a real process: health, pages, background back-fill from a local Daily Papers server, offline start.
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./test-support/run-cli.js";

const FIX = new URL("./__fixtures__/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "pb-serve-"));
let feed: Server;
let feedUrl = "";
const asked: string[] = [];

/** A Daily Papers API stand-in: one paper per asked day, answered after a short delay so progress is visible. */
beforeAll(async () => {
  feed = createServer((req, res) => {
    const u = new URL(req.url!, "http://x");
    if (u.pathname !== "/api/daily_papers") return void res.writeHead(404).end();
    const date = u.searchParams.get("date")!;
    asked.push(date);
    const id = `2406.${date.slice(5).replace("-", "")}0`;
    // The second day asked for has markup in its title, whatever today's date is.
    const title = asked.length === 2 ? "<script>window.pwned=1</script> Tricky title" : `Paper of ${date}`;
    const body = [{ paper: { id, title, summary: `Abstract for ${date}.`, authors: [{ name: "Emmy Noether" }], publishedAt: `${date}T00:00:00.000Z`, upvotes: 5 }, publishedAt: `${date}T08:00:00.000Z`, title, numComments: 1 }];
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)), 300);
  });
  await new Promise<void>((r) => feed.listen(0, "127.0.0.1", r));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => feed.close(r));
  rmSync(work, { recursive: true, force: true });
});

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGTERM");
  child = null;
});

async function start(data: string, env: Record<string, string>): Promise<string> {
  child = spawnCli(["serve", "--port", "0", "--data", data], { env });
  let out = "";
  child.stdout!.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    child!.stdout!.on("data", (d: string) => {
      out += d;
      const line = out.split("\n").find((l) => l.includes('"listening"'));
      if (line) resolve(`http://127.0.0.1:${JSON.parse(line).listening.port}`);
    });
    child!.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

async function until<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("paperboard serve", () => {
  it("back-fills the last days in the background, showing progress, then serves list and paper pages", async () => {
    const base = await start(join(work, "a"), { PAPERBOARD_AUTOSYNC: "1", PAPERBOARD_AUTOSYNC_DAYS: "3", PAPERBOARD_HF_API_URL: feedUrl });
    const progress = await until(async () => {
      const html = await (await fetch(`${base}/`)).text();
      return html.includes("Fetching the Daily Papers feed") ? html : undefined;
    });
    expect(progress).toMatch(/of 3 days/);
    const health = await until(async () => {
      const h = (await (await fetch(`${base}/healthz`)).json()) as any;
      return h.autosync === "done" ? h : undefined;
    });
    expect(health).toMatchObject({ status: "ok", papers: 3, storage: "sqlite" });
    expect(asked).toHaveLength(3);

    // Every paper, whichever feed day it is on (the home page shows one day).
    const res = await fetch(`${base}/papers/latest`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("Paper of");
    // Paper text is escaped, never markup.
    expect(html).not.toContain("<script>window.pwned");
    expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");

    const id = asked.map((d) => `2406.${d.slice(5).replace("-", "")}0`)[0]!;
    const page = await fetch(`${base}/papers/${id}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(`Abstract for ${asked[0]}.`);
    expect(text).toContain("Emmy Noether");
    // The other synced papers share its words: they are listed as similar, linked.
    expect(text).toContain("Similar papers");
    const other = asked.map((d) => `2406.${d.slice(5).replace("-", "")}0`)[1]!;
    expect(text).toContain(`href="/papers/${other}"`);

    // Synced papers are searchable, through the JSON API.
    const found = (await (await fetch(`${base}/api/papers/search?q=${encodeURIComponent("Emmy Noether abstract")}&mode=lexical`)).json()) as any[];
    expect(found.map((x) => x.id).sort()).toEqual(asked.map((d) => `2406.${d.slice(5).replace("-", "")}0`).sort());
    const tooLong = await fetch(`${base}/api/papers/search?q=${"x".repeat(251)}`);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ error: "q must be at most 250 characters" });
    expect(tooLong.headers.get("x-error-code")).toBeNull();
    expect((await fetch(`${base}/api/papers/search?q=a&limit=500`)).status).toBe(400);
    expect((await fetch(`${base}/api/papers/search?q=a&mode=psychic`)).status).toBe(400);

    const missing = await fetch(`${base}/papers/9999.99999`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/No paper with id 9999\.99999/);
    const nowhere = await fetch(`${base}/no/such/page`);
    expect(nowhere.status).toBe(404);
    const badCursor = await fetch(`${base}/?cursor=%%%`);
    expect(badCursor.status).toBe(400);
  });

  it("starts offline: the empty store explains how to bring papers in", async () => {
    const base = await start(join(work, "b"), { PAPERBOARD_AUTOSYNC: "1", PAPERBOARD_AUTOSYNC_DAYS: "2", PAPERBOARD_HF_API_URL: "http://127.0.0.1:9" });
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("No papers yet");
    expect(html).toContain("paperboard import");
    const health = await until(async () => {
      const h = (await (await fetch(`${base}/healthz`)).json()) as any;
      return h.autosync === "offline" ? h : undefined;
    }, 20_000);
    expect(health.papers).toBe(0);
  });

  it("serves papers imported from the command line, including old-style ids with a slash", async () => {
    const data = join(work, "c");
    expect((await runCli(["import", join(FIX, "kaggle-v1.jsonl"), "--data", data])).code).toBe(0);
    const base = await start(data, {});
    const res = await fetch(`${base}/papers/hep-th/9901001`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Strings on a lattice");
    expect(((await (await fetch(`${base}/healthz`)).json()) as any).autosync).toBe("off");
  });
});
