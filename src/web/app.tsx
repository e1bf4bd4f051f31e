// The web application: routes parse input, call the store or services, and render; errors map to pages here.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AccountsService } from "../accounts/accounts-service.js";
import { CommunityService } from "../community/community-service.js";
import { AuthError, ForbiddenError, RateLimitError } from "../domain/errors.js";
import { DomainError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Autosync, AutosyncStatus } from "../jobs/autosync.js";
import type { Logger } from "../logging/logger.js";
import { mountSearchApi } from "../api/search-route.js";
import { SearchService } from "../search/search-service.js";
import type { Store } from "../storage/store.js";
import { requestSecurity } from "./middleware/request-security.js";
import { sessionOf } from "./middleware/session.js";
import { DIRECT, type TransportOptions } from "./middleware/transport.js";
import { authRoutes } from "./routes/auth.js";
import { adminRoutes } from "./routes/admin.js";
import { communityRoutes } from "./routes/community.js";
import { userRoutes } from "./routes/users.js";
import { COMMUNITY_CSS } from "./static/community-css.js";
import { BASE_CSS } from "./static/base-css.js";
import { AuthRequiredPage } from "./views/auth-required.js";
import { FeedService } from "../feed/feed-service.js";
import { PaperIndexer, type FetchArxiv } from "../feed/paper-indexer.js";
import { FeedRepo } from "../storage/feed-repo.js";
import { pageRoutes } from "./routes/pages.js";
import { MessagePage } from "./views/message-page.js";

export interface WebDeps {
  store: Store;
  log: Logger;
  autosync?: Pick<Autosync, "status">;
  /** The search service (lexical-only over the store when not given, as in tests of the pages alone). */
  search?: SearchService;
  /** Accounts and sessions (over the store's database, 30-day sessions, when not given). */
  accounts?: AccountsService;
  /** Secure cookies and proxy trust (both off when not given). */
  transport?: Partial<TransportOptions>;
  /** Upvotes, comments, submissions and moderation (over the store, submitting only papers it holds, when not given). */
  community?: CommunityService;
  /** The feed's rules: today's day, periods, trending (UTC, rollover 17:00, half-life 48 h when not given). */
  feed?: FeedService;
  /** Fetches a paper from arXiv for "index this paper" (fetchArxivPaper bound to the store); without it the page only links to arXiv. */
  fetchArxiv?: FetchArxiv;
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

  const accounts = deps.accounts ?? AccountsService.over(deps.store.db);
  const transport: TransportOptions = { ...DIRECT, ...deps.transport };
  // Before any route: body cap, client address, session (c.var.viewer) and the CSRF check of state-changing requests.
  app.use("*", ...requestSecurity(accounts, transport));
  app.route("/", authRoutes({ accounts, transport }));
  // Before the paper page's catch-all: GET /papers/submit is not a paper id.
  const community = deps.community ?? new CommunityService(deps.store);
  app.route("/", communityRoutes({ community }));
  app.route("/", adminRoutes({ community }));
  app.route("/", userRoutes({ community }));

  const search = deps.search ?? new SearchService(deps.store);
  mountSearchApi(app, search);

  app.get("/healthz", async (c) => {
    const papers = await deps.store.countPapers();
    return c.json({ status: "ok", papers, storage: deps.store.capabilities.dialect, autosync: syncStatus().state });
  });

  app.get("/static/base.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(BASE_CSS + COMMUNITY_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  // The reading pages: feed, trending, search, organisations, paper pages (routes/pages.tsx).
  const feed = deps.feed ?? new FeedService(new FeedRepo(deps.store), deps.store, { rule: { timeZone: "UTC", rolloverHour: 17 } });
  const indexer = deps.fetchArxiv ? new PaperIndexer(deps.fetchArxiv) : null;
  app.route("/", pageRoutes({ store: deps.store, log: deps.log, feed, search, indexer, community, syncStatus }));

  app.notFound((c) => c.html(<MessagePage title="Not found" message="There is no page at this address." {...sessionOf(c)} />, 404));

  app.onError((err, c) => {
    if (err instanceof RateLimitError) c.header("Retry-After", String(err.retryAfterSeconds));
    // The JSON API answers errors as {"error": message}; pages answer with a page.
    if (c.req.path.startsWith("/api/")) {
      const status =
        err instanceof ValidationError ? 400
        : err instanceof AuthError ? 401
        : err instanceof ForbiddenError ? 403
        : err instanceof NotFoundError ? 404
        : err instanceof RateLimitError ? 429
        : 500;
      if (status === 500) deps.log.error({ err, path: c.req.path }, "request failed");
      return c.json({ error: status === 500 ? "internal error" : err.message }, status);
    }
    if (err instanceof ValidationError) return c.html(<MessagePage title="Bad request" message={err.message} {...sessionOf(c)} />, 400);
    if (err instanceof NotFoundError) return c.html(<MessagePage title="Not found" message={err.message} {...sessionOf(c)} />, 404);
    if (err instanceof AuthError) {
      const here = new URL(c.req.url);
      const next = c.req.method === "GET" ? here.pathname + here.search : "";
      return c.html(<AuthRequiredPage message={err.message} next={next} {...sessionOf(c)} />, 401);
    }
    if (err instanceof ForbiddenError) return c.html(<MessagePage title="Not allowed" message={err.message} />, 403);
    if (err instanceof RateLimitError) return c.html(<MessagePage title="Too many requests" message={err.message} />, 429);
    deps.log.error({ err, path: c.req.path }, "request failed");
    const message = err instanceof DomainError ? err.message : "Something went wrong on our side. Please try again.";
    return c.html(<MessagePage title="Server error" message={message} />, 500);
  });

  return app;
}
