// GET /api/papers/search: the search service's results as daily items, best first.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { FeedService } from "../feed/feed-service.js";
import type { SearchService } from "../search/search-service.js";
import type { AppEnv } from "../web/context.js";
import { toSearchItem } from "./daily-papers-shapes.js";
import { errors, json } from "./openapi-parts.js";
import { MAX_QUERY_PARAM, SEARCH_LIMIT_MAX, SearchItemSchema, SearchQuery } from "./schemas.js";

/** Kept here for the search page, which shares the API's limit on the query's length. */
export { MAX_QUERY_PARAM, SEARCH_LIMIT_MAX as MAX_API_LIMIT };

export const searchRoute = createRoute({
  method: "get",
  path: "/api/papers/search",
  tags: ["Daily Papers"],
  summary: "Search papers",
  description:
    "Full-text and semantic search over every paper in the hub (the query syntax of the search page: phrases, -exclusions, filters such as cat:cs.LG). " +
    "An arXiv id as `q` finds that paper; no `q` lists the newest papers. Hidden papers are left out. Notes about the query (ignored filters, a mode not available) come in the X-Search-Notes header, URL-encoded.",
  request: { query: SearchQuery },
  responses: { 200: json(z.array(SearchItemSchema), "Daily-item-shaped results, best first."), ...errors(400, 429) },
  "x-example": "/api/papers/search?q=diffusion%20transformers&limit=5",
});

export function mountSearchApi(api: OpenAPIHono<AppEnv>, search: SearchService, feed: Pick<FeedService, "visible" | "latest">): void {
  api.openapi(searchRoute, async (c) => {
    const q = c.req.valid("query");
    // No query (a client listing papers without one): the newest papers, rather than nothing.
    if (q.q.trim() === "") return c.json((await feed.latest(undefined)).entries.slice(0, q.limit).map(toSearchItem), 200);
    const r = await search.search(q.q, { limit: q.limit, mode: q.mode, sort: q.sort });
    if (r.warnings.length) c.header("X-Search-Notes", encodeURIComponent(r.warnings.join(" | ")));
    const shown = await feed.visible(r.results.map((x) => x.paper));
    return c.json(shown.map(toSearchItem), 200);
  });
}
