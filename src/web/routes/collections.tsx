// Collections' pages and forms: a user's list, one collection (with its feeds and citation downloads), create/rename/delete, and save/unsave on any paper.
//
// Owner-only actions find the collection as the viewer may see it first, so
// someone else's private collection answers 404 (as if it did not exist)
// and a public one 403. Feeds follow the hub's scheme (routes/feeds.tsx):
// the page's path with /feed.<format> appended, written by the export
// module's feed and citation writers.
import { Hono, type Context } from "hono";
import { etag } from "hono/etag";
import { FieldError } from "../../domain/errors.js";
import { CITATION_WRITERS, isCitationFormat } from "../../export/citation-formats.js";
import { FEED_CONTENT_TYPES, FEED_FORMATS, renderFeed, type FeedFormat } from "../../export/feed-writer.js";
import { FEED_ITEMS } from "../../export/listings.js";
import type { CollectionsService } from "../../personal/collections-service.js";
import type { AppEnv, Viewer } from "../context.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { collectionHref, collectionsHref } from "../views/collection-href.js";
import { CollectionListPage } from "../views/collection-list-page.js";
import { CollectionPage } from "../views/collection-page.js";
import { FOR_YOU_PATH } from "../views/for-you-page.js";
import { paperHref } from "../views/format.js";
import { readForm } from "./auth-support.js";
import { returnTo } from "./for-you.js";

export interface CollectionRouteDeps {
  collections: CollectionsService;
  /** Base of absolute links in feeds (config publicUrl); the request's origin when not set. */
  publicUrl?: string | undefined;
}

const SAVE_RATE = { limit: 60, windowMs: 60_000 };
const EDIT_RATE = { limit: 30, windowMs: 10 * 60_000 };
const FILE = ":file{feed\\.(?:rss|atom|json|bib|ris|csl\\.json)}";

const signIn = (c: Context<AppEnv>, next: string) => c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

export function collectionRoutes(deps: CollectionRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { collections } = deps;

  const listPage = async (c: Context<AppEnv>, name: string, error?: string) => {
    const { owner, collections: list } = await collections.list(name, c.var.viewer?.id ?? null);
    return <CollectionListPage owner={owner} collections={list} viewer={c.var.viewer} csrfToken={c.var.csrfToken} {...(error ? { error } : {})} />;
  };

  app.get("/u/:name/collections", async (c) => c.html(await listPage(c, c.req.param("name"))));

  app.post("/collections", rateLimit({ bucket: "collections", ...EDIT_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, "/");
    const f = await readForm(c);
    try {
      const created = await collections.create(viewer.id, { name: f("name"), isPublic: f("public") === "1" });
      return c.redirect(collectionHref(viewer.name, created.slug), 303);
    } catch (err) {
      if (err instanceof FieldError) return c.html(await listPage(c, viewer.name, err.message), 400);
      throw err;
    }
  });

  app.get("/u/:name/c/:slug", async (c) => {
    const view = await collections.view(c.req.param("name"), c.req.param("slug"), c.var.viewer?.id ?? null);
    return c.html(<CollectionPage view={view} viewer={c.var.viewer} csrfToken={c.var.csrfToken} />);
  });

  // Feed readers poll: an unchanged collection answers 304 to If-None-Match.
  app.get(`/u/:name/c/:slug/${FILE}`, etag(), async (c) => {
    const format = c.req.param("file").slice("feed.".length);
    const { owner, collection, entries } = await collections.view(c.req.param("name"), c.req.param("slug"), c.var.viewer?.id ?? null);
    const page = collectionHref(owner.name, collection.slug);
    if (isCitationFormat(format)) {
      const writer = CITATION_WRITERS[format];
      return c.body(writer.render(entries.map((e) => e.paper)), 200, {
        "Content-Type": writer.contentType,
        "Content-Disposition": `inline; filename="paperboard-${`${owner.name}-${collection.slug}`.replace(/[^A-Za-z0-9.-]+/g, "-")}.${format}"`,
      });
    }
    const base = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, "");
    const listing = {
      title: collection.name,
      description: `Papers ${owner.displayName} (@${owner.name}) collected, last added first.`,
      // A collection's news is what was added: items are dated by when they were saved.
      entries: entries.slice(0, FEED_ITEMS).map((e) => ({ ...e, at: new Date(e.addedAt) })),
      generatedAt: new Date(),
    };
    const feeds = Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${page}/feed.${f}`])) as Record<FeedFormat, string>;
    const body = renderFeed(listing, format as FeedFormat, { page: `${base}${page}`, feeds, paper: (id) => `${base}${paperHref(id)}` });
    return c.body(body, 200, { "Content-Type": FEED_CONTENT_TYPES[format as FeedFormat] });
  });

  /** The collection at the path, for an action of its owner (404 for a private one of someone else, ForbiddenError from the service for a public one). */
  const owned = async (c: Context<AppEnv>, viewer: Viewer) => (await collections.find(c.req.param("name")!, c.req.param("slug")!, viewer.id)).collection;

  app.post("/u/:name/c/:slug/edit", rateLimit({ bucket: "collections", ...EDIT_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, c.req.path.replace(/\/edit$/, ""));
    const f = await readForm(c);
    const updated = await collections.update(viewer.id, (await owned(c, viewer)).id, { name: f("name"), isPublic: f("public") === "1" });
    return c.redirect(collectionHref(viewer.name, updated.slug), 303);
  });

  app.post("/u/:name/c/:slug/delete", rateLimit({ bucket: "collections", ...EDIT_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, c.req.path.replace(/\/delete$/, ""));
    await collections.remove(viewer.id, (await owned(c, viewer)).id);
    return c.redirect(collectionsHref(viewer.name), 303);
  });

  app.post("/u/:name/c/:slug/remove", rateLimit({ bucket: "save", ...SAVE_RATE }), async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, c.req.path.replace(/\/remove$/, ""));
    const collection = await owned(c, viewer);
    await collections.unsave(viewer.id, (await readForm(c))("paper"), collection.id);
    return c.redirect(collectionHref(viewer.name, collection.slug), 303);
  });

  app.post("/papers/:id{.+}/save", rateLimit({ bucket: "save", ...SAVE_RATE }), async (c) => {
    const id = c.req.param("id");
    const back = await returnTo(c, paperHref(id));
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, back);
    await collections.save(viewer.id, id, (await readForm(c))("collection") || undefined);
    return c.redirect(back === FOR_YOU_PATH ? `${FOR_YOU_PATH}?saved=${encodeURIComponent(id)}` : back, 303);
  });

  app.post("/papers/:id{.+}/unsave", rateLimit({ bucket: "save", ...SAVE_RATE }), async (c) => {
    const id = c.req.param("id");
    const back = await returnTo(c, paperHref(id));
    const viewer = c.var.viewer;
    if (!viewer) return signIn(c, back);
    await collections.unsave(viewer.id, id, (await readForm(c))("collection") || undefined);
    return c.redirect(back, 303);
  });

  return app;
}
