// The settings page's API token actions: create (the answer shows the token once) and revoke.
import type { Context, Hono } from "hono";
import type { ApiTokensService, CreatedToken } from "../../api/api-tokens-service.js";
import type { Account } from "../../accounts/account.js";
import { AuthError, FieldError, ValidationError } from "../../domain/errors.js";
import type { AppEnv, Viewer } from "../context.js";
import { rateLimit } from "../middleware/rate-limit.js";
import type { ApiTokensSectionProps } from "../views/api-tokens-section.js";
import { SettingsPage } from "../views/auth-settings.js";
import type { AuthRouteDeps } from "./auth-support.js";

/** Tokens are made now and then; twenty in a quarter hour is already a script. */
const TOKENS_PER_USER = { limit: 20, windowMs: 15 * 60_000 };

/** The token section's data for the settings page, or undefined when the hub has no token service. */
export async function tokenSection(tokens: ApiTokensService | undefined, userId: string, extra: Partial<ApiTokensSectionProps> = {}) {
  return tokens ? { tokens: await tokens.list(userId), ...extra } : undefined;
}

export function mountTokenSettings(app: Hono<AppEnv>, deps: AuthRouteDeps): void {
  const tokens = deps.tokens;
  if (!tokens) return;
  const page = async (c: Context<AppEnv>, viewer: Viewer, account: Account, extra: Partial<ApiTokensSectionProps>, status: 200 | 400) => {
    c.header("Cache-Control", "no-store");
    const apiTokens = await tokenSection(tokens, viewer.id, extra);
    return c.html(<SettingsPage account={account} viewer={viewer} csrfToken={c.var.csrfToken} {...(apiTokens ? { apiTokens } : {})} />, status);
  };

  app.post("/settings/tokens", rateLimit({ bucket: "tokens", ...TOKENS_PER_USER }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) throw new AuthError("Sign in to manage your API tokens.");
    const body = await c.req.parseBody({ all: true });
    const name = typeof body.tokenName === "string" ? body.tokenName : "";
    const scopes = [body.scopes].flat().filter((s): s is string => typeof s === "string");
    const account = await deps.accounts.getAccount(viewer.id);
    let created: CreatedToken;
    try {
      created = await tokens.create(viewer.id, { name, scopes });
    } catch (err) {
      if (err instanceof FieldError) return page(c, viewer, account, { errors: { [err.field]: err.message }, typedName: name }, 400);
      if (err instanceof ValidationError) return page(c, viewer, account, { alert: err.message, typedName: name }, 400);
      throw err;
    }
    // Shown on this answer, not after a redirect: the secret must not sit in a URL or a later page.
    return page(c, viewer, account, { created: { token: created.token, name: created.info.name } }, 200);
  });

  app.post("/settings/tokens/:id/revoke", async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) throw new AuthError("Sign in to manage your API tokens.");
    await tokens.revoke(viewer.id, c.req.param("id"));
    return c.redirect("/settings?saved=token-revoked#tokens-heading", 303);
  });
}
