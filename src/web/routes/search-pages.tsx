// GET /papers/search: the search service behind a form, with filters, sorts, highlights, pages and suggestions for an empty result.
import { Hono } from "hono";
import type { SearchResponse } from "../../search/search-service.js";
import type { AppEnv } from "../context.js";
import { sessionOf } from "../middleware/session.js";
import { feedAlternates, WithAlternates } from "../views/alternates.js";
import { SearchPage, type SearchHit, type Suggestions } from "../views/search-page.js";
import { subscribeOffer } from "../views/subscribe-form.js";
import type { PageDeps } from "./pages.js";
import { SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE, hasFormFilters, parseSearchParams, searchHref, type SearchParams } from "./search-params.js";

export function searchPage(deps: PageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/papers/search", async (c) => {
    const params = parseSearchParams((k) => c.req.query(k));
    const chrome = sessionOf(c);
    const pageHref = (page: number) => searchHref({ ...params, page });
    if (!params.q && !hasFormFilters(params)) {
      return c.html(<SearchPage params={params} hits={null} hasNext={false} warnings={[]} suggestions={null} pageHref={pageHref} {...chrome} />);
    }
    // The service ranks the best `limit`; a page is a slice of them, so page n asks for n pages' worth.
    const limit = params.page * SEARCH_PAGE_SIZE;
    const r = await deps.search.search(params.q, {
      limit,
      mode: params.mode,
      sort: params.sort,
      prefix: false,
      filters: {
        after: params.after,
        before: params.before,
        categories: params.category ? [params.category.toLowerCase()] : [],
        hasCode: params.hasCode,
      },
    });
    const slice = r.results.slice(limit - SEARCH_PAGE_SIZE);
    const entries = new Map((await deps.feed.visible(slice.map((x) => x.paper))).map((e) => [e.paper.id, e]));
    const hits: SearchHit[] = slice.flatMap((x) => {
      const entry = entries.get(x.paper.id);
      return entry ? [{ entry, titleHighlight: x.titleHighlight, snippet: x.snippet }] : [];
    });
    const hasNext = r.results.length === limit && params.page < SEARCH_MAX_PAGES;
    const suggestions = hits.length === 0 && params.page === 1 ? suggest(params, r, deps.search.semanticReady()) : null;
    return c.html(
      <WithAlternates links={feedAlternates(searchHref({ ...params, page: 1 }), `Search: ${params.q || "filters"}`)}>
        <SearchPage
          params={params}
          hits={hits}
          hasNext={hasNext}
          warnings={r.warnings}
          suggestions={suggestions}
          pageHref={pageHref}
          subscribe={subscribeOffer(deps.mailEnabled, { kind: "search", q: params.q, after: params.after, before: params.before, category: params.category, hasCode: params.hasCode }, "Get new papers for this search by email")}
          {...chrome}
        />
      </WithAlternates>,
    );
  });

  return app;
}

/** What to try when nothing was found: fewer filters, search by meaning, fewer words, or indexing the arXiv id asked for. */
function suggest(p: SearchParams, r: SearchResponse, semanticReady: boolean): Suggestions {
  const base = { q: p.q, sort: p.sort, mode: p.mode };
  // Words as typed (the parsed terms are normalised); a query using the search syntax is left alone.
  const words = /["():-]/.test(p.q) ? [] : p.q.split(/\s+/).filter(Boolean);
  return {
    withoutFilters: hasFormFilters(p) ? searchHref(base) : null,
    semantic: semanticReady && p.mode !== "semantic" && p.q ? searchHref({ ...p, page: 1, mode: "semantic" }) : null,
    // Dropping one word at a time: the words that cannot all match together.
    fewerWords:
      words.length >= 2
        ? words.slice(0, 4).map((_, i) => {
            const q = words.filter((__, j) => j !== i).join(" ");
            return { q, href: searchHref({ ...base, q }) };
          })
        : [],
    missingArxivId: r.query.arxivId,
  };
}
