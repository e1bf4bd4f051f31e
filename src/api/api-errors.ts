// How the JSON API answers errors: {"error": message} with the status the domain error means, in one place.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { AuthError, ConfigError, ForbiddenError, NotFoundError, RateLimitError, SourceError, ValidationError } from "../domain/errors.js";
import type { Logger } from "../logging/logger.js";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503;

function statusOf(err: Error): ErrorStatus {
  if (err instanceof HTTPException) return ([400, 401, 403, 404, 409, 413, 415, 429, 502, 503] as const).find((s) => s === err.status) ?? 500;
  if (err instanceof ValidationError) return 400;
  if (err instanceof AuthError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof RateLimitError) return 429;
  if (err instanceof SourceError) return 502;
  // A feature this hub's operator has not configured (mail): not the caller's fault, nor a crash.
  if (err instanceof ConfigError) return 503;
  return 500;
}

/** The JSON error answer; server faults are logged with their detail and shown as "internal error". */
export function apiErrorResponse(err: Error, c: Context, log: Pick<Logger, "error">): Response {
  const status = statusOf(err);
  if (err instanceof RateLimitError) c.header("Retry-After", String(err.retryAfterSeconds));
  if (status === 401) c.header("WWW-Authenticate", 'Bearer realm="Paperboard"');
  if (status === 500) log.error({ err, path: c.req.path }, "API request failed");
  const message = status === 500 ? "internal error" : err instanceof SourceError ? "arXiv could not be reached just now; try again in a few minutes" : err.message;
  return c.json({ error: message || "request refused" }, status);
}

export function apiNotFound(c: Context): Response {
  return c.json({ error: `There is no API endpoint ${c.req.method} ${c.req.path}; see /api for the list.` }, 404);
}

/** A zod failure as one sentence: the schemas' own messages name their parameter; others get the parameter's name put first. */
export function validationMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const where = issue.path.join(".");
  return !where || issue.message.startsWith(String(issue.path[0])) ? issue.message : `${where}: ${issue.message}`;
}
