// The search page's query string: parsed and validated into what SearchService.search takes, and written back into links.
import { isFeedDay } from "../../domain/feed-day.js";
import { ValidationError } from "../../domain/errors.js";
import { MAX_QUERY_PARAM } from "../../api/search-route.js";
import { SEARCH_MODES, SEARCH_SORTS, type SearchMode, type SearchSort } from "../../search/search-service.js";

/** Results per page; the service ranks at most 200, so 10 pages. */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGES = 10;
const CATEGORY = /^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/i;

export interface SearchParams {
  q: string;
  after: string | null;
  before: string | null;
  category: string | null;
  hasCode: boolean;
  sort: SearchSort;
  mode: SearchMode;
  page: number;
}

type Query = (name: string) => string | undefined;

/** Every problem is a ValidationError whose message names the field and what it accepts. */
export function parseSearchParams(get: Query): SearchParams {
  const q = (get("q") ?? "").trim();
  if (q.length > MAX_QUERY_PARAM) throw new ValidationError(`The search text must be at most ${MAX_QUERY_PARAM} characters.`);
  const day = (name: "after" | "before") => {
    const v = get(name)?.trim();
    if (!v) return null;
    if (!isFeedDay(v)) throw new ValidationError(`"${name}" must be a day written YYYY-MM-DD, e.g. 2024-06-05 (got "${v.slice(0, 40)}").`);
    return v;
  };
  const after = day("after");
  const before = day("before");
  if (after && before && after > before) throw new ValidationError(`"after" (${after}) must not be later than "before" (${before}).`);
  const category = get("category")?.trim() || null;
  if (category && (category.length > 40 || !CATEGORY.test(category))) {
    throw new ValidationError(`"category" must be an arXiv category such as cs.LG, or an archive such as cs (got "${category.slice(0, 40)}").`);
  }
  const code = get("code");
  const sort = get("sort") || "relevance";
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw new ValidationError(`"sort" must be one of ${SEARCH_SORTS.join(", ")}.`);
  const mode = get("mode") || "hybrid";
  if (!(SEARCH_MODES as readonly string[]).includes(mode)) throw new ValidationError(`"mode" must be one of ${SEARCH_MODES.join(", ")}.`);
  const rawPage = get("page") || "1";
  const page = Number(rawPage);
  if (!/^\d{1,2}$/.test(rawPage) || page < 1 || page > SEARCH_MAX_PAGES) {
    throw new ValidationError(`"page" must be a whole number from 1 to ${SEARCH_MAX_PAGES}: search shows the best ${SEARCH_PAGE_SIZE * SEARCH_MAX_PAGES} results.`);
  }
  return { q, after, before, category, hasCode: code === "1" || code === "on", sort: sort as SearchSort, mode: mode as SearchMode, page };
}

export function hasFormFilters(p: SearchParams): boolean {
  return !!(p.after || p.before || p.category || p.hasCode);
}

/** The search page's URL for these parameters, defaults left out. */
export function searchHref(p: Partial<SearchParams> & { q: string }): string {
  const u = new URLSearchParams();
  u.set("q", p.q);
  if (p.after) u.set("after", p.after);
  if (p.before) u.set("before", p.before);
  if (p.category) u.set("category", p.category);
  if (p.hasCode) u.set("code", "1");
  if (p.sort && p.sort !== "relevance") u.set("sort", p.sort);
  if (p.mode && p.mode !== "hybrid") u.set("mode", p.mode);
  if (p.page && p.page > 1) u.set("page", String(p.page));
  return `/papers/search?${u}`;
}
