// Pieces every API route description shares: JSON bodies, the error answers, the security requirements.
import type { z } from "@hono/zod-openapi";
import { ErrorSchema } from "./schemas.js";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { "application/json": { schema } }, description });

const ERRORS = {
  400: "A parameter or the body is invalid; `error` says which and why.",
  401: "Needs a signed-in session or an API token, or the token sent is not valid.",
  403: "The token lacks the scope, or the account may not do this.",
  404: "No such paper (or it is hidden).",
  409: "The paper is on the feed already.",
  429: "Too many requests; wait Retry-After seconds.",
  502: "arXiv could not be reached.",
  503: "The hub is not set up for this (e.g. mail for subscriptions).",
} as const;

/** The error answers a route may give, each a JSON {"error": message}. */
export function errors<C extends keyof typeof ERRORS>(...codes: C[]): Record<C, ReturnType<typeof json<typeof ErrorSchema>>> {
  return Object.fromEntries(codes.map((c) => [c, json(ErrorSchema, ERRORS[c])])) as Record<C, ReturnType<typeof json<typeof ErrorSchema>>>;
}

/** Writes take a token with the write scope, or the session cookie with the page's CSRF token in X-CSRF-Token. */
export const WRITE_SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
