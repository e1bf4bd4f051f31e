// Who an API request acts for and how fast it may go: a personal access token (Authorization: Bearer pb_…) or the session cookie; rate limits per token and per address.
//
// Only `pb_` tokens are Paperboard's: another bearer token (a Daily Papers
// client sending the token it keeps for the public hub) is ignored, so such
// clients read anonymously instead of failing. A request with an Authorization
// header is never signed in by its cookie (session.ts), so tokens and cookies
// never mix. Signed-in sessions count as having every scope.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AuthError, ForbiddenError } from "../domain/errors.js";
import type { AppEnv, Viewer } from "../web/context.js";
import { CSRF_COOKIE, SESSION_COOKIE } from "../web/middleware/cookies.js";
import { RateLimiter, addressKey, enforceRateLimit } from "../web/middleware/rate-limit.js";
import { SCOPES, TOKEN_PREFIX, type ApiTokensService, type Scope } from "./api-tokens-service.js";

export interface ApiAuth {
  via: "token" | "session";
  scopes: ReadonlySet<Scope>;
}

declare module "hono" {
  interface ContextVariableMap {
    /** Set by apiGate for authenticated API requests. */
    apiAuth?: ApiAuth;
  }
}

export interface ApiLimits {
  /** Requests a minute from one address without a token. */
  anonymousPerMinute: number;
  /** Requests a minute per token (and per signed-in session). */
  tokenPerMinute: number;
}

/**
 * Anonymous: 120 a minute lets a client page through a month of the feed in
 * seconds; a token gets 600, for scripts that sync. Counters are in-process
 * (rate-limit.ts), so several web processes each allow this much.
 */
export const DEFAULT_API_LIMITS: ApiLimits = { anonymousPerMinute: 120, tokenPerMinute: 600 };
const MINUTE = 60_000;
const EVERY_SCOPE: ReadonlySet<Scope> = new Set(SCOPES);
const NEEDS_AUTH = "Sign in, or send a personal access token: Authorization: Bearer pb_… (create one under Settings).";

function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

export function apiGate(tokens: ApiTokensService, limits: ApiLimits): MiddlewareHandler<AppEnv> {
  const byAddress = new RateLimiter(limits.anonymousPerMinute, MINUTE);
  const byActor = new RateLimiter(limits.tokenPerMinute, MINUTE);
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return next();
    const bearer = bearerOf(c.req.header("Authorization"));
    if (bearer?.startsWith(TOKEN_PREFIX)) {
      const found = await tokens.authenticate(bearer);
      if (!found) {
        // Failed attempts spend the address's budget, so guessing is as slow as anonymous reading.
        enforceRateLimit(c, byAddress, addressKey(c));
        throw new AuthError("The API token is not valid: it may have been revoked, or its account suspended.");
      }
      c.set("viewer", found.user);
      c.set("apiAuth", { via: "token", scopes: found.scopes });
      enforceRateLimit(c, byActor, `token:${found.tokenId}`);
    } else if (c.var.viewer) {
      c.set("apiAuth", { via: "session", scopes: EVERY_SCOPE });
      enforceRateLimit(c, byActor, `user:${c.var.viewer.id}`);
    } else {
      enforceRateLimit(c, byAddress, addressKey(c));
    }
    await next();
    if (!c.res.headers.has("Cache-Control") && c.req.method === "GET") c.res.headers.set("Cache-Control", "no-cache");
    dropCsrfCookie(c);
  };
}

/**
 * Runs before the CSRF check: a write to the API with neither a token nor a
 * session cookie can act for nobody, so it is told to authenticate (401)
 * rather than that its form expired (the CSRF check's 403).
 */
export function credentialsForWrites(): MiddlewareHandler {
  return async (c, next) => {
    const safe = c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS";
    if (!safe && c.req.header("Authorization") === undefined && getCookie(c, SESSION_COOKIE) === undefined) {
      throw new AuthError(NEEDS_AUTH);
    }
    await next();
  };
}

/** The session middleware gives signed-out visitors a CSRF cookie for forms; API answers have no forms and stay cookie-free. */
function dropCsrfCookie(c: Context): void {
  const cookies = c.res.headers.getSetCookie();
  if (!cookies.some((x) => x.startsWith(`${CSRF_COOKIE}=`))) return;
  c.res.headers.delete("Set-Cookie");
  for (const x of cookies) if (!x.startsWith(`${CSRF_COOKIE}=`)) c.res.headers.append("Set-Cookie", x);
}

/** The account acting on this request, which must hold `scope`: 401 without one, 403 for a token lacking the scope. */
export function actorWith(c: Context<AppEnv>, scope: Scope): Viewer {
  const viewer = c.var.viewer;
  if (!viewer) throw new AuthError(NEEDS_AUTH);
  const auth = c.get("apiAuth");
  if (auth && !auth.scopes.has(scope)) throw new ForbiddenError(`This token does not have the ${scope} scope; create one with it under Settings.`);
  return viewer;
}

/** How the request authenticated, for GET /api/me. */
export function authOf(c: Context<AppEnv>): ApiAuth {
  return c.get("apiAuth") ?? { via: "session", scopes: EVERY_SCOPE };
}
