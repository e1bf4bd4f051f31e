// The personal feed: papers ranked for the signed-in reader, each card saying why, with "Save" and "Not interested".
import type { ForYouFeed } from "../../personal/for-you-service.js";
import type { StoredPaper } from "../../domain/paper.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { ForYouActions } from "./for-you-actions.js";
import { formatShortDay, paperHref, plural } from "./format.js";
import { Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";
import { Tex } from "./tex.js";

export const FOR_YOU_PATH = "/papers/for-you";

export interface ForYouPageProps {
  feed: ForYouFeed;
  windowDays: number;
  viewer: Viewer;
  csrfToken: string;
  /** A paper just marked "not interested" (the notice offers to undo it), or saved. */
  marked?: StoredPaper | null;
  saved?: StoredPaper | null;
}

export function ForYouPage(props: ForYouPageProps) {
  const f = props.feed;
  return (
    <Layout title="For you" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>For you</h1>
      <p class="meta">
        Papers of the last {plural(props.windowDays, "feed day")} (to {formatShortDay(f.to)}) and papers like the ones you liked, ranked by what you
        upvoted, saved and marked “not interested”, newer papers first among equals. <a href="/papers/for-you/start">Pick papers, categories and authors</a> ·{" "}
        <a href={`/u/${encodeURIComponent(props.viewer.name)}/collections`}>Your collections</a>
      </p>
      {props.marked ? <MarkedNotice paper={props.marked} csrfToken={props.csrfToken} /> : null}
      {props.saved ? (
        <p class="notice" role="status">
          Saved <a href={paperHref(props.saved.id)}><Tex text={props.saved.title} /></a> to your <a href={`/u/${encodeURIComponent(props.viewer.name)}/c/saved`}>Saved</a> collection.
        </p>
      ) : null}
      {f.coldStart ? (
        <p class="notice">
          This list learns from what you upvote, save and mark “not interested”. Until you have, it shows what the community likes:{" "}
          <a href="/papers/for-you/start">pick a few papers, categories or authors</a> to start it off.
        </p>
      ) : null}
      {!f.usedVectors && !f.coldStart && f.entries.length > 0 ? <p class="meta">Ranked by the papers' words alone while the search index is being built.</p> : null}
      {f.entries.length === 0 ? (
        <p class="empty">
          Nothing new for you right now: every recent paper is one you liked or marked. The <a href="/papers">daily papers</a> list everything on the feed.
        </p>
      ) : (
        <section class="cards" aria-label="Papers for you">
          {f.entries.map((e, i) => (
            <PaperCard
              entry={e}
              n={i + 1}
              extra={<ForYouActions paperId={e.paper.id} reason={e.reason} csrfToken={props.csrfToken} returnTo={FOR_YOU_PATH} headingId={`card-${i + 1}`} />}
            />
          ))}
        </section>
      )}
    </Layout>
  );
}

function MarkedNotice(props: { paper: StoredPaper; csrfToken: string }) {
  return (
    <form class="notice" role="status" method="post" action={`${paperHref(props.paper.id)}/interested`}>
      Marked <Tex text={props.paper.title} /> “not interested”: you will see fewer papers like it.{" "}
      <CsrfInput token={props.csrfToken} />
      <input type="hidden" name="returnTo" value={FOR_YOU_PATH} />
      <button type="submit" class="quiet">Undo</button>
    </form>
  );
}
