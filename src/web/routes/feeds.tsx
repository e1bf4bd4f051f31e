// Feeds and citation exports of every list: <list page>/feed.{rss,atom,json,bib,ris,csl.json}, and the /categories/:cat page.
//
// One URL scheme for all: a list page's path with /feed.<format> appended and
// the page's own query (a feed has no pages), so a reader or script can
// derive the feed of any list it can see:
//   /papers/feed.rss?week=2024-W23      /papers/trending/feed.atom
//   /papers/search/feed.bib?q=…&category=cs.LG    /categories/cs.LG/feed.ris
//   /u/:name/feed.json                   /orgs/:name/feed.csl.json
import { Hono, type Context } from "hono";
import { etag } from "hono/etag";
import { isCitationFormat, CITATION_WRITERS } from "../../export/citation-formats.js";
import { FEED_CONTENT_TYPES, FEED_FORMATS, renderFeed, type FeedFormat } from "../../export/feed-writer.js";
import { EXPORT_ITEMS, FEED_ITEMS, type ListingService, type ListSpec } from "../../export/listings.js";
import type { AppEnv } from "../context.js";
import { sessionOf } from "../middleware/session.js";
import { feedAlternates, WithAlternates } from "../views/alternates.js";
import { CategoryPage } from "../views/category-page.js";
import { paperHref } from "../views/format.js";
import { parseSearchParams } from "./search-params.js";

export interface FeedRouteDeps {
  listings: ListingService;
  /** Base of absolute links (config publicUrl); the request's origin when not set. */
  publicUrl?: string | undefined;
}

/** The last path segment of a list's feed or export. */
const FILE = ":file{feed\\.(?:rss|atom|json|bib|ris|csl\\.json)}";

export function feedRoutes(deps: FeedRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const q = (c: Context) => (k: string) => c.req.query(k);
  // Feed readers poll: an unchanged list answers 304 to If-None-Match.
  const unchanged = etag();

  app.get(`/papers/${FILE}`, unchanged, (c) => serve(c, { kind: "daily", period: { date: c.req.query("date"), week: c.req.query("week"), month: c.req.query("month") } }));
  app.get(`/papers/trending/${FILE}`, unchanged, (c) => serve(c, { kind: "trending" }));
  app.get(`/papers/search/${FILE}`, unchanged, (c) => {
    const p = parseSearchParams(q(c));
    const filters = { after: p.after, before: p.before, categories: p.category ? [p.category.toLowerCase()] : [], hasCode: p.hasCode };
    return serve(c, { kind: "search", q: p.q, filters, sort: p.sort, mode: p.mode });
  });
  app.get(`/categories/:cat/${FILE}`, unchanged, (c) => serve(c, { kind: "category", category: c.req.param("cat") }));
  app.get(`/u/:name/${FILE}`, unchanged, (c) => serve(c, { kind: "user", name: c.req.param("name") }));
  app.get(`/orgs/:name/${FILE}`, unchanged, (c) => serve(c, { kind: "org", name: c.req.param("name") }));

  app.get("/categories/:cat", async (c) => {
    const category = c.req.param("cat");
    const listing = await deps.listings.list({ kind: "category", category }, FEED_ITEMS);
    return c.html(
      <WithAlternates links={feedAlternates(c.req.url, `Papers in ${category}`)}>
        <CategoryPage category={category} listing={listing} {...sessionOf(c)} />
      </WithAlternates>,
    );
  });

  const serve = async (c: Context<AppEnv>, spec: ListSpec) => {
    const format = c.req.param("file")!.slice("feed.".length);
    const url = new URL(c.req.url);
    const base = (deps.publicUrl ?? url.origin).replace(/\/+$/, "");
    const pagePath = url.pathname.slice(0, url.pathname.lastIndexOf("/"));
    url.searchParams.delete("page");
    const query = url.searchParams.size > 0 ? `?${url.searchParams}` : "";
    if (isCitationFormat(format)) {
      const listing = await deps.listings.list(spec, EXPORT_ITEMS);
      const writer = CITATION_WRITERS[format];
      const name = `paperboard-${pagePath.replace(/^\/+/, "").replace(/[^A-Za-z0-9.-]+/g, "-") || "papers"}.${format}`;
      return c.body(writer.render(listing.entries.map((e) => e.paper)), 200, {
        "Content-Type": writer.contentType,
        "Content-Disposition": `inline; filename="${name}"`,
      });
    }
    const listing = await deps.listings.list(spec, FEED_ITEMS);
    const feeds = Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${pagePath}/feed.${f}${query}`])) as Record<FeedFormat, string>;
    const links = { page: `${base}${pagePath}${query}`, feeds, paper: (id: string) => `${base}${paperHref(id)}` };
    return c.body(renderFeed(listing, format as FeedFormat, links), 200, { "Content-Type": FEED_CONTENT_TYPES[format as FeedFormat] });
  };

  return app;
}
