// The community's HTML actions: upvote, comment, edit, delete and submit. Each reads a form, calls the service and redirects back (PRG).
//
// Paper ids may hold a slash (hep-th/9901001), so paper actions match by
// suffix (`/papers/<id>/upvote`); none of them is a GET, so none can shadow
// the paper page. GET /papers/submit must be mounted before the paper page's
// catch-all route, which would otherwise take "submit" for an id.
import { Hono, type Context } from "hono";
import { AlreadyOnFeedError } from "../../community/submissions.js";
import type { CommunityService } from "../../community/community-service.js";
import { NotFoundError, SourceError, ValidationError } from "../../domain/errors.js";
import type { AppEnv, Viewer } from "../context.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { SubmitPage, type SubmitPageProps } from "../views/community-submit.js";
import { paperHref } from "../views/format.js";
import { readForm, safeNext } from "./auth-support.js";

export interface CommunityRouteDeps {
  community: CommunityService;
}

const MINUTE = 60_000;
/** A reader working down a day's feed votes quickly; a script voting on everything does not get far. */
const UPVOTE_RATE = { limit: 60, windowMs: MINUTE };
/** Ten comments or edits in ten minutes is a lively discussion; more is a flood. */
const COMMENT_RATE = { limit: 10, windowMs: 10 * MINUTE };
/** Attempts, failed ones included; the service's daily limit counts what was placed. */
const SUBMIT_RATE = { limit: 20, windowMs: 60 * MINUTE };

const SUBMIT_PATH = "/papers/submit";

const signIn = (c: Context<AppEnv>, next: string) => c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

export function communityRoutes(deps: CommunityRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { community } = deps;

  const submitPage = (c: Context<AppEnv>, viewer: Viewer, extra: Partial<SubmitPageProps> = {}) => (
    <SubmitPage viewer={viewer} csrfToken={c.var.csrfToken} {...community.submissions.limits} {...extra} />
  );

  app.get(SUBMIT_PATH, async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, SUBMIT_PATH);
    const done = c.req.query("done");
    const receipt = done ? await community.submissions.receipt(done) : null;
    return c.html(submitPage(c, viewer, receipt ? { done: receipt } : {}));
  });

  app.post(SUBMIT_PATH, rateLimit({ bucket: "submit", ...SUBMIT_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, SUBMIT_PATH);
    const input = (await readForm(c))("paper");
    try {
      const r = await community.submissions.submit(viewer, input);
      return c.redirect(`${SUBMIT_PATH}?done=${encodeURIComponent(r.paper.id)}`, 303);
    } catch (err) {
      const refuse = (status: 400 | 404 | 409 | 502, error: string, more: Partial<SubmitPageProps> = {}) =>
        c.html(submitPage(c, viewer, { value: input, error, ...more }), status);
      if (err instanceof AlreadyOnFeedError) return refuse(409, err.message, { existing: { paperId: err.paperId, feedDay: err.feedDay } });
      if (err instanceof ValidationError) return refuse(400, err.message);
      if (err instanceof NotFoundError) return refuse(404, err.message);
      if (err instanceof SourceError) return refuse(502, "arXiv could not be reached just now. Please try again in a few minutes.");
      throw err;
    }
  });

  app.post("/papers/:id{.+}/upvote", rateLimit({ bucket: "upvote", ...UPVOTE_RATE }), async (c) => {
    const id = c.req.param("id");
    const f = await readForm(c);
    const back = safeNext(f("returnTo") || paperHref(id));
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, back);
    // The form names the state it wants ("1" cast, "0" withdraw), so a repeated submit changes nothing; without it, toggle.
    const vote = f("vote");
    if (vote === "1" || vote === "0") await community.upvotes.set(viewer.id, id, vote === "1");
    else await community.toggleUpvote(viewer.id, id);
    return c.redirect(back, 303);
  });

  app.post("/papers/:id{.+}/comments", rateLimit({ bucket: "comment", ...COMMENT_RATE }), async (c) => {
    const id = c.req.param("id");
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, `${paperHref(id)}#comments`);
    const f = await readForm(c);
    const created = await community.comments.add(viewer, id, f("body"), f("parent") || null);
    return c.redirect(`${paperHref(id)}#comment-${created.id}`, 303);
  });

  app.post("/comments/:id/edit", rateLimit({ bucket: "comment", ...COMMENT_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, "/");
    const edited = await community.comments.edit(viewer, c.req.param("id"), (await readForm(c))("body"));
    return c.redirect(`${paperHref(edited.paperId)}#comment-${edited.id}`, 303);
  });

  app.post("/comments/:id/delete", async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, "/");
    const { paperId } = await community.comments.remove(viewer, c.req.param("id"));
    return c.redirect(`${paperHref(paperId)}#comments`, 303);
  });

  return app;
}
