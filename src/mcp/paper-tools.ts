// What the MCP tools do, apart from the protocol: search, one paper, the daily feed, trending, similar papers, as plain results.
//
// Results hold what an agent needs to read and cite a paper, no HTML. Lists
// shorten abstracts (get_paper has the whole one) so a 50-paper answer stays
// within an agent's context. Hidden papers never appear.
import type { ListingService, ListEntry } from "../export/listings.js";
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from "../domain/arxiv-id.js";
import type { FeedService } from "../feed/feed-service.js";
import type { SearchMode, SearchService, SearchSort } from "../search/search-service.js";
import type { FeedEntry } from "../storage/feed-repo.js";

export const LIST_ABSTRACT_CHARS = 600;

export interface PaperSummary {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  publishedAt: string | null;
  categories: string[];
  /** The paper's page on this hub when its address is known, else its arXiv page. */
  url: string | null;
  arxivUrl: string | null;
  pdfUrl: string | null;
  codeUrl: string | null;
  upvotes: number;
  comments: number;
  /** The day it was on the daily feed. */
  feedDay: string | null;
  organization: string | null;
}

export interface PaperDetail extends PaperSummary {
  updatedAt: string | null;
  version: number | null;
  doi: string | null;
  journalRef: string | null;
  arxivComments: string | null;
  license: string | null;
  githubStars: number | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
}

export interface SearchInput {
  query: string;
  mode?: SearchMode | undefined;
  sort?: SearchSort | undefined;
  limit: number;
  filters?: { category?: string | undefined; after?: string | undefined; before?: string | undefined; hasCode?: boolean | undefined; author?: string | undefined; organization?: string | undefined } | undefined;
}

export interface PaperToolsDeps {
  listings: ListingService;
  search: SearchService;
  feed: Pick<FeedService, "visible">;
  /** Base URL of the hub's pages (config publicUrl, or the HTTP request's origin); null: links go to arXiv. */
  publicUrl?: string | null | undefined;
}

export class PaperTools {
  constructor(private readonly deps: PaperToolsDeps) {}

  async search(input: SearchInput) {
    const f = input.filters ?? {};
    const r = await this.deps.search.search(input.query, {
      limit: input.limit,
      prefix: false,
      ...(input.mode ? { mode: input.mode } : {}),
      ...(input.sort ? { sort: input.sort } : {}),
      filters: {
        after: f.after ?? null,
        before: f.before ?? null,
        categories: f.category ? [f.category] : [],
        authors: f.author ? [f.author] : [],
        organizations: f.organization ? [f.organization] : [],
        hasCode: f.hasCode ?? false,
      },
    });
    const entries = await this.deps.feed.visible(r.results.map((x) => x.paper));
    return { query: input.query, mode: r.mode, papers: entries.map((e) => this.summary(e)), warnings: r.warnings };
  }

  async paper(id: string): Promise<{ paper: PaperDetail }> {
    return { paper: this.detail(await this.deps.listings.paper(id)) };
  }

  async daily(input: { date?: string | undefined; week?: string | undefined; month?: string | undefined; limit: number }) {
    const listing = await this.deps.listings.list({ kind: "daily", period: { date: input.date, week: input.week, month: input.month } }, input.limit);
    const p = listing.period!;
    return { period: { kind: p.kind, key: p.key, from: p.from, to: p.to }, papers: listing.entries.map((e) => this.summary(e)) };
  }

  async trending(input: { limit: number }) {
    const listing = await this.deps.listings.list({ kind: "trending" }, input.limit);
    return { papers: listing.entries.map((e) => this.summary(e)) };
  }

  async similar(input: { id: string; limit: number }) {
    const { paper } = await this.deps.listings.paper(input.id);
    const hits = await this.deps.search.similarTo(paper, { limit: input.limit });
    const entries = await this.deps.feed.visible(hits.map((h) => h.paper));
    return { id: paper.id, papers: entries.map((e) => this.summary(e)) };
  }

  private summary(e: FeedEntry, abstractChars = LIST_ABSTRACT_CHARS): PaperSummary {
    const p = e.paper;
    const arxiv = parseArxivId(p.id);
    const arxivUrl = arxiv ? arxivAbsUrl(arxiv.id) : null;
    const base = this.deps.publicUrl?.replace(/\/+$/, "");
    return {
      id: p.id,
      title: p.title,
      authors: p.authors.map((a) => a.name),
      abstract: shorten(p.abstract, abstractChars),
      publishedAt: p.publishedAt,
      categories: p.categories,
      url: base ? `${base}/papers/${p.id.split("/").map(encodeURIComponent).join("/")}` : (arxivUrl ?? p.links.abs ?? null),
      arxivUrl,
      pdfUrl: arxiv ? arxivPdfUrl(arxiv.id) : (p.links.pdf ?? null),
      codeUrl: p.hub?.githubRepo ?? p.links.code ?? null,
      upvotes: e.upvotes,
      comments: e.comments,
      feedDay: p.hub?.feedDay ?? null,
      organization: p.hub?.organization ? (p.hub.organization.fullname ?? p.hub.organization.name) : null,
    };
  }

  private detail(e: ListEntry): PaperDetail {
    const p = e.paper;
    return {
      ...this.summary(e, Infinity),
      updatedAt: p.updatedAt,
      version: p.version,
      doi: p.doi,
      journalRef: p.journalRef,
      arxivComments: p.comments,
      license: p.license,
      githubStars: p.hub?.githubStars ?? null,
      projectPage: p.hub?.projectPage ?? p.links.project ?? null,
      aiSummary: p.hub?.aiSummary ?? null,
      aiKeywords: p.hub?.aiKeywords ?? [],
    };
  }
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return `${text.slice(0, cut > max * 0.6 ? cut : max)}…`;
}
