// GET /papers/:id (the paper page, or "index this paper" for an arXiv id the hub lacks) and POST /papers/index.
import { Hono, type Context } from "hono";
import { parseArxivId } from "../../domain/arxiv-id.js";
import { toBibtex } from "../../export/bibtex.js";
import { NotFoundError, SourceError } from "../../domain/errors.js";
import type { StoredPaper } from "../../domain/paper.js";
import { canModerate, type AppEnv } from "../context.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { sessionOf } from "../middleware/session.js";
import { CommentThread, PaperModeration, UpvoteButton } from "../views/community-parts.js";
import { SaveToCollection } from "../views/collection-save.js";
import { paperHref } from "../views/format.js";
import { IndexPaperPage } from "../views/index-paper-page.js";
import { MessagePage } from "../views/message-page.js";
import { PaperPage, type PaperPageProps } from "../views/paper-page.js";
import type { PageDeps } from "./pages.js";

/** Paths under /papers/ that other routes own; the paper page passes them on. */
const NOT_IDS = new Set(["submit", "trending", "search", "latest", "index", "for-you", "for-you/start"]);
const ACTION_SUFFIX = /\/(upvote|comments|edit|delete|hide|restore)$/;
const SIMILAR_SHOWN = 5;
/** Each index request costs an arXiv call (paced at one per 3 s, shared with sync jobs): a reader needs a few, not dozens. */
const INDEX_RATE = { limit: 10, windowMs: 10 * 60_000 };

export function paperPages(deps: PageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/papers/index", rateLimit({ bucket: "index", ...INDEX_RATE }), async (c) => {
    const body = await c.req.parseBody();
    const input = typeof body.id === "string" ? body.id : "";
    if (!deps.indexer) throw new NotFoundError("This hub is not set up to fetch papers from arXiv.");
    try {
      const { paper } = await deps.indexer.index(input);
      return c.redirect(paperHref(paper.id), 303);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      deps.log.warn({ err, input }, "indexing a paper from arXiv failed");
      return c.html(
        <MessagePage title="arXiv did not answer" message="arXiv could not be reached just now. Please try again in a few minutes." {...sessionOf(c)} />,
        502,
      );
    }
  });

  // Ids may contain a slash (old-style arXiv ids such as hep-th/9901001).
  app.get("/papers/:id{.+}", async (c, next) => {
    const id = c.req.param("id");
    if (NOT_IDS.has(id) || ACTION_SUFFIX.test(id)) return next();
    const paper = await deps.store.getPaper(id);
    if (!paper) return missing(c, id);
    return c.html(<PaperPage {...await pageProps(c, paper)} />);
  });

  /** An arXiv id in another spelling goes to its page; one the hub lacks gets the offer to index it. */
  const missing = async (c: Context<AppEnv>, id: string) => {
    const arxiv = parseArxivId(id);
    if (!arxiv || !plausibleArxivId(arxiv.id)) throw new NotFoundError(`No paper with id ${id} in this hub.`);
    if (arxiv.id !== id && (await deps.store.getPaper(arxiv.id))) return c.redirect(paperHref(arxiv.id), 301);
    return c.html(<IndexPaperPage id={arxiv.id} canFetch={deps.indexer !== null} {...sessionOf(c)} />, 404);
  };

  const pageProps = async (c: Context<AppEnv>, paper: StoredPaper): Promise<PaperPageProps> => {
    const chrome = sessionOf(c);
    const { viewer, csrfToken } = chrome;
    // Similar papers are a courtesy: a failure there must not cost the reader the page.
    const similar = deps.search.similarTo(paper, { limit: SIMILAR_SHOWN + 3 }).then(
      (hits) => deps.feed.visible(hits.map((h) => h.paper)),
      (err: unknown) => {
        deps.log.warn({ err, id: paper.id }, "similar papers failed");
        return [];
      },
    );
    const base = { ...chrome, paper, bibtex: toBibtex(paper), similar: (await similar).slice(0, SIMILAR_SHOWN) };
    const save =
      viewer && deps.collections ? (
        <SaveToCollection paperId={paper.id} collections={await deps.collections.holding(viewer.id, paper.id)} viewer={viewer} csrfToken={csrfToken} />
      ) : null;
    if (deps.community) {
      const view = await deps.community.paperView(paper.id, viewer);
      if (view.hidden && !canModerate(viewer)) throw new NotFoundError("A moderator has hidden this paper.");
      return {
        ...base,
        upvotes: view.upvotes,
        comments: view.commentCount,
        hidden: view.hidden,
        upvote: (
          <>
            <UpvoteButton paperId={paper.id} count={view.upvotes} upvoted={view.upvoted} viewer={viewer} csrfToken={csrfToken} />
            {save}
          </>
        ),
        // Moderation comes after the discussion, away from the reader's actions at the top.
        thread: (
          <>
            <CommentThread paperId={paper.id} comments={view.comments} viewer={viewer} csrfToken={csrfToken} />
            <PaperModeration paperId={paper.id} hidden={view.hidden} viewer={viewer} csrfToken={csrfToken} />
          </>
        ),
      };
    }
    const counts = (await deps.feed.counts(paper.id)) ?? { upvotes: 0, comments: 0, hidden: false };
    if (counts.hidden && !canModerate(viewer)) throw new NotFoundError("A moderator has hidden this paper.");
    return { ...base, upvotes: counts.upvotes, comments: counts.comments, hidden: counts.hidden };
  };

  return app;
}

/** arXiv ids name a year and month (YYMM, from 1991 on): 9999.99999 is id-shaped but names no paper, so it gets a plain "not found". */
function plausibleArxivId(id: string): boolean {
  const yymm = /(\d{4})(?:\.\d+|\d{3})$/.exec(id)?.[1];
  if (!yymm) return false;
  const month = Number(yymm.slice(2));
  return month >= 1 && month <= 12;
}
