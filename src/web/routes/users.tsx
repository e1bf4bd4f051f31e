// User pages: /u/:name shows what a user submitted, upvoted and said.
import { Hono } from "hono";
import type { CommunityService } from "../../community/community-service.js";
import { NotFoundError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { feedAlternates, WithAlternates } from "../views/alternates.js";
import { UserPage } from "../views/user-page.js";

export interface UserRouteDeps {
  community: CommunityService;
}

export function userRoutes(deps: UserRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/u/:name", async (c) => {
    const name = c.req.param("name");
    const profile = await deps.community.profile(name, c.var.viewer);
    if (!profile) throw new NotFoundError(`There is no user named ${name.slice(0, 60)}.`);
    return c.html(
      <WithAlternates links={feedAlternates(c.req.url, `Papers submitted by ${profile.displayName}`)}>
        <UserPage profile={profile} viewer={c.var.viewer} csrfToken={c.var.csrfToken} />
      </WithAlternates>,
    );
  });
  return app;
}
