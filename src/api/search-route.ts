// GET /api/papers/search: the search service as JSON, best first; bad parameters are 400 with {"error"}.
import type { Hono } from "hono";
import { ValidationError } from "../domain/errors.js";
import { SEARCH_MODES, SEARCH_SORTS, type SearchMode, type SearchService, type SearchSort } from "../search/search-service.js";

export const MAX_QUERY_PARAM = 250;
export const MAX_API_LIMIT = 120;

export function mountSearchApi(app: Hono, search: SearchService): void {
  app.get("/api/papers/search", async (c) => {
    const q = c.req.query("q") ?? "";
    if (q.length > MAX_QUERY_PARAM) throw new ValidationError(`q must be at most ${MAX_QUERY_PARAM} characters`);
    const limitParam = c.req.query("limit");
    const limit = limitParam === undefined ? 20 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_API_LIMIT) throw new ValidationError(`limit must be an integer from 1 to ${MAX_API_LIMIT}`);
    const mode = c.req.query("mode") ?? "hybrid";
    if (!(SEARCH_MODES as readonly string[]).includes(mode)) throw new ValidationError(`mode must be one of ${SEARCH_MODES.join(", ")}`);
    const sort = c.req.query("sort") ?? "relevance";
    if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw new ValidationError(`sort must be one of ${SEARCH_SORTS.join(", ")}`);
    const r = await search.search(q, { limit, mode: mode as SearchMode, sort: sort as SearchSort });
    if (r.warnings.length) c.header("X-Search-Notes", encodeURIComponent(r.warnings.join(" | ")));
    return c.json(
      r.results.map((x) => ({
        id: x.paper.id,
        title: x.paper.title,
        score: x.score,
        summary: x.paper.abstract,
        publishedAt: x.paper.publishedAt,
        authors: x.paper.authors.map((a) => ({ name: a.name })),
        snippet: x.snippet,
      })),
    );
  });
}
