// The settings page: profile, email, password and account deletion, each a form posting back here (redirect after success).
import type { Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { AuthError, FieldError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { SESSION_COOKIE, clearSessionCookie } from "../middleware/cookies.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { SettingsPage, type SettingsForm } from "../views/auth-settings.js";
import { MessagePage } from "../views/message-page.js";
import { mountTokenSettings, tokenSection } from "./api-token-settings.js";
import { readForm, type AuthRouteDeps } from "./auth-support.js";

const FORMS: readonly SettingsForm[] = ["profile", "email", "password", "delete"];
/** Password checks here do not count towards the lockout, so a stolen session cannot guess the password quickly either. */
const SETTINGS_PER_USER = { limit: 20, windowMs: 15 * 60_000 };

/** Settings show the email address: no cache may keep them. */
function noStore(c: Context): void {
  c.header("Cache-Control", "no-store");
}

export function mountSettings(app: Hono<AppEnv>, deps: AuthRouteDeps): void {
  app.get("/settings", async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return c.redirect("/signin?next=%2Fsettings", 303);
    const saved = FORMS.find((f) => f === c.req.query("saved"));
    noStore(c);
    const account = await deps.accounts.getAccount(viewer.id);
    const apiTokens = await tokenSection(deps.tokens, viewer.id, { revoked: c.req.query("saved") === "token-revoked" });
    return c.html(<SettingsPage account={account} viewer={viewer} csrfToken={c.var.csrfToken} {...(saved ? { saved } : {})} {...(apiTokens ? { apiTokens } : {})} />);
  });

  app.post("/settings", rateLimit({ bucket: "settings", ...SETTINGS_PER_USER }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) throw new AuthError("Sign in to change your settings.");
    const f = await readForm(c);
    const intent = FORMS.find((x) => x === f("intent"));
    if (!intent) throw new FieldError("intent", "Unknown settings form.");
    const s = deps.accounts;
    noStore(c);
    try {
      if (intent === "profile") await s.updateProfile(viewer.id, { displayName: f("displayName"), orgName: f("orgName") });
      if (intent === "email") await s.changeEmail(viewer.id, f("email"), f("currentPassword"));
      if (intent === "password") {
        if (f("newPassword") !== f("confirmPassword")) throw new FieldError("confirmPassword", "The two new passwords differ.");
        await s.changePassword(viewer.id, f("currentPassword"), f("newPassword"), getCookie(c, SESSION_COOKIE));
      }
      if (intent === "delete") {
        await s.deleteAccount(viewer.id, f("currentPassword"));
        clearSessionCookie(c, deps.transport);
        return c.html(<MessagePage title="Account deleted" message="Your account and your data are deleted. Thank you for reading with us." />);
      }
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      const values = { displayName: f("displayName"), orgName: f("orgName"), email: f("email") };
      const account = await s.getAccount(viewer.id);
      const failed = { form: intent, errors: { [err.field]: err.message }, values };
      const apiTokens = await tokenSection(deps.tokens, viewer.id);
      return c.html(<SettingsPage account={account} viewer={viewer} csrfToken={c.var.csrfToken} failed={failed} {...(apiTokens ? { apiTokens } : {})} />, 400);
    }
    return c.redirect(`/settings?saved=${intent}`, 303);
  });

  mountTokenSettings(app, deps);
}
