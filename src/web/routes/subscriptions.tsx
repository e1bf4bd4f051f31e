// Subscription pages: the subscribe form's target, signed links (confirm, unsubscribe, manage) and /settings/subscriptions.
//
// Signed links carry their own authority (a token in the URL), so they work
// without signing in. Opening one (GET) only shows a page with a button:
// mail scanners fetch links, and a fetch must not confirm or unsubscribe.
// The RFC 8058 one-click POST is the exception to the CSRF rule: mail
// providers post it from their servers, with neither cookie nor form token,
// so it is mounted before the session and CSRF middleware (oneClickUnsubscribe).
import { Hono, type Context } from "hono";
import { AuthError, DomainError, FieldError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Follow, FollowKind } from "../../subscriptions/follow.js";
import { readSchedule, type Schedule } from "../../subscriptions/schedule.js";
import type { SubscriptionsService } from "../../subscriptions/subscriptions-service.js";
import type { AppEnv } from "../context.js";
import { addressKey, rateLimit } from "../middleware/rate-limit.js";
import { sessionOf } from "../middleware/session.js";
import { ConfirmPage, ConfirmedPage, ManagePage, SubscribedPage, UnsubscribePage, UnsubscribedPage } from "../views/subscription-pages.js";
import { SubscriptionSettingsPage } from "../views/subscription-settings.js";
import { readForm } from "./auth-support.js";

export interface SubscriptionRouteDeps {
  subscriptions: SubscriptionsService;
  /** Time zone of new subscriptions until the reader picks theirs (the feed's). */
  defaultTimeZone: string;
}

const HOUR = 3_600_000;
/** Each subscribe mails a stranger's address at most once; ten an hour from one address is plenty for people. */
const SUBSCRIBE_PER_ADDRESS = { limit: 10, windowMs: HOUR };
const SETTINGS_PER_USER = { limit: 30, windowMs: 15 * 60_000 };

/** Pages showing an address or a token's subscriptions: no cache may keep them. */
function noStore(c: Context): void {
  c.header("Cache-Control", "no-store");
}

type Field = (name: string) => string;

/** The follow a form names: hidden fields of a feed page's form, or the settings page's kind and one text value. */
function followFromForm(f: Field): Follow {
  const kind = f("follow") as FollowKind;
  const value = f("value");
  switch (kind) {
    case "trending":
    case "for-you":
      return { kind };
    case "search":
      return { kind, q: f("q") || value, after: f("after") || null, before: f("before") || null, category: f("category") || null, hasCode: f("code") === "1" };
    case "author":
    case "organisation":
      return { kind, name: f("name") || value };
    case "category":
      return { kind, category: f("category") || value };
    default:
      throw new FieldError("follow", "Choose what to follow.");
  }
}

function scheduleFromForm(f: Field, timeZone: string): Schedule {
  const opt = (name: string) => f(name) || undefined;
  return readSchedule(
    { frequency: opt("frequency"), sendHour: opt("sendHour"), timeZone: opt("timeZone"), sendWeekday: opt("sendWeekday"), weekdaysOnly: f("weekdaysOnly") === "1" },
    { timeZone },
  );
}

/** POST /unsubscribe?token=…: RFC 8058 one-click, answered 200 without a redirect; mount before the request-security middleware. */
export function oneClickUnsubscribe(deps: Pick<SubscriptionRouteDeps, "subscriptions">): Hono {
  const app = new Hono();
  app.post("/unsubscribe", async (c) => {
    await deps.subscriptions.unsubscribe(c.req.query("token"));
    noStore(c);
    return c.html(<UnsubscribedPage />);
  });
  return app;
}

export function subscriptionRoutes(deps: SubscriptionRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const subs = deps.subscriptions;

  app.post("/subscribe", rateLimit({ bucket: "subscribe", ...SUBSCRIBE_PER_ADDRESS, key: addressKey }), async (c) => {
    const f = await readForm(c);
    const viewer = c.var.viewer;
    const input = { follow: followFromForm(f), schedule: scheduleFromForm(f, deps.defaultTimeZone) };
    const r = await subs.subscribe(viewer ? { ...input, userId: viewer.id } : { ...input, email: f("email") });
    noStore(c);
    // Signed out, every outcome reads alike: the page must not tell a stranger what an address follows.
    const outcome = viewer ? r.outcome : "confirmation-sent";
    const s = r.subscription;
    return c.html(<SubscribedPage outcome={outcome} email={s.email} follow={s.follow} schedule={s.schedule} {...sessionOf(c)} />);
  });

  app.get("/subscriptions/confirm", async (c) => {
    const token = c.req.query("token") ?? "";
    const s = await subs.confirmation(token);
    noStore(c);
    return c.html(<ConfirmPage token={token} email={s.email} follow={s.follow} schedule={s.schedule} {...sessionOf(c)} />);
  });

  app.post("/subscriptions/confirm", async (c) => {
    const f = await readForm(c);
    const s = await subs.confirm(f("token"));
    const { manage } = await subs.mailLinks(s);
    noStore(c);
    return c.html(
      <ConfirmedPage email={s.email} follow={s.follow} schedule={s.schedule} manageHref={`/subscriptions/manage?token=${encodeURIComponent(manage)}`} {...sessionOf(c)} />,
    );
  });

  app.get("/unsubscribe", async (c) => {
    const token = c.req.query("token") ?? "";
    const target = await subs.unsubscribeTarget(token);
    noStore(c);
    return c.html(<UnsubscribePage token={token} target={target} {...sessionOf(c)} />);
  });

  app.get("/subscriptions/manage", async (c) => {
    const token = c.req.query("token") ?? "";
    const view = await subs.managed(token);
    noStore(c);
    return c.html(<ManagePage view={view} token={token} saved={c.req.query("saved") === "1"} defaultTimeZone={deps.defaultTimeZone} {...sessionOf(c)} />);
  });

  app.post("/subscriptions/manage", async (c) => {
    const token = c.req.query("token") ?? "";
    const f = await readForm(c);
    await subs.rescheduleByToken(token, f("subscription"), scheduleFromForm(f, deps.defaultTimeZone));
    return c.redirect(`/subscriptions/manage?token=${encodeURIComponent(token)}&saved=1`, 303);
  });

  app.get("/settings/subscriptions", async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return c.redirect("/signin?next=%2Fsettings%2Fsubscriptions", 303);
    noStore(c);
    const saved = { added: "Subscribed.", pending: "Check your inbox: follow the link we mailed to start it.", saved: "Saved.", removed: "Removed." }[c.req.query("saved") ?? ""];
    return c.html(await settingsPage(c, saved));
  });

  app.post("/settings/subscriptions", rateLimit({ bucket: "subscription-settings", ...SETTINGS_PER_USER }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) throw new AuthError("Sign in to manage your subscriptions.");
    const f = await readForm(c);
    noStore(c);
    let saved: string;
    try {
      if (f("intent") === "add") {
        const r = await subs.subscribe({ userId: viewer.id, follow: followFromForm(f), schedule: scheduleFromForm(f, deps.defaultTimeZone) });
        saved = r.outcome === "active" || r.outcome === "already-active" ? "added" : "pending";
      } else if (f("intent") === "reschedule") {
        await subs.rescheduleForAccount(viewer.id, f("subscription"), scheduleFromForm(f, deps.defaultTimeZone));
        saved = "saved";
      } else if (f("intent") === "remove") {
        await subs.removeForAccount(viewer.id, f("subscription"));
        saved = "removed";
      } else throw new FieldError("intent", "Unknown form.");
    } catch (err) {
      // Bad input and a mail server that is down are answered on the page itself.
      if (!(err instanceof DomainError) || err instanceof AuthError) throw err;
      return c.html(await settingsPage(c, undefined, err.message), err instanceof ValidationError ? 400 : err instanceof NotFoundError ? 404 : 503);
    }
    return c.redirect(`/settings/subscriptions?saved=${saved}`, 303);
  });

  async function settingsPage(c: Context<AppEnv>, saved?: string, alert?: string) {
    const viewer = c.var.viewer!;
    const state = await subs.forAccount(viewer.id);
    return (
      <SubscriptionSettingsPage
        viewer={viewer}
        csrfToken={c.var.csrfToken}
        {...state}
        mailEnabled={subs.mailEnabled}
        defaultTimeZone={deps.defaultTimeZone}
        saved={saved}
        alert={alert}
      />
    );
  }

  return app;
}
