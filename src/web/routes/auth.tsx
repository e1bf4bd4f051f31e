// Sign-up, sign-in and sign-out pages, rate-limited per client address and (sign-in) per account name.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { AuthError, FieldError, ForbiddenError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { SESSION_COOKIE, clearSessionCookie } from "../middleware/cookies.js";
import { RateLimiter, addressKey, enforceRateLimit, rateLimit } from "../middleware/rate-limit.js";
import { SignInPage } from "../views/auth-signin.js";
import { SignUpPage } from "../views/auth-signup.js";
import { mountSettings } from "./auth-settings.js";
import { beginSession, readForm, safeNext, type AuthRouteDeps } from "./auth-support.js";

const MINUTE = 60_000;
/**
 * Sign-in: 30 tries per 15 minutes from one address (a lab behind one NAT
 * signs in together) and 10 per 15 minutes at one account name, whoever
 * tries; the account lockout (accounts/lockout.ts) sits behind both.
 */
const SIGN_IN_PER_ADDRESS = { limit: 30, windowMs: 15 * MINUTE };
const SIGN_IN_PER_NAME = { limit: 10, windowMs: 15 * MINUTE };
/** Sign-up: 5 accounts an hour from one address is plenty for people and little for a spam script. */
const SIGN_UP_PER_ADDRESS = { limit: 5, windowMs: 60 * MINUTE };

export function authRoutes(deps: AuthRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const perName = new RateLimiter(SIGN_IN_PER_NAME.limit, SIGN_IN_PER_NAME.windowMs);

  app.get("/signup", (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.var.viewer) return c.redirect(next, 303);
    return c.html(<SignUpPage csrfToken={c.var.csrfToken} viewer={null} next={next} />);
  });

  app.post("/signup", rateLimit({ bucket: "signup", ...SIGN_UP_PER_ADDRESS, key: addressKey }), async (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.var.viewer) return c.redirect(next, 303);
    const f = await readForm(c);
    const values = { name: f("name"), email: f("email"), displayName: f("displayName") };
    try {
      const account = await deps.accounts.signUp({ ...values, password: f("password") });
      await beginSession(c, deps, account.id);
      return c.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return c.html(<SignUpPage csrfToken={c.var.csrfToken} viewer={null} next={next} values={values} errors={{ [err.field]: err.message }} />, 400);
    }
  });

  app.get("/signin", (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.var.viewer) return c.redirect(next, 303);
    return c.html(<SignInPage csrfToken={c.var.csrfToken} viewer={null} next={next} />);
  });

  app.post("/signin", rateLimit({ bucket: "signin", ...SIGN_IN_PER_ADDRESS, key: addressKey }), async (c) => {
    const next = safeNext(c.req.query("next"));
    const f = await readForm(c);
    const login = f("login").trim();
    enforceRateLimit(c, perName, login.toLowerCase().slice(0, 254));
    try {
      const account = await deps.accounts.signIn(login, f("password"));
      await beginSession(c, deps, account.id);
      return c.redirect(next, 303);
    } catch (err) {
      // Wrong credentials and bans are answered on the form itself.
      if (!(err instanceof AuthError) && !(err instanceof ForbiddenError)) throw err;
      const page = <SignInPage csrfToken={c.var.csrfToken} viewer={null} next={next} login={login} alert={err.message} />;
      return c.html(page, err instanceof AuthError ? 401 : 403);
    }
  });

  app.post("/signout", async (c) => {
    await deps.accounts.endSession(getCookie(c, SESSION_COOKIE));
    clearSessionCookie(c, deps.transport);
    return c.redirect("/", 303);
  });

  mountSettings(app, deps);
  return app;
}
