// The two cookies of the hub: `pb_session` (a signed-in session) and `pb_csrf` (the double-submit token of a signed-out visitor).
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { isHttps, type TransportOptions } from "./transport.js";

export const SESSION_COOKIE = "pb_session";
export const CSRF_COOKIE = "pb_csrf";
/** A signed-out visitor's CSRF cookie outlives a browsing session, so a sign-in form left open overnight still posts. */
const CSRF_MAX_AGE = 7 * 86_400;

/**
 * HttpOnly: scripts never read them (forms get the CSRF token from the page).
 * SameSite=Lax: other sites' forms and fetches do not carry them.
 */
function base(c: Context, opts: TransportOptions) {
  return { path: "/", httpOnly: true, sameSite: "Lax", secure: opts.secureCookies || isHttps(c, opts) } as const;
}

/** `maxAgeSeconds` is the session's sliding lifetime: sent again whenever the server extends the session. */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, opts: TransportOptions): void {
  setCookie(c, SESSION_COOKIE, token, { ...base(c, opts), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, opts: TransportOptions): void {
  deleteCookie(c, SESSION_COOKIE, base(c, opts));
}

export function setCsrfCookie(c: Context, token: string, opts: TransportOptions): void {
  setCookie(c, CSRF_COOKIE, token, { ...base(c, opts), maxAge: CSRF_MAX_AGE });
}
