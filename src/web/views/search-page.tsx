// The search page: the form with filters and sort, highlighted results, pages, and suggestions when nothing is found.
import { SEARCH_MODES, SEARCH_SORTS } from "../../search/search-service.js";
import { SEARCH_PAGE_SIZE, type SearchParams } from "../routes/search-params.js";
import type { Chrome } from "./chrome.js";
import { Layout } from "./layout.js";
import { PaperCard, type CardData } from "./paper-card.js";
import { SubscribeForm, type SubscribeOffer } from "./subscribe-form.js";

export interface SearchHit {
  entry: CardData;
  titleHighlight: string | null;
  snippet: string | null;
}

export interface Suggestions {
  /** The same search without the form's filters. */
  withoutFilters: string | null;
  /** The same search by meaning, when the vector index is ready. */
  semantic: string | null;
  /** Searches for fewer of the words. */
  fewerWords: Array<{ q: string; href: string }>;
  /** An arXiv id the hub does not hold: its page offers to index it. */
  missingArxivId: string | null;
}

export interface SearchPageProps extends Chrome {
  params: SearchParams;
  /** Null before anything was asked: the form alone. */
  hits: SearchHit[] | null;
  hasNext: boolean;
  warnings: string[];
  suggestions: Suggestions | null;
  pageHref: (page: number) => string;
  /** Alerts for this search by email (null when mail is off or nothing was searched). */
  subscribe?: SubscribeOffer | null;
}

const SORT_LABELS: Record<(typeof SEARCH_SORTS)[number], string> = { relevance: "Relevance", date: "Newest", upvotes: "Most upvoted", trending: "Trending" };
const MODE_LABELS: Record<(typeof SEARCH_MODES)[number], string> = { hybrid: "Words and meaning", lexical: "Exact words", semantic: "Meaning only" };

export function SearchPage(props: SearchPageProps) {
  const p = props.params;
  const title = p.q ? `Search: ${p.q}` : "Search papers";
  return (
    <Layout title={title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>{p.q ? "Search results" : "Search papers"}</h1>
      <SearchForm params={p} />
      {props.warnings.length > 0 ? (
        <ul class="notice" role="status" aria-label="Notes about this search">
          {props.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      ) : null}
      {props.hits === null ? null : props.hits.length === 0 ? (
        <NoResults q={p.q} suggestions={props.suggestions} />
      ) : (
        <>
          <p class="meta" role="status">
            Results {(p.page - 1) * SEARCH_PAGE_SIZE + 1}–{(p.page - 1) * SEARCH_PAGE_SIZE + props.hits.length}
            {props.hasNext ? "" : p.page > 1 ? " (the last)" : ""}
          </p>
          <section class="cards results" aria-label="Search results">
            {props.hits.map((h, i) => (
              <PaperCard entry={h.entry} n={i + 1} titleHighlight={h.titleHighlight} snippet={h.snippet} />
            ))}
          </section>
          {p.page > 1 || props.hasNext ? (
            <nav class="pager" aria-label="Result pages">
              {p.page > 1 ? (
                <a rel="prev" href={props.pageHref(p.page - 1)}>
                  ← Previous page
                </a>
              ) : (
                <span />
              )}
              <span class="pager-at">Page {p.page}</span>
              {props.hasNext ? (
                <a rel="next" href={props.pageHref(p.page + 1)}>
                  Next page →
                </a>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      )}
      <SubscribeForm offer={props.subscribe} viewer={props.viewer} csrfToken={props.csrfToken} />
    </Layout>
  );
}

function SearchForm(props: { params: SearchParams }) {
  const p = props.params;
  return (
    <form class="search-form" role="search" aria-label="Search papers" method="get" action="/papers/search">
      <div class="search-main">
        <label for="q">Words, phrases, author:, cat:, an arXiv id…</label>
        <div class="search-row">
          <input id="q" type="search" name="q" value={p.q} maxlength={250} autocomplete="off" />
          <button type="submit">Search</button>
        </div>
      </div>
      <fieldset class="filters">
        <legend>Filters</legend>
        <label>
          Published after
          <input type="date" name="after" value={p.after ?? ""} />
        </label>
        <label>
          Published before
          <input type="date" name="before" value={p.before ?? ""} />
        </label>
        <label>
          Category
          <input type="text" name="category" value={p.category ?? ""} placeholder="cs.LG" size={8} maxlength={40} />
        </label>
        <label class="check">
          <input type="checkbox" name="code" value="1" checked={p.hasCode} />
          Has code
        </label>
      </fieldset>
      <fieldset class="filters">
        <legend>Order</legend>
        <label>
          Sort by
          <select name="sort">
            {SEARCH_SORTS.map((s) => (
              <option value={s} selected={s === p.sort}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Match
          <select name="mode">
            {SEARCH_MODES.map((m) => (
              <option value={m} selected={m === p.mode}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </form>
  );
}

function NoResults(props: { q: string; suggestions: Suggestions | null }) {
  const s = props.suggestions;
  return (
    <section class="no-results" aria-labelledby="no-results-heading">
      <h2 id="no-results-heading">{props.q ? `Nothing found for “${props.q}”` : "Nothing matches these filters"}</h2>
      <ul>
        {s?.missingArxivId ? (
          <li>
            arXiv paper {s.missingArxivId} is not in this hub yet: <a href={`/papers/${s.missingArxivId}`}>index it from arXiv</a>.
          </li>
        ) : null}
        {s?.withoutFilters ? (
          <li>
            <a href={s.withoutFilters}>Search again without the filters</a>.
          </li>
        ) : null}
        {s?.semantic ? (
          <li>
            <a href={s.semantic}>Search by meaning</a>: finds papers that say the same thing in other words.
          </li>
        ) : null}
        {s && s.fewerWords.length > 0 ? (
          <li>
            Try fewer words:{" "}
            {s.fewerWords.map((f, i) => (
              <>
                {i > 0 ? ", " : ""}
                <a href={f.href}>{f.q}</a>
              </>
            ))}
            .
          </li>
        ) : null}
        <li>Check the spelling, or use a more general term (“diffusion” rather than “latent diffusion upscaler”).</li>
        <li>
          See what is <a href="/papers/trending">trending</a> or browse the <a href="/papers">daily papers</a>.
        </li>
      </ul>
    </section>
  );
}
