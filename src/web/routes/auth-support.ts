// What the account routes share: reading a posted form, the safe `next` redirect, and starting a session with its cookie.
import type { Context } from "hono";
import type { AccountsService } from "../../accounts/accounts-service.js";
import type { ApiTokensService } from "../../api/api-tokens-service.js";
import { setSessionCookie } from "../middleware/cookies.js";
import type { TransportOptions } from "../middleware/transport.js";

export interface AuthRouteDeps {
  accounts: AccountsService;
  transport: TransportOptions;
  /** API tokens, listed and managed on the settings page (the section is left out without it). */
  tokens?: ApiTokensService;
}

/** The posted form as strings (files and missing fields read as ""). */
export async function readForm(c: Context): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const v = body[name];
    return typeof v === "string" ? v : "";
  };
}

const BASE = "http://paperboard.invalid";

/**
 * A local path to go to after signing in, or "/". Only same-origin paths
 * pass: `//evil.example`, `/\evil.example` (browsers read both as another
 * host), absolute URLs and control characters fall back, so the sign-in
 * page cannot be used to bounce a visitor to another site.
 */
export function safeNext(raw: string | undefined): string {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || /^\/[/\\]/.test(raw) || /[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  // Going back to a form that signs in or out would undo what was just done.
  if (["/signin", "/signup", "/signout"].includes(url.pathname)) return "/";
  return url.pathname + url.search + url.hash;
}

export async function beginSession(c: Context, deps: AuthRouteDeps, userId: string): Promise<void> {
  const s = await deps.accounts.startSession(userId);
  setSessionCookie(c, s.token, deps.accounts.sessionMaxAgeSeconds, deps.transport);
}
