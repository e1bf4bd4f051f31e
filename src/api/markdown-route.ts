// GET /papers/{id}.md, and GET /papers/{id} asking for text/markdown: the paper as Markdown.
//
// Mounted before the paper page's catch-all route; anything that is not a
// Markdown request for a paper passes on to it (and to the exports at
// /papers/{id}.bib and friends).
import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { accepts } from "hono/accepts";
import { compress } from "hono/compress";
import { NotFoundError } from "../domain/errors.js";
import type { FeedService } from "../feed/feed-service.js";
import type { Store } from "../storage/store.js";
import type { AppEnv } from "../web/context.js";
import { shownPaper } from "./paper-lookup.js";
import { paperMarkdown } from "./paper-markdown.js";

/** Paths under /papers/ that are pages, not papers (see web/routes/paper-pages.tsx). */
const NOT_IDS = new Set(["submit", "trending", "search", "latest", "index"]);
const MARKDOWN = "text/markdown; charset=utf-8";

/** For /api/openapi.json: the route is served here, outside /api. */
export const markdownRoute = createRoute({
  method: "get",
  path: "/papers/{id}.md",
  tags: ["Daily Papers"],
  summary: "A paper as Markdown",
  description: "Title, authors, dates, links and abstract. `GET /papers/{id}` with `Accept: text/markdown` answers the same.",
  request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "2407.21783" }) }) },
  responses: {
    200: { content: { "text/markdown": { schema: z.string() } }, description: "The paper." },
    404: { content: { "text/markdown": { schema: z.string() } }, description: "No such paper." },
  },
  "x-example": "/papers/2407.21783.md",
});

export function markdownRoutes(deps: { store: Store; feed: FeedService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const gzip = compress();
  app.get("/papers/:id{.+}", async (c, next) => {
    const raw = c.req.param("id");
    const suffixed = raw.endsWith(".md");
    if (!suffixed) {
      if (NOT_IDS.has(raw)) return next();
      c.header("Vary", "Accept", { append: true });
      if (accepts(c, { header: "Accept", supports: ["text/html", "text/markdown"], default: "text/html" }) !== "text/markdown") return next();
    }
    const id = suffixed ? raw.slice(0, -3) : raw;
    let body: string;
    let status: 200 | 404 = 200;
    try {
      body = paperMarkdown(await shownPaper(deps.store, deps.feed, id));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      [body, status] = [`# Not found\n\n${err.message}\n`, 404];
    }
    // Compressed here only: the pages this route passes on to are not its to change.
    await gzip(c, async () => {
      c.res = c.body(body, status, { "Content-Type": MARKDOWN });
    });
    return c.res;
  });
  return app;
}
