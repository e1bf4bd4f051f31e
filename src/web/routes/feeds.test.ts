// Feeds of every list through the whole app, read back with rss-parser (RSS, Atom) and a JSON Feed 1.1 schema; escaping; hidden papers; <link rel="alternate">.
import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { HIDDEN_ID, TRICKY_TITLE, seedExportStore } from "../../export/test-support/export-fixtures.js";
import { exportApp } from "../../export/test-support/export-app.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";

const backend = sqliteBackend();
let store: Store;
const get = (path: string, publicUrl?: string) => exportApp(store, publicUrl ? { publicUrl } : {}).request(`http://hub.test${path}`);
const rss = new Parser();

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), strict: a 1.0 `author` or any unknown field fails. */
const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const jsonAuthor = z.strictObject({ name: z.string().min(1).optional(), url: z.url().optional(), avatar: z.url().optional() }).refine((a) => Object.keys(a).length > 0);
const jsonItem = z
  .strictObject({
    id: z.string().min(1),
    url: z.url().optional(),
    external_url: z.url().optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    image: z.url().optional(),
    date_published: rfc3339.optional(),
    date_modified: rfc3339.optional(),
    authors: z.array(jsonAuthor).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().optional(),
  })
  .refine((i) => i.content_html !== undefined || i.content_text !== undefined, "an item needs content_html or content_text");
const jsonFeed = z.strictObject({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: z.url().optional(),
  feed_url: z.url().optional(),
  description: z.string().optional(),
  icon: z.url().optional(),
  authors: z.array(jsonAuthor).optional(),
  language: z.string().optional(),
  items: z.array(jsonItem),
});

/** XML text with CDATA sections removed, to check what is markup. */
const outsideCdata = (xml: string) => xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
/** Decodes the entities an HTML-typed Atom title may hold. */
const decodeHtml = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[e]!);

async function feedOf(path: string, format: "rss" | "atom" | "json", publicUrl?: string) {
  const res = await get(path.replace("{ext}", format), publicUrl);
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, text: await res.text() };
}

beforeAll(async () => {
  store = await backend.open();
  await seedExportStore(store);
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("RSS 2.0", () => {
  it("parses, with content type, channel links and items in the page's order", async () => {
    const { res, text } = await feedOf("/papers/feed.{ext}?date=2024-06-05", "rss");
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const feed = await rss.parseString(text);
    expect(feed.title).toBe("Daily papers, 2024-06-05 · Paperboard");
    expect(feed.link).toBe("http://hub.test/papers?date=2024-06-05");
    expect(feed.items.map((i) => i.link)).toEqual(["http://hub.test/papers/2406.00001", "http://hub.test/papers/2406.00002"]);
    expect(feed.items[1]!.creator).toBe("José Núñez, Zhang Wei");
    expect(feed.items[0]!.categories).toEqual(["cs.LG", "stat.ML"]);
    expect(text).toContain('<atom:link href="http://hub.test/papers/feed.rss?date=2024-06-05" rel="self" type="application/rss+xml"/>');
  });

  it("keeps <script> and & in titles as text, never as markup", async () => {
    const { text } = await feedOf("/papers/feed.{ext}?date=2024-06-05", "rss");
    const item = (await rss.parseString(text)).items[0]!;
    expect(item.title).toBe(TRICKY_TITLE);
    const markup = outsideCdata(text);
    expect(markup).not.toMatch(/<script/i);
    expect(markup).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
    // Descriptions and content are HTML with every value escaped (and so no "]]>" that would end the CDATA early).
    expect(item.content).toContain("a &#60; b &#38; c &#62; d");
    expect(item.content).toContain("Second line with ]]&#62; inside.");
    expect(item["content:encoded"]).not.toMatch(/<script/i);
  });
});

describe("Atom 1.0", () => {
  it("parses, with ids, self link, authors and an HTML-escaped title that decodes to the original", async () => {
    const { res, text } = await feedOf("/papers/feed.{ext}?date=2024-06-05", "atom");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(text).not.toMatch(/<script/i);
    const feed = await rss.parseString(text);
    expect(feed.title).toBe("Daily papers, 2024-06-05 · Paperboard");
    expect(text).toContain('<link rel="self" href="http://hub.test/papers/feed.atom?date=2024-06-05"/>');
    expect(text).toMatch(/<id>http:\/\/hub\.test\/papers\?date=2024-06-05<\/id>/);
    const [first] = feed.items;
    expect(decodeHtml(first!.title!)).toBe(TRICKY_TITLE);
    expect(first!.id).toBe("http://hub.test/papers/2406.00001");
    expect(text).toContain("<name>Müller, Jörg</name>");
    expect(text).toContain("<name>Patrick O'Brien</name>");
  });
});

describe("JSON Feed 1.1", () => {
  it("matches the 1.1 schema, with plain-text titles and summaries", async () => {
    const { res, text } = await feedOf("/papers/feed.{ext}?date=2024-06-05", "json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = jsonFeed.parse(JSON.parse(text));
    expect(feed.feed_url).toBe("http://hub.test/papers/feed.json?date=2024-06-05");
    expect(feed.home_page_url).toBe("http://hub.test/papers?date=2024-06-05");
    const [first] = feed.items;
    expect(first!.title).toBe(TRICKY_TITLE);
    expect(first!.summary).toBe("We show that a < b & c > d.\nSecond line with ]]> inside.");
    expect(first!.authors!.map((a) => a.name)).toEqual(["Müller, Jörg", "Patrick O'Brien", "Ludwig van Beethoven", "OpenAI Team"]);
    expect(first!.content_html).not.toMatch(/<script/i);
    expect(first!.date_published).toBe("2024-06-05T08:00:00.000Z");
  });
});

describe("every list has feeds", () => {
  const lists: Array<[string, string, string[]]> = [
    ["the rolling daily feed", "/papers/feed.{ext}", ["2406.00001", "2406.00002"]],
    ["a week", "/papers/feed.{ext}?week=2024-W23", ["2406.00001", "2406.00002", "2406.00003"]],
    ["a month", "/papers/feed.{ext}?month=2024-06", ["2406.00001", "2406.00002", "2406.00003"]],
    ["trending", "/papers/trending/feed.{ext}", ["2406.00001", "2406.00002", "2406.00003"]],
    ["a search with a filter", "/papers/search/feed.{ext}?q=attention&category=cs.CL&mode=lexical", ["2406.00003"]],
    ["a category", "/categories/hep-th/feed.{ext}", ["hep-th/9901001"]],
    ["a user's submissions", "/u/bob/feed.{ext}", ["2406.00002"]],
    ["an organisation", "/orgs/deepmind/feed.{ext}", ["2406.00001", "2406.00003"]],
  ];
  it.each(lists)("%s, in all three formats, without hidden papers", async (_, path, ids) => {
    const links = ids.map((id) => `http://hub.test/papers/${id}`);
    for (const format of ["rss", "atom"] as const) {
      const feed = await rss.parseString((await feedOf(path, format)).text);
      expect(feed.items.map((i) => i.link), `${path} ${format}`).toEqual(links);
    }
    const json = jsonFeed.parse(JSON.parse((await feedOf(path, "json")).text));
    expect(json.items.map((i) => i.url)).toEqual(links);
    expect(JSON.stringify(json)).not.toContain(HIDDEN_ID);
  });

  it("answers 400 for a bad period or an empty search, 404 for an unknown user or organisation", async () => {
    expect((await get("/papers/feed.rss?date=2024-13-01")).status).toBe(400);
    expect((await get("/papers/search/feed.rss")).status).toBe(400);
    expect((await get("/categories/not a category!/feed.rss")).status).toBe(400);
    expect((await get("/u/nobody/feed.rss")).status).toBe(404);
    expect((await get("/orgs/nobody/feed.atom")).status).toBe(404);
  });

  it("answers 304 to a reader polling an unchanged feed", async () => {
    const first = await get("/papers/trending/feed.atom");
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    const again = await exportApp(store).request("http://hub.test/papers/trending/feed.atom", { headers: { "If-None-Match": tag! } });
    expect(again.status).toBe(304);
  });

  it("uses the configured public URL for every absolute link", async () => {
    const { text } = await feedOf("/orgs/deepmind/feed.{ext}", "json", "https://papers.example.org/");
    const feed = jsonFeed.parse(JSON.parse(text));
    expect(feed.feed_url).toBe("https://papers.example.org/orgs/deepmind/feed.json");
    expect(feed.items[0]!.url).toBe("https://papers.example.org/papers/2406.00001");
    expect(text).not.toContain("hub.test");
  });
});

describe("list exports", () => {
  it("gives any list as BibTeX with unique keys, RIS and CSL-JSON", async () => {
    const res = await get("/orgs/deepmind/feed.bib");
    expect(res.headers.get("content-type")).toBe("application/x-bibtex; charset=utf-8");
    const lib = parseBibtex(await res.text(), { english: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => e.fields.eprint)).toEqual(["2406.00001", "2406.00003"]);
    const week = parseBibtex(await (await get("/papers/feed.bib?week=2024-W23")).text(), { english: false });
    const keys = week.entries.map((e) => e.key);
    // Two papers by Núñez from 2024 titled alike: both get their id, whatever the order.
    expect(keys).toEqual(["muller2024script", "nunez2024attention_240600002", "nunez2024attention_240600003"]);
    const ris = await (await get("/papers/search/feed.ris?q=attention&mode=lexical")).text();
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(2);
    const csl = JSON.parse(await (await get("/categories/cs/feed.csl.json")).text()) as Array<{ id: string }>;
    expect(csl.map((i) => i.id).sort()).toEqual(["muller2024script", "nunez2024attention_240600002", "nunez2024attention_240600003"]);
  });
});

describe("<link rel=alternate> on list pages", () => {
  const pages: Array<[string, string]> = [
    ["/papers?date=2024-06-05&page=1", "/papers/feed.rss?date=2024-06-05"],
    ["/", "/papers/feed.rss"],
    ["/papers/trending", "/papers/trending/feed.rss"],
    ["/papers/search?q=attention&category=cs.CL", "/papers/search/feed.rss?q=attention&amp;category=cs.CL"],
    ["/categories/cs.CL", "/categories/cs.CL/feed.rss"],
    ["/u/bob", "/u/bob/feed.rss"],
    ["/orgs/deepmind", "/orgs/deepmind/feed.rss"],
  ];
  it.each(pages)("%s links its feeds", async (page, rssHref) => {
    const res = await get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain(`<link rel="alternate" type="application/rss+xml"`);
    expect(head).toContain(`href="${rssHref}"`);
    expect(head).toContain(`href="${rssHref.replace("feed.rss", "feed.atom")}"`);
    expect(head).toContain(`type="application/feed+json"`);
  });

  it("leaves pages that are not lists without feeds", async () => {
    const html = await (await get("/papers/2406.00001")).text();
    expect(html).not.toContain('rel="alternate"');
  });
});
