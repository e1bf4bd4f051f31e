// Refuses state-changing requests that do not carry the request's CSRF token (form field `_csrf` or header X-CSRF-Token).
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { ForbiddenError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
export const CSRF_REFUSED = "This form has expired or did not come from this site. Go back, reload the page and try again.";

function sameToken(sent: string | undefined, expected: string): boolean {
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token in the form body, for the form encodings a browser can send cross-site without asking. */
async function formToken(c: Context): Promise<string | undefined> {
  const type = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return undefined;
  // parseBody caches the parsed form, so the route reads it again for free.
  const value = (await c.req.parseBody())[CSRF_FIELD];
  return typeof value === "string" ? value : undefined;
}

/**
 * Runs after the session middleware, which sets `c.var.csrfToken`. Requests
 * with an Authorization header are exempt: they are not authenticated by
 * cookie (see session.ts), so a forged one carries no one's authority.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.header("Authorization") !== undefined) return next();
    const sent = c.req.header(CSRF_HEADER) ?? (await formToken(c));
    if (!sameToken(sent, c.var.csrfToken)) throw new ForbiddenError(CSRF_REFUSED);
    return next();
  };
}
