// The web application: routes parse input, call the store or services, and render; errors map to pages here.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { DomainError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Autosync, AutosyncStatus } from "../jobs/autosync.js";
import type { Logger } from "../logging/logger.js";
import { mountSearchApi } from "../api/search-route.js";
import { SearchService } from "../search/search-service.js";
import type { Store } from "../storage/store.js";
import { BASE_CSS } from "./static/base-css.js";
import { PaperListPage } from "./views/paper-list.js";
import { MessagePage, PaperPage } from "./views/paper-page.js";

export interface WebDeps {
  store: Store;
  log: Logger;
  autosync?: Pick<Autosync, "status">;
  /** The search service (lexical-only over the store when not given, as in tests of the pages alone). */
  search?: SearchService;
}

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  const syncStatus = (): AutosyncStatus => deps.autosync?.status() ?? { state: "off" };

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "https:", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  );

  const search = deps.search ?? new SearchService(deps.store);
  mountSearchApi(app, search);

  app.get("/healthz", async (c) => {
    const papers = await deps.store.countPapers();
    return c.json({ status: "ok", papers, storage: deps.store.capabilities.dialect, autosync: syncStatus().state });
  });

  app.get("/static/base.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(BASE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get("/", async (c) => {
    const cursor = c.req.query("cursor");
    const [page, total] = await Promise.all([
      deps.store.listPapers({ limit: 50, ...(cursor ? { cursor } : {}) }),
      deps.store.countPapers(),
    ]);
    return c.html(<PaperListPage papers={page.papers} total={total} nextCursor={page.nextCursor} sync={syncStatus()} />);
  });

  // Ids may contain a slash (old-style arXiv ids such as hep-th/9901001).
  app.get("/papers/:id{.+}", async (c) => {
    const id = c.req.param("id");
    const paper = await deps.store.getPaper(id);
    if (!paper) throw new NotFoundError(`No paper with id ${id} in this hub.`);
    // Similar papers are a courtesy: a failure there must not cost the reader the page.
    const similar = await search.similarTo(paper, { limit: 5 }).catch((err: unknown) => {
      deps.log.warn({ err, id }, "similar papers failed");
      return [];
    });
    return c.html(<PaperPage paper={paper} similar={similar.map((r) => r.paper)} />);
  });

  app.notFound((c) => c.html(<MessagePage title="Not found" message="There is no page at this address." />, 404));

  app.onError((err, c) => {
    // The JSON API answers errors as {"error": message}; pages answer with a page.
    if (c.req.path.startsWith("/api/")) {
      const status = err instanceof ValidationError ? 400 : err instanceof NotFoundError ? 404 : 500;
      if (status === 500) deps.log.error({ err, path: c.req.path }, "request failed");
      return c.json({ error: status === 500 ? "internal error" : err.message }, status);
    }
    if (err instanceof ValidationError) return c.html(<MessagePage title="Bad request" message={err.message} />, 400);
    if (err instanceof NotFoundError) return c.html(<MessagePage title="Not found" message={err.message} />, 404);
    deps.log.error({ err, path: c.req.path }, "request failed");
    const message = err instanceof DomainError ? err.message : "Something went wrong on our side. Please try again.";
    return c.html(<MessagePage title="Server error" message={message} />, 500);
  });

  return app;
}
