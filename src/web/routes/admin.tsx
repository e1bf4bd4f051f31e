// Moderation routes: the /admin page (log and forms) and the hide, restore, ban and unban actions, for moderators only.
import { Hono, type Context } from "hono";
import type { CommunityService } from "../../community/community-service.js";
import { parseArxivId } from "../../domain/arxiv-id.js";
import { canModerate, type AppEnv, type Viewer } from "../context.js";
import { AdminPage, ForbiddenPage } from "../views/admin-page.js";
import { paperHref } from "../views/format.js";
import { readForm, safeNext } from "./auth-support.js";

export interface AdminRouteDeps {
  community: CommunityService;
}

export const ADMIN_LOG_PAGE = 50;

type Guarded = { viewer: Viewer; refuse?: undefined } | { refuse: Response | Promise<Response> };

/** The moderator making the request, or the response to send instead: sign in first, or 403. */
function moderator(c: Context<AppEnv>): Guarded {
  const viewer = c.var.viewer;
  if (!viewer) return { refuse: c.redirect(`/signin?next=${encodeURIComponent(c.req.method === "GET" ? c.req.path : "/admin")}`, 303) };
  if (!canModerate(viewer)) return { refuse: c.html(<ForbiddenPage viewer={viewer} csrfToken={c.var.csrfToken} />, 403) };
  return { viewer };
}

/** A paper id as typed into the admin form: an arXiv id or URL in any spelling, else taken as is. */
const paperIdOf = (input: string): string => parseArxivId(input)?.id ?? input.trim();

export function adminRoutes(deps: AdminRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const mod = deps.community.moderation;

  app.get("/admin", async (c) => {
    const g = moderator(c);
    if (g.refuse) return g.refuse;
    const viewer = g.viewer;
    const cursor = c.req.query("before");
    const page = await mod.log(viewer, { limit: ADMIN_LOG_PAGE, cursor });
    return c.html(<AdminPage viewer={viewer} csrfToken={c.var.csrfToken} entries={page.entries} nextCursor={page.nextCursor} first={!cursor} />);
  });

  for (const hide of [true, false]) {
    app.post(`/admin/papers/${hide ? "hide" : "restore"}`, async (c) => {
      const g = moderator(c);
      if (g.refuse) return g.refuse;
      const viewer = g.viewer;
      const f = await readForm(c);
      const id = paperIdOf(f("paper"));
      await (hide ? mod.hidePaper(viewer, id, f("reason")) : mod.restorePaper(viewer, id, f("reason")));
      return c.redirect(f("returnTo") ? safeNext(f("returnTo")) : paperHref(id), 303);
    });

    app.post(`/admin/comments/:id/${hide ? "hide" : "restore"}`, async (c) => {
      const g = moderator(c);
      if (g.refuse) return g.refuse;
      const viewer = g.viewer;
      const f = await readForm(c);
      const id = c.req.param("id");
      const r = await (hide ? mod.hideComment(viewer, id, f("reason")) : mod.restoreComment(viewer, id, f("reason")));
      return c.redirect(f("returnTo") ? safeNext(f("returnTo")) : `${paperHref(r.paperId)}#comment-${id}`, 303);
    });

    app.post(`/admin/users/${hide ? "ban" : "unban"}`, async (c) => {
      const g = moderator(c);
      if (g.refuse) return g.refuse;
      const viewer = g.viewer;
      const f = await readForm(c);
      const name = f("user").trim().replace(/^@/, "");
      await (hide ? mod.banUser(viewer, name, f("reason")) : mod.unbanUser(viewer, name, f("reason")));
      return c.redirect(f("returnTo") ? safeNext(f("returnTo")) : "/admin", 303);
    });
  }

  return app;
}
