// Who is asking: resolves the session cookie into `c.var.viewer` and gives every request the CSRF token its forms must carry.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Account } from "../../accounts/account.js";
import type { AccountsService } from "../../accounts/accounts-service.js";
import { isTokenShaped, newToken } from "../../accounts/session-token.js";
import type { AppEnv, Viewer } from "../context.js";
import { CSRF_COOKIE, SESSION_COOKIE, clearSessionCookie, setCsrfCookie, setSessionCookie } from "./cookies.js";
import type { TransportOptions } from "./transport.js";

export function toViewer(a: Account): Viewer {
  return { id: a.id, name: a.name, displayName: a.displayName ?? a.name, role: a.role };
}

/** The viewer and CSRF token of any context, including an untyped one such as the app's error handler (signed out before this middleware ran). */
export function sessionOf(c: Context): { viewer: Viewer | null; csrfToken: string } {
  const v = c.var as Partial<AppEnv["Variables"]>;
  return { viewer: v.viewer ?? null, csrfToken: v.csrfToken ?? "" };
}

/**
 * Signed in: the viewer and their session's CSRF token. Signed out: no
 * viewer, and the token of the `pb_csrf` cookie (set here on first visit),
 * so sign-in and sign-up forms are protected too.
 *
 * A request with an Authorization header is never authenticated by cookie:
 * such requests skip the CSRF check (a browser does not add that header to a
 * cross-site request), so a cookie must not be able to act for them.
 * Static assets are public and cacheable: they get no viewer and no cookie.
 */
export function sessionMiddleware(accounts: AccountsService, transport: TransportOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("viewer", null);
    c.set("csrfToken", "");
    if (c.req.path.startsWith("/static/") || c.req.header("Authorization") !== undefined) return next();

    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await accounts.resolveSession(token) : null;
    if (token && session) {
      c.set("viewer", toViewer(session.account));
      c.set("csrfToken", session.csrfToken);
      if (session.renewed) setSessionCookie(c, token, accounts.sessionMaxAgeSeconds, transport);
      return next();
    }
    if (token) clearSessionCookie(c, transport);
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!isTokenShaped(csrf)) {
      csrf = newToken();
      setCsrfCookie(c, csrf, transport);
    }
    c.set("csrfToken", csrf);
    return next();
  };
}
