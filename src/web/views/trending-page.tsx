// The trending page: papers ranked by upvotes and comments decayed by age, with how the score works.
import type { TrendingView } from "../../feed/feed-service.js";
import type { Chrome } from "./chrome.js";
import { formatLongDay, plural } from "./format.js";
import { Layout } from "./layout.js";
import { Pager } from "./pager.js";
import { CardList } from "./paper-card.js";
import { SubscribeForm, type SubscribeOffer } from "./subscribe-form.js";

export function TrendingPage(props: Chrome & { view: TrendingView; subscribe?: SubscribeOffer | null }) {
  const v = props.view;
  return (
    <Layout title="Trending papers" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Trending papers</h1>
      <p class="meta">
        Upvotes plus twice the comments plus the square root of GitHub stars, halved every {plural(v.halfLifeHours, "hour")} since a paper
        entered the feed; papers of the last {plural(v.windowDays, "day")}.
      </p>
      {v.asOf ? (
        <p class="notice" role="status">
          Nothing entered the feed in the last {plural(v.windowDays, "day")}: showing what trended as of {formatLongDay(v.asOf)}, the latest day with
          papers.
        </p>
      ) : null}
      {v.total === 0 ? (
        <p class="empty">
          No paper has upvotes or comments yet. The <a href="/papers">daily papers</a> list everything on the feed.
        </p>
      ) : (
        <>
          <CardList entries={v.entries} label="Trending papers" />
          <Pager page={v.page} pageCount={v.pageCount} href={(n) => (n > 1 ? `/papers/trending?page=${n}` : "/papers/trending")} />
        </>
      )}
      <SubscribeForm offer={props.subscribe} viewer={props.viewer} csrfToken={props.csrfToken} />
    </Layout>
  );
}
