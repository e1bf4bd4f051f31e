// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a list of papers, written with the `feed` package.
//
// Titles differ by format: RSS titles are plain text (in CDATA, as the
// package writes them; the RSS profile advises against markup in titles),
// Atom titles are typed "html" by the package and so are HTML-escaped here,
// and JSON Feed titles are plain text by its specification. Everything put
// in descriptions and content is HTML built here with every value escaped.
//
// The package writes JSON Feed 1.0 (a single `author`); the result is
// brought to 1.1: the version URL, and `authors` arrays on the feed and on
// every item.
import { Feed, type Item } from "feed";
import type { StoredPaper } from "../domain/paper.js";
import { escapeHtml, paperHtml } from "./feed-item-html.js";
import type { Listing, ListEntry } from "./listings.js";

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

export interface FeedLinks {
  /** Absolute URL of the HTML page the list is. */
  page: string;
  /** Absolute URLs of the list's feeds, by format. */
  feeds: Record<FeedFormat, string>;
  /** Absolute URL of a paper's page. */
  paper: (id: string) => string;
}

const SITE = "Paperboard";

export function renderFeed(listing: Listing, format: FeedFormat, links: FeedLinks): string {
  const updated = listing.entries.reduce<Date | null>((max, e) => (!max || e.at > max ? e.at : max), null) ?? listing.generatedAt;
  const feed = new Feed({
    id: links.page,
    title: clean(`${listing.title} · ${SITE}`),
    description: clean(listing.description),
    link: links.page,
    language: "en",
    updated,
    generator: SITE,
    feedLinks: { rss: links.feeds.rss, atom: links.feeds.atom, json: links.feeds.json },
    author: { name: SITE, link: new URL("/", links.page).toString() },
  });
  for (const e of listing.entries) feed.addItem(item(e, format, links));
  if (format === "rss") return feed.rss2();
  if (format === "atom") return feed.atom1();
  return toJsonFeed11(feed.json1(), listing.entries);
}

function item(e: ListEntry, format: FeedFormat, links: FeedLinks): Item {
  const p = e.paper;
  const url = links.paper(p.id);
  const title = clean(p.title);
  const it: Item = {
    title: format === "atom" ? escapeHtml(title) : format === "rss" ? title.replaceAll("]]>", "]] >") : title,
    id: url,
    link: url,
    date: e.at,
    // JSON Feed's summary is plain text; RSS descriptions and Atom summaries (type "html") are HTML.
    description: clean(format === "json" ? p.abstract : escapeHtml(p.abstract)),
    content: clean(paperHtml(e, url)),
    category: p.categories.map((c) => ({ name: c, term: c })),
  };
  if (p.publishedAt) it.published = new Date(p.publishedAt);
  const names = authorNames(p);
  // RSS's <author> must be an e-mail address: names go in dc:creator, whose namespace the package declares with content:encoded.
  if (format === "rss") {
    if (names.length) it.extensions = [{ name: "dc:creator", objects: { _text: names.join(", ") } }];
  } else if (names.length) it.author = names.map((name) => ({ name }));
  return it;
}

/** The package's JSON Feed 1.0 output brought to 1.1: version, and `authors` in place of `author`. */
function toJsonFeed11(json: string, entries: readonly ListEntry[]): string {
  const doc = JSON.parse(json) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  doc.version = "https://jsonfeed.org/version/1.1";
  if (doc.author) {
    doc.authors = [doc.author];
    delete doc.author;
  }
  doc.language = "en";
  doc.items.forEach((it, i) => {
    delete it.author;
    const names = authorNames(entries[i]!.paper);
    if (names.length) it.authors = names.map((name) => ({ name }));
  });
  return JSON.stringify(doc, null, 2);
}

function authorNames(p: StoredPaper): string[] {
  return p.authors.map((a) => clean(a.name)).filter((n) => n !== "");
}

/** Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) would make the whole feed unreadable: they go. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}
