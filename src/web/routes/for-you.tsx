// The personal feed's pages and actions: GET /papers/for-you, the start page, and "not interested" (with its undo) on any paper.
//
// Paper actions match by suffix (`/papers/<id>/not-interested`) as the
// community's do, since ids may hold a slash; none is a GET, so none can
// shadow the paper page. GET /papers/for-you is mounted before the paper
// page's catch-all, which would otherwise take "for-you" for an id.
import { Hono, type Context } from "hono";
import type { PersonalServices } from "../../personal/personal-services.js";
import type { AppEnv } from "../context.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { ForYouPage, FOR_YOU_PATH } from "../views/for-you-page.js";
import { ForYouStartPage } from "../views/for-you-start.js";
import { paperHref } from "../views/format.js";
import { safeNext } from "./auth-support.js";

export interface ForYouRouteDeps {
  personal: PersonalServices;
}

/** Cards shown: enough for a morning's reading, few enough to train, rank and render fast. */
const SHOWN = 50;
const START_PATH = "/papers/for-you/start";
/** A reader clears a page of papers quickly; a script marking everything does not get far. */
const MARK_RATE = { limit: 60, windowMs: 60_000 };
const START_RATE = { limit: 20, windowMs: 10 * 60_000 };
/** Each view trains the reader's model (tens of milliseconds of CPU): plenty for reading, not for a script reloading it. */
const VIEW_RATE = { limit: 60, windowMs: 60_000 };

const signIn = (c: Context<AppEnv>, next: string) => c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

export function forYouRoutes(deps: ForYouRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { forYou, onboarding } = deps.personal;

  app.get(FOR_YOU_PATH, rateLimit({ bucket: "for-you", ...VIEW_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, FOR_YOU_PATH);
    const feed = await forYou.feed(viewer.id, { limit: SHOWN });
    // After an action, the notice names the paper (and offers to undo a "not interested").
    const [marked, saved] = await Promise.all([paperOf(deps, c.req.query("marked")), paperOf(deps, c.req.query("saved"))]);
    return c.html(<ForYouPage feed={feed} windowDays={forYou.windowDays} marked={marked} saved={saved} viewer={viewer} csrfToken={c.var.csrfToken} />);
  });

  app.get(START_PATH, async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, START_PATH);
    return c.html(<ForYouStartPage options={await onboarding.options(viewer.id)} viewer={viewer} csrfToken={c.var.csrfToken} />);
  });

  app.post(START_PATH, rateLimit({ bucket: "for-you-start", ...START_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, START_PATH);
    const body = await c.req.parseBody({ all: true });
    const list = (name: string) => [body[name] ?? []].flat().filter((v): v is string => typeof v === "string");
    const split = (name: string) => list(name).flatMap((v) => v.split(","));
    await onboarding.apply(viewer.id, { papers: list("paper"), categories: [...list("category"), ...split("categoryText")], authors: [...list("author"), ...split("authorText")] });
    return c.redirect(FOR_YOU_PATH, 303);
  });

  app.post("/papers/:id{.+}/not-interested", rateLimit({ bucket: "not-interested", ...MARK_RATE }), async (c) => {
    const id = c.req.param("id");
    const back = await returnTo(c, paperHref(id));
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, back);
    await forYou.notInterested(viewer.id, id);
    return c.redirect(back === FOR_YOU_PATH ? `${FOR_YOU_PATH}?marked=${encodeURIComponent(id)}` : back, 303);
  });

  app.post("/papers/:id{.+}/interested", rateLimit({ bucket: "not-interested", ...MARK_RATE }), async (c) => {
    const id = c.req.param("id");
    const back = await returnTo(c, paperHref(id));
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, back);
    await forYou.undoNotInterested(viewer.id, id);
    return c.redirect(back, 303);
  });

  return app;
}

/** The form's local `returnTo` path, else `fallback`. */
export async function returnTo(c: Context<AppEnv>, fallback: string): Promise<string> {
  const v = (await c.req.parseBody()).returnTo;
  return safeNext(typeof v === "string" && v ? v : fallback);
}

async function paperOf(deps: ForYouRouteDeps, id: string | undefined) {
  if (!id || id.length > 100) return null;
  return deps.personal.forYou.paper(id);
}
