// The JSON API as one sub-application: its middleware (CORS, compression, ETag, auth and rate limits), routes, documents and error answers.
//
// Mounted by the web app after its request-security middleware (body cap,
// client address, session, CSRF), so every /api request arrives with its
// session resolved and, for cookie-authenticated writes, its CSRF token checked.
import { OpenAPIHono } from "@hono/zod-openapi";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import type { CommunityService } from "../community/community-service.js";
import type { FeedService } from "../feed/feed-service.js";
import type { PaperIndexer } from "../feed/paper-indexer.js";
import type { Logger } from "../logging/logger.js";
import type { SearchService } from "../search/search-service.js";
import { DailyPapersRepo } from "../storage/daily-papers-repo.js";
import { FeedRepo } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";
import type { AppEnv } from "../web/context.js";
import { DEFAULT_API_LIMITS, apiGate, type ApiLimits } from "./api-auth.js";
import { apiErrorResponse, validationMessage } from "./api-errors.js";
import type { ApiTokensService } from "./api-tokens-service.js";
import { mountCommunityApi } from "./community-api-routes.js";
import { mountSubscriptionsApi, type SubscriptionsApiDeps } from "./subscriptions-api-routes.js";
import { mountDailyPapers } from "./daily-papers-route.js";
import { DailyPapersService } from "./daily-papers-service.js";
import { mountDocs } from "./docs-routes.js";
import { mountPapers } from "./papers-routes.js";
import { mountSearchApi } from "./search-route.js";

export interface ApiDeps {
  store: Store;
  log: Logger;
  feed: FeedService;
  search: SearchService;
  community: CommunityService;
  tokens: ApiTokensService;
  indexer: PaperIndexer | null;
  limits?: Partial<ApiLimits> | undefined;
  /** Base of absolute links (the Link header, the API page's examples); the request's origin when not given. */
  publicUrl?: string | undefined;
  /** Mail subscriptions (absent: no /api/subscriptions). */
  subscriptions?: SubscriptionsApiDeps | undefined;
  /** For the trending order of filtered lists (default: the system clock). */
  clock?: (() => Date) | undefined;
}

/** Headers a browser script may read from a cross-origin answer. */
const EXPOSED = ["Link", "ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Search-Notes"];

export function apiApp(deps: ApiDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => (result.success ? undefined : c.json({ error: validationMessage(result.error) }, 400)),
  });
  // Any site may read the API, never with the visitor's cookies: GETs only (writes need a token, which a browser cannot send cross-site without a preflight this refuses).
  api.use(
    "/api/*",
    cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], allowHeaders: ["Authorization", "If-None-Match"], exposeHeaders: EXPOSED, maxAge: 86_400 }),
  );
  api.use("/api/*", compress());
  api.use("/api/*", etag({ weak: true, retainedHeaders: [...RETAINED_304_HEADERS, "access-control-allow-origin", "access-control-expose-headers"] }));
  api.use("/api/*", apiGate(deps.tokens, { ...DEFAULT_API_LIMITS, ...deps.limits }));
  api.onError((err, c) => apiErrorResponse(err, c, deps.log));

  const feedRepo = new FeedRepo(deps.store);
  const daily = new DailyPapersService(new DailyPapersRepo(deps.store.db), feedRepo, deps.feed, deps.clock);
  mountDailyPapers(api, daily);
  // Before /api/papers/{id}, which would take "search" for an id.
  mountSearchApi(api, deps.search, deps.feed);
  mountPapers(api, deps);
  mountCommunityApi(api, deps);
  if (deps.subscriptions) mountSubscriptionsApi(api, deps.subscriptions);
  mountDocs(api, deps.publicUrl);
  return api;
}
