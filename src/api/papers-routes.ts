// GET /api/papers (every paper, newest publication first, cursor-paged), GET /api/papers/{id}, POST /api/papers/index.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { NotFoundError } from "../domain/errors.js";
import type { FeedService } from "../feed/feed-service.js";
import type { PaperIndexer } from "../feed/paper-indexer.js";
import type { Store } from "../storage/store.js";
import type { AppEnv } from "../web/context.js";
import { rateLimit } from "../web/middleware/rate-limit.js";
import { actorWith } from "./api-auth.js";
import { toPaperObject } from "./daily-papers-shapes.js";
import { WRITE_SECURITY, errors, json } from "./openapi-parts.js";
import { shownPaper } from "./paper-lookup.js";
import { IndexBody, PaperIdParams, PaperSchema, PapersListQuery } from "./schemas.js";

export interface PapersApiDeps {
  store: Store;
  feed: FeedService;
  /** Fetches arXiv papers; null when the hub does not reach arXiv (then only stored papers can be "indexed"). */
  indexer: PaperIndexer | null;
  publicUrl?: string | undefined;
}

/** Each request may wait on arXiv's 3-second pacing: a few a minute per account is what a person or a careful script needs. */
const INDEX_RATE = { limit: 10, windowMs: 60_000 };

export const listPapersRoute = createRoute({
  method: "get",
  path: "/api/papers",
  tags: ["Daily Papers"],
  summary: "List every paper by publication date",
  description:
    "All papers in the hub (on the feed or not), newest arXiv publication first. The next page's URL is in the Link header " +
    '(`<…/api/papers?cursor=…&limit=…>; rel="next"`), absent on the last page. Hidden papers are left out, so a page may hold fewer than `limit`.',
  request: { query: PapersListQuery },
  responses: {
    200: { ...json(z.array(PaperSchema), "A page of papers."), headers: z.object({ Link: z.string().optional().openapi({ description: 'The next page, rel="next".' }) }) },
    ...errors(400, 429),
  },
  "x-example": "/api/papers?limit=10",
});

export const getPaperRoute = createRoute({
  method: "get",
  path: "/api/papers/{id}",
  tags: ["Daily Papers"],
  summary: "Get a paper",
  description: "The paper object; any arXiv spelling of the id (versioned, abs URL) finds it. Readable without authentication.",
  request: { params: PaperIdParams },
  responses: { 200: json(PaperSchema, "The paper."), ...errors(404, 429) },
  "x-example": "/api/papers/2407.21783",
});

export const indexPaperRoute = createRoute({
  method: "post",
  path: "/api/papers/index",
  tags: ["Daily Papers"],
  summary: "Fetch and index an arXiv paper",
  description: "Fetches the paper from arXiv through the hub's importer when the hub lacks it, and returns it. Needs the write scope.",
  security: WRITE_SECURITY,
  request: { body: { content: { "application/json": { schema: IndexBody } }, required: true } },
  responses: { 200: json(PaperSchema, "The paper, stored."), ...errors(400, 401, 403, 404, 429, 502) },
  "x-example": '{"arxivId": "2407.21783"}',
});

export function mountPapers(api: OpenAPIHono<AppEnv>, deps: PapersApiDeps): void {
  api.openapi(listPapersRoute, async (c) => {
    const q = c.req.valid("query");
    const page = await deps.store.listPapers({ limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
    if (page.nextCursor) {
      const next = new URL(c.req.path, deps.publicUrl ?? c.req.url);
      next.search = new URLSearchParams({ cursor: page.nextCursor, limit: String(q.limit) }).toString();
      c.header("Link", `<${next.toString()}>; rel="next"`);
    }
    const shown = await deps.feed.visible(page.papers);
    return c.json(shown.map(toPaperObject), 200);
  });

  api.openapi(getPaperRoute, async (c) => {
    return c.json(toPaperObject(await shownPaper(deps.store, deps.feed, c.req.valid("param").id)), 200);
  });
  // Old-style arXiv ids hold a slash that clients (huggingface_hub's paper_info) send unencoded:
  // /api/papers/hep-th/9901001. The pattern is narrow so /api/papers/{id}/upvote and /comments stay theirs.
  api.get("/api/papers/:archive{[a-zA-Z-]+(?:\\.[A-Za-z]{2})?}/:number{\\d{7}(?:v\\d+)?}", async (c) => {
    const id = `${c.req.param("archive")}/${c.req.param("number")}`;
    return c.json(toPaperObject(await shownPaper(deps.store, deps.feed, id)), 200);
  });

  api.openapi({ ...indexPaperRoute, middleware: [rateLimit({ bucket: "api-index", ...INDEX_RATE })] }, async (c) => {
    actorWith(c, "write");
    const { arxivId } = c.req.valid("json");
    if (!deps.indexer) {
      const stored = await shownPaper(deps.store, deps.feed, arxivId).catch((err: unknown) => {
        throw err instanceof NotFoundError ? new NotFoundError(`${arxivId} is not in this hub, and this hub does not fetch papers from arXiv.`) : err;
      });
      return c.json(toPaperObject(stored), 200);
    }
    const { id } = (await deps.indexer.index(arxivId)).paper;
    return c.json(toPaperObject(await shownPaper(deps.store, deps.feed, id)), 200);
  });
}
