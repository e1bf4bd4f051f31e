// Accounts and security through the whole web app: sign-up/in/out, CSRF, lockout, rate limits, settings, deletion, bans, redirects, headers.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccountsService } from "../../accounts/accounts-service.js";
import { createLogger } from "../../logging/logger.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import type { Store } from "../../storage/store.js";
import { createWebApp, type WebDeps } from "../app.js";
import { setRateLimitClock } from "../middleware/rate-limit.js";
import { WebClient } from "../test-support/web-client.js";

const backend = sqliteBackend();
const log = createLogger({ level: "silent", format: "json" });
const PASSWORD = "correct-horse-staple";
let store: Store;
let now = 0;

beforeEach(async () => {
  store = await backend.open();
  now = Date.now();
  setRateLimitClock(() => now);
});
afterEach(async () => {
  setRateLimitClock();
  await store.close();
});
afterAll(() => backend.cleanup());

function hub(over: Partial<WebDeps> = {}) {
  // A cheap scrypt cost keeps the many sign-ins here fast; the cost itself is tested in password.test.ts.
  const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
  return createWebApp({ store, log, accounts, ...over });
}

const cookieLine = (res: Response, name: string) => res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
const userCount = async () => (await store.db.selectFrom("users").select("id").execute()).length;

describe("sign-up, sign-in and sign-out", () => {
  it("signs up, sets an HttpOnly SameSite session cookie, and shows the signed-in header", async () => {
    const b = new WebClient(hub());
    const form = await b.get("/signup");
    expect(form.status).toBe(200);
    // A signed-out visitor gets the double-submit CSRF cookie, and the form carries the same token.
    expect(cookieLine(form, "pb_csrf")).toMatch(/HttpOnly/);
    expect(b.cookies.get("pb_csrf")).toBe(b.csrf);
    const html = await form.text();
    expect(html).toMatch(/<label for="signup-name">User name<\/label>/);
    expect(html).toContain('autocomplete="new-password"');

    const res = await b.post("/signup", { name: "Ada", email: "ada@example.org", password: PASSWORD, displayName: "Ada Lovelace" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const session = cookieLine(res, "pb_session")!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(/Max-Age=2592000/);
    expect(session).not.toMatch(/Secure/);

    const settings = await (await b.get("/settings")).text();
    expect(settings).toContain('href="/u/ada">Ada Lovelace</a>');
    expect(settings).toMatch(/<form class="signout" method="post" action="\/signout"><input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    // The session has its own CSRF token, not the signed-out cookie's.
    expect(b.csrf).not.toBe(b.cookies.get("pb_csrf"));
  });

  it("re-shows the sign-up form with the error tied to its field", async () => {
    const b = new WebClient(hub());
    await b.signUp("ada");
    const other = new WebClient(hub());
    await other.refreshCsrf();
    const res = await other.post("/signup", { name: "ADA", email: "x@example.org", password: PASSWORD });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('aria-describedby="signup-name-hint signup-name-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<p id="signup-name-error" class="field-error">This user name is taken/);
    expect(html).toContain('value="x@example.org"');
    expect(html).not.toContain(PASSWORD);
  });

  it("marks cookies Secure over HTTPS, behind a trusted proxy, or when forced", async () => {
    const secureOf = async (app: ReturnType<typeof hub>, origin: string, headers: Record<string, string> = {}) =>
      /;\s*Secure/i.test(cookieLine(await new WebClient(app, origin, headers).get("/signin"), "pb_csrf") ?? "");
    expect(await secureOf(hub(), "https://hub.example")).toBe(true);
    expect(await secureOf(hub(), "http://hub.example", { "X-Forwarded-Proto": "https" })).toBe(false);
    expect(await secureOf(hub({ transport: { trustProxy: true } }), "http://hub.example", { "X-Forwarded-Proto": "https" })).toBe(true);
    expect(await secureOf(hub({ transport: { secureCookies: true } }), "http://hub.example")).toBe(true);
  });

  it("signs in by name or email, then signs out: the old cookie no longer works", async () => {
    const app = hub();
    await new WebClient(app).signUp("ada");
    const b = new WebClient(app);
    const res = await b.signIn("ada@example.org", PASSWORD);
    expect(res.status).toBe(303);
    const token = b.cookies.get("pb_session")!;
    expect((await b.get("/settings")).status).toBe(200);

    const out = await b.post("/signout", {});
    expect(out.status).toBe(303);
    expect(cookieLine(out, "pb_session")).toMatch(/Max-Age=0/);
    expect(b.cookies.has("pb_session")).toBe(false);
    const replay = await app.request("/settings", { headers: { Cookie: `pb_session=${token}` } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/signin?next=%2Fsettings");
  });

  it("answers a wrong password generically and locks the account after five failures", async () => {
    const app = hub();
    await new WebClient(app).signUp("ada");
    const b = new WebClient(app);
    await b.refreshCsrf();
    const attempt = async (password: string) => {
      const res = await b.post("/signin", { login: "ada", password });
      return { status: res.status, text: await res.text() };
    };
    const first = await attempt("wrong-password-1");
    expect(first.status).toBe(401);
    expect(first.text).toContain("Wrong user name, email or password.");
    expect(first.text).toContain('role="alert"');
    expect(first.text).toContain('value="ada"');
    const unknown = await b.post("/signin", { login: "nobody", password: "whatever-pass" });
    expect(await unknown.text()).toContain("Wrong user name, email or password.");
    for (let i = 2; i <= 4; i++) expect((await attempt(`wrong-password-${i}`)).text).not.toContain("try again later");
    expect((await attempt("wrong-password-5")).text).toContain("Too many failed attempts: try again later.");
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.text).toContain("try again later");
    expect(b.cookies.has("pb_session")).toBe(false);
  });

  it("refuses a banned user at sign-in and treats their open session as signed out", async () => {
    const app = hub();
    const b = new WebClient(app);
    await b.signUp("ada");
    await store.db.updateTable("users").set({ banned_at: new Date().toISOString() }).where("name", "=", "ada").execute();
    const res = await b.get("/settings");
    expect(res.status).toBe(303);
    expect(cookieLine(res, "pb_session")).toMatch(/Max-Age=0/);
    const again = await new WebClient(app).signIn("ada", PASSWORD);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("This account is suspended.");
  });
});

describe("CSRF", () => {
  it("refuses a form without the token, or with another session's token, with a friendly 403 page", async () => {
    const app = hub();
    const b = new WebClient(app);
    await b.signUp("ada");
    const missing = await b.post("/settings", { intent: "profile", displayName: "Evil" }, { csrf: false });
    expect(missing.status).toBe(403);
    const page = await missing.text();
    expect(page).toContain("This form has expired or did not come from this site.");
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    const mallory = new WebClient(app);
    await mallory.signUp("mallory");
    expect((await b.post("/settings", { _csrf: mallory.csrf, intent: "profile", displayName: "Evil" })).status).toBe(403);
    // A signed-out visitor's forms are protected too.
    const anon = new WebClient(app);
    expect((await anon.post("/signin", { login: "ada", password: PASSWORD }, { csrf: false })).status).toBe(403);
    expect((await anon.post("/signup", { _csrf: "A".repeat(43), name: "eve", email: "eve@example.org", password: PASSWORD })).status).toBe(403);
    expect(await userCount()).toBe(2);
    const settings = await (await b.get("/settings")).text();
    expect(settings).not.toContain("Evil");
  });

  it("accepts the token in the form or the X-CSRF-Token header", async () => {
    const b = new WebClient(hub());
    await b.signUp("ada");
    expect((await b.post("/settings", { intent: "profile", displayName: "Ada L", orgName: "" })).status).toBe(303);
    const viaHeader = await b.post("/settings", { intent: "profile", displayName: "Ada H", orgName: "" }, { csrf: false, headers: { "X-CSRF-Token": b.csrf } });
    expect(viaHeader.status).toBe(303);
    expect(await (await b.get("/settings")).text()).toContain('value="Ada H"');
  });

  it("does not authenticate by cookie a request that carries an Authorization header", async () => {
    const b = new WebClient(hub());
    await b.signUp("ada");
    const res = await b.post("/settings", { intent: "profile", displayName: "Evil" }, { csrf: false, headers: { Authorization: "Bearer not-a-token" } });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Sign in to change your settings.");
  });
});

describe("settings", () => {
  it("saves the profile, refuses an email change with a wrong password, and changes the password", async () => {
    const app = hub();
    const b = new WebClient(app);
    await b.signUp("ada");
    const saved = await b.post("/settings", { intent: "profile", displayName: "Countess", orgName: "analytical-engines" });
    expect(saved.headers.get("location")).toBe("/settings?saved=profile");
    const page = await b.get("/settings?saved=profile");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('role="status">Your profile is saved.');
    expect(html).toContain('value="analytical-engines"');

    const bad = await b.post("/settings", { intent: "email", email: "new@example.org", currentPassword: "not-my-password" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="email-currentPassword-error" class="field-error">The current password is not right/);

    const differ = await b.post("/settings", { intent: "password", currentPassword: PASSWORD, newPassword: "brand-new-pass", confirmPassword: "brand-new-typo" });
    expect(await differ.text()).toContain("The two new passwords differ.");
    expect((await b.post("/settings", { intent: "password", currentPassword: PASSWORD, newPassword: "brand-new-pass", confirmPassword: "brand-new-pass" })).status).toBe(303);
    expect((await b.get("/settings")).status).toBe(200);
    expect((await new WebClient(app).signIn("ada", PASSWORD)).status).toBe(401);
    expect((await new WebClient(app).signIn("ada", "brand-new-pass")).status).toBe(303);
  });

  it("sends a signed-out visitor to sign in and back", async () => {
    const b = new WebClient(hub());
    const res = await b.get("/settings");
    expect(res.headers.get("location")).toBe("/signin?next=%2Fsettings");
    await b.signUp("ada");
    await b.post("/signout", {});
    await b.refreshCsrf();
    const back = await b.post("/signin?next=%2Fsettings", { login: "ada", password: PASSWORD });
    expect(back.headers.get("location")).toBe("/settings");
  });

  it("deletes the account with its sessions and data after the password is confirmed", async () => {
    const app = hub();
    const b = new WebClient(app);
    await b.signUp("ada");
    const second = new WebClient(app);
    await second.signIn("ada", PASSWORD);
    expect(await userCount()).toBe(1);

    expect((await b.post("/settings", { intent: "delete", currentPassword: "wrong-password" })).status).toBe(400);
    expect(await userCount()).toBe(1);
    const res = await b.post("/settings", { intent: "delete", currentPassword: PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Account deleted");
    expect(cookieLine(res, "pb_session")).toMatch(/Max-Age=0/);
    expect(await userCount()).toBe(0);
    expect(await store.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    expect((await second.get("/settings")).status).toBe(303);
    expect((await new WebClient(app).signIn("ada", PASSWORD)).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After and RateLimit headers once an address has signed up five times, until time passes", async () => {
    const b = new WebClient(hub());
    for (let i = 1; i <= 5; i++) {
      await b.refreshCsrf();
      const res = await b.post("/signup", { name: `user${i}`, email: `user${i}@example.org`, password: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.get("ratelimit-limit")).toBe("5");
      expect(res.headers.get("ratelimit-remaining")).toBe(String(5 - i));
      await b.refreshCsrf();
      expect((await b.post("/signout", {})).status).toBe(303);
    }
    await b.refreshCsrf();
    const limited = await b.post("/signup", { name: "user6", email: "user6@example.org", password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("720");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-reset")).toBe("3600");
    expect(await limited.text()).toContain("Too many attempts. Try again in 12 minutes.");
    expect(await userCount()).toBe(5);
    now += 720_000;
    expect((await b.post("/signup", { name: "user6", email: "user6@example.org", password: PASSWORD })).status).toBe(303);
  });

  it("limits sign-in attempts at one account name from many addresses (proxy addresses trusted)", async () => {
    const app = hub({ transport: { trustProxy: true } });
    await new WebClient(app).signUp("ada");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const b = new WebClient(app, "http://localhost", { "X-Forwarded-For": `203.0.113.${i}` });
      await b.refreshCsrf();
      statuses.push((await b.post("/signin", { login: i % 2 ? "ADA" : "ada", password: "wrong-password" })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("redirects, headers and errors", () => {
  it("redirects after sign-in only to a local path", async () => {
    const app = hub();
    await new WebClient(app).signUp("ada");
    const cases: Array<[string, string]> = [
      ["/papers/2401.00001?tab=comments", "/papers/2401.00001?tab=comments"],
      ["//evil.example/path", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example/", "/"],
      ["javascript:alert(1)", "/"],
      ["/%0d%0aSet-Cookie:x=1", "/%0d%0aSet-Cookie:x=1"],
      ["/signout", "/"],
    ];
    for (const [next, expected] of cases) {
      const b = new WebClient(app);
      await b.refreshCsrf();
      const res = await b.post(`/signin?next=${encodeURIComponent(next)}`, { login: "ada", password: PASSWORD });
      expect(res.headers.get("location"), next).toBe(expected);
    }
    const signedIn = new WebClient(app);
    await signedIn.signIn("ada", PASSWORD);
    expect((await signedIn.get("/signin?next=//evil.example")).headers.get("location")).toBe("/");
  });

  it("sends security headers, with a CSP whose script-src has no 'unsafe-inline'", async () => {
    const res = await new WebClient(hub()).get("/signin");
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // Static assets stay cacheable and cookie-free.
    expect((await hub().request("/static/base.css")).headers.getSetCookie()).toEqual([]);
  });

  it("shows a friendly error page, never a stack trace", async () => {
    const broken = {
      resolveSession: async () => {
        throw new Error("database exploded at /srv/secret/path");
      },
    } as unknown as AccountsService;
    const app = hub({ accounts: broken });
    const res = await app.request("/settings", { headers: { Cookie: `pb_session=${"a".repeat(43)}` } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("Something went wrong on our side.");
    expect(html).not.toContain("exploded");
    expect(html).not.toMatch(/\bat .*\.(ts|js):\d+/);
    const api = await app.request("/api/papers/search?q=x", { headers: { Cookie: `pb_session=${"a".repeat(43)}` } });
    expect(await api.json()).toEqual({ error: "internal error" });
  });

  it("answers an anonymous POST to a signed-in action with a sign-in page (401)", async () => {
    const b = new WebClient(hub());
    await b.refreshCsrf();
    const res = await b.post("/settings", { intent: "profile", displayName: "x" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('<a href="/signin">Sign in</a>');
  });
});
