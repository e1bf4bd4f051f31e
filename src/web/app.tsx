// The web application: routes parse input, call the store or services, and render; errors map to pages here.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AccountsService } from "../accounts/accounts-service.js";
import { CommunityService } from "../community/community-service.js";
import { AuthError, ForbiddenError, RateLimitError } from "../domain/errors.js";
import { DomainError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Autosync, AutosyncStatus } from "../jobs/autosync.js";
import type { Logger } from "../logging/logger.js";
import { apiApp } from "../api/api-app.js";
import { credentialsForWrites, type ApiLimits } from "../api/api-auth.js";
import { apiErrorResponse, apiNotFound } from "../api/api-errors.js";
import { ApiTokensService } from "../api/api-tokens-service.js";
import { markdownRoutes } from "../api/markdown-route.js";
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
import { PERSONAL_CSS } from "./static/personal-css.js";
import { AuthRequiredPage } from "./views/auth-required.js";
import { FeedService } from "../feed/feed-service.js";
import { PaperIndexer, type FetchArxiv } from "../feed/paper-indexer.js";
import { FeedRepo } from "../storage/feed-repo.js";
import { pageRoutes } from "./routes/pages.js";
import { ListingService } from "../export/listings.js";
import { mcpHttpHandler } from "../mcp/mcp-http.js";
import { exportRoutes } from "./routes/exports.js";
import { feedRoutes } from "./routes/feeds.js";
import { MessagePage } from "./views/message-page.js";
import { createPersonalServices, type PersonalServices } from "../personal/personal-services.js";
import { collectionRoutes } from "./routes/collections.js";
import { forYouRoutes } from "./routes/for-you.js";
import { oneClickUnsubscribe, subscriptionRoutes, type SubscriptionRouteDeps } from "./routes/subscriptions.js";

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
  /** Personal access tokens of the JSON API (over the store's database when not given). */
  tokens?: ApiTokensService;
  /** JSON API rate limits (src/api/api-auth.ts defaults when not given) and the clock of its trending order. */
  api?: { limits?: Partial<ApiLimits>; clock?: () => Date };
  /** Base URL of absolute links in feeds and MCP results (config publicUrl); the request's origin when not given. */
  publicUrl?: string | undefined;
  /** Mail subscriptions and the time zone new ones start in; without them no subscribe forms or subscription pages. */
  subscriptions?: SubscriptionRouteDeps;
  /** The personal feed, collections and start page (over the store and feed, ranking by words alone, when not given). */
  personal?: PersonalServices;
}

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  const syncStatus = (): AutosyncStatus => deps.autosync?.status() ?? { state: "off" };

  // A base URL given with a trailing slash (HfApi(endpoint="http://host:3000/")) makes clients ask for
  // //api/...: send them to the one path that exists, keeping the method (308).
  app.use("*", async (c, next) => {
    const path = c.req.path;
    if (!path.startsWith("//")) return next();
    const url = new URL(c.req.url);
    return c.redirect(`${path.replace(/^\/+/, "/")}${url.search}`, 308);
  });

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
  // MCP clients post JSON-RPC with neither session nor CSRF token: /mcp answers before the request security below (its tools only read).
  app.all("/mcp", (c) => mcp(c.req.raw));
  // An API write with no credentials at all is answered 401 before the CSRF check could call it a stale form.
  app.use("/api/*", credentialsForWrites());
  // RFC 8058 one-click unsubscribe: mail providers post it with neither session nor CSRF token; the token in its URL is its authority.
  if (deps.subscriptions) app.route("/", oneClickUnsubscribe(deps.subscriptions));
  // Before any route: body cap, client address, session (c.var.viewer) and the CSRF check of state-changing requests.
  app.use("*", ...requestSecurity(accounts, transport));
  const tokens = deps.tokens ?? ApiTokensService.over(deps.store.db);
  app.route("/", authRoutes({ accounts, transport, tokens }));
  // Before the paper page's catch-all: GET /papers/submit is not a paper id.
  const community = deps.community ?? new CommunityService(deps.store);
  app.route("/", communityRoutes({ community }));
  app.route("/", adminRoutes({ community }));
  app.route("/", userRoutes({ community }));
  if (deps.subscriptions) app.route("/", subscriptionRoutes(deps.subscriptions));

  const search = deps.search ?? new SearchService(deps.store);

  app.get("/healthz", async (c) => {
    const papers = await deps.store.countPapers();
    return c.json({ status: "ok", papers, storage: deps.store.capabilities.dialect, autosync: syncStatus().state });
  });

  app.get("/static/base.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(BASE_CSS + COMMUNITY_CSS + PERSONAL_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  // The reading pages: feed, trending, search, organisations, paper pages (routes/pages.tsx).
  const feed = deps.feed ?? new FeedService(new FeedRepo(deps.store), deps.store, { rule: { timeZone: "UTC", rolloverHour: 17 } });
  const indexer = deps.fetchArxiv ? new PaperIndexer(deps.fetchArxiv) : null;
  // The JSON API (src/api) and papers as Markdown (/papers/{id}.md), before the paper page's catch-all.
  app.route("/", apiApp({ store: deps.store, log: deps.log, feed, search, community, tokens, indexer, limits: deps.api?.limits, clock: deps.api?.clock, publicUrl: deps.publicUrl, subscriptions: deps.subscriptions }));
  app.route("/", markdownRoutes({ store: deps.store, feed }));
  // Feeds and citation exports of lists and papers, and the admin download: before the paper page's catch-all (/papers/{id}.bib).
  const listings = new ListingService({ feed, search, community, store: deps.store });
  app.route("/", feedRoutes({ listings, publicUrl: deps.publicUrl }));
  app.route("/", exportRoutes({ listings, store: deps.store }));
  const mcp = mcpHttpHandler({ listings, search, feed, publicUrl: deps.publicUrl, log: deps.log });
  // For you, the start page and collections: before the paper page's catch-all (GET /papers/for-you is not a paper id).
  const personal = deps.personal ?? createPersonalServices({ store: deps.store, feed, rule: { timeZone: "UTC", rolloverHour: 17 } });
  app.route("/", forYouRoutes({ personal }));
  app.route("/", collectionRoutes({ collections: personal.collections, publicUrl: deps.publicUrl }));
  app.route("/", pageRoutes({ store: deps.store, log: deps.log, feed, search, indexer, community, syncStatus, mailEnabled: deps.subscriptions?.subscriptions.mailEnabled, collections: personal.collections }));

  app.notFound((c) => c.req.path.startsWith("/api/") ? apiNotFound(c) : c.html(<MessagePage title="Not found" message="There is no page at this address." {...sessionOf(c)} />, 404));

  app.onError((err, c) => {
    if (err instanceof RateLimitError) c.header("Retry-After", String(err.retryAfterSeconds));
    // The JSON API answers errors as {"error": message}; pages answer with a page.
    if (c.req.path.startsWith("/api/")) return apiErrorResponse(err, c, deps.log);
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
