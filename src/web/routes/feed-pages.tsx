// GET /, /papers (a day, week or month), /papers/latest, /papers/trending and /orgs/:name.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context.js";
import { sessionOf } from "../middleware/session.js";
import { feedAlternates, WithAlternates } from "../views/alternates.js";
import { FeedPage } from "../views/feed-page.js";
import { OrgPage } from "../views/org-page.js";
import { EmptyStorePage, LatestPage } from "../views/paper-list.js";
import { TrendingPage } from "../views/trending-page.js";
import { subscribeOffer } from "../views/subscribe-form.js";
import type { PageDeps } from "./pages.js";

export function feedPages(deps: PageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const daily = async (c: Context<AppEnv>) => {
    const q = (k: string) => c.req.query(k);
    const view = await deps.feed.feed({ date: q("date"), week: q("week"), month: q("month"), page: q("page") });
    // Only an empty feed costs the extra count, to tell an empty store (how to import) from a quiet period.
    if (view.total === 0 && !view.prev && !view.next && (await deps.store.countPapers()) === 0) {
      return c.html(<EmptyStorePage sync={deps.syncStatus()} {...sessionOf(c)} />);
    }
    return c.html(
      <WithAlternates links={feedAlternates(c.req.url, "Daily papers")}>
        <FeedPage view={view} sync={deps.syncStatus()} subscribe={subscribeOffer(deps.mailEnabled, { kind: "trending" }, "Get the top papers by email")} {...sessionOf(c)} />
      </WithAlternates>,
    );
  };

  app.get("/", async (c) => {
    // The home page once listed every paper by cursor; such links now go to that list's own page.
    const cursor = c.req.query("cursor");
    if (cursor !== undefined) return c.redirect(`/papers/latest?cursor=${encodeURIComponent(cursor)}`, 301);
    return daily(c);
  });
  app.get("/papers", daily);

  app.get("/papers/latest", async (c) => {
    const { entries, nextCursor } = await deps.feed.latest(c.req.query("cursor"));
    return c.html(<LatestPage entries={entries} nextCursor={nextCursor} sync={deps.syncStatus()} {...sessionOf(c)} />);
  });

  app.get("/papers/trending", async (c) => {
    const view = await deps.feed.trending({ page: c.req.query("page") });
    return c.html(
      <WithAlternates links={feedAlternates(c.req.url, "Trending papers")}>
        <TrendingPage view={view} subscribe={subscribeOffer(deps.mailEnabled, { kind: "trending" }, "Get trending papers by email")} {...sessionOf(c)} />
      </WithAlternates>,
    );
  });

  app.get("/orgs/:name", async (c) => {
    const view = await deps.feed.organisation(c.req.param("name"), { page: c.req.query("page") });
    return c.html(
      <WithAlternates links={feedAlternates(c.req.url, `Papers of ${view.fullname ?? view.name}`)}>
        <OrgPage view={view} subscribe={subscribeOffer(deps.mailEnabled, { kind: "organisation", name: view.name }, `Get new papers from ${view.fullname ?? view.name} by email`)} {...sessionOf(c)} />
      </WithAlternates>,
    );
  });

  return app;
}
