// The daily feed page: a day, week or month of papers, with the period switcher, previous/next links and a day picker.
import { periodOf, type FeedPeriod } from "../../feed/feed-period.js";
import type { FeedView } from "../../feed/feed-service.js";
import type { AutosyncStatus } from "../../jobs/autosync.js";
import type { Chrome } from "./chrome.js";
import { formatLongDay, formatWeekDay, periodHref, periodShort, periodTitle, plural } from "./format.js";
import { Layout } from "./layout.js";
import { Pager } from "./pager.js";
import { CardList } from "./paper-card.js";
import { SyncNotice } from "./sync-notice.js";
import { SubscribeForm, type SubscribeOffer } from "./subscribe-form.js";

export function FeedPage(props: Chrome & { view: FeedView; sync: AutosyncStatus; subscribe?: SubscribeOffer | null }) {
  const v = props.view;
  const title = v.period.kind === "day" && v.period.from === v.today && !v.fellBack ? "Today's papers" : periodTitle(v.period);
  return (
    <Layout title={title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <div class="feed-head">
        <h1>
          {title}
          {title !== periodTitle(v.period) ? <span class="subtitle"> {periodTitle(v.period)}</span> : null}
        </h1>
        <PeriodSwitcher view={v} />
      </div>
      <SyncNotice sync={props.sync} />
      {v.fellBack ? (
        <p class="notice" role="status">
          Nothing on the feed for today ({formatLongDay(v.today)}) yet: showing {formatLongDay(v.period.from)}, the latest day with papers.
        </p>
      ) : null}
      <PeriodNav view={v} position="top" />
      {v.days.length > 0 ? <DayStrip days={v.days} /> : null}
      {v.total === 0 ? (
        <p class="empty">
          No papers on the feed {v.period.kind === "day" ? "on this day" : `in this ${v.period.kind}`}.
          {!v.prev && !v.next ? (
            <>
              {" "}
              The feed has no days with papers yet: <a href="/papers/latest">browse every paper in the hub</a>.
            </>
          ) : null}
        </p>
      ) : (
        <>
          <p class="meta">
            {plural(v.total, "paper")}, most upvoted first
            {v.pageCount > 1 ? ` · page ${v.page} of ${v.pageCount}` : ""}
          </p>
          <CardList entries={v.entries} label={`Papers, ${periodShort(v.period)}`} />
          <Pager page={v.page} pageCount={v.pageCount} href={(n) => periodHref(v.period, n)} />
        </>
      )}
      <PeriodNav view={v} position="bottom" />
      <DayPicker value={v.period.from} />
      <SubscribeForm offer={props.subscribe} viewer={props.viewer} csrfToken={props.csrfToken} />
    </Layout>
  );
}

/** Day · Week · Month views of the period on screen. */
function PeriodSwitcher(props: { view: FeedView }) {
  const v = props.view;
  // Moving from a week or month to a day goes to its first day with papers.
  const anchor = v.days[0]?.day ?? v.period.from;
  const kinds = [
    ["day", "Day"],
    ["week", "Week"],
    ["month", "Month"],
  ] as const;
  return (
    <nav class="switcher" aria-label="Period">
      <ul>
        {kinds.map(([kind, label]) => (
          <li>
            <a href={periodHref(periodOf(kind, anchor))} aria-current={kind === v.period.kind ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Links to the nearest periods with papers; the top one is the page's main navigation between periods. */
function PeriodNav(props: { view: FeedView; position: "top" | "bottom" }) {
  const { prev, next, period } = props.view;
  if (!prev && !next) return null;
  const unit = period.kind === "day" ? "day" : period.kind;
  const link = (p: FeedPeriod, rel: "prev" | "next") => (
    <a rel={rel} href={periodHref(p)}>
      {rel === "prev" ? `← ${periodShort(p)}` : `${periodShort(p)} →`}
      <span class="sr-only"> ({rel === "prev" ? "previous" : "next"} {unit} with papers)</span>
    </a>
  );
  return (
    <nav class={`period-nav ${props.position}`} aria-label={props.position === "top" ? `Previous and next ${unit}` : `Previous and next ${unit}, end of list`}>
      {prev ? link(prev, "prev") : <span />}
      {next ? link(next, "next") : <span />}
    </nav>
  );
}

function DayStrip(props: { days: Array<{ day: string; papers: number }> }) {
  return (
    <nav class="day-strip" aria-label="Days with papers">
      <ol>
        {props.days.map((d) => (
          <li>
            <a href={periodHref({ kind: "day", key: d.day })}>
              <span class="day-name">{formatWeekDay(d.day)}</span>
              <span class="day-count">{plural(d.papers, "paper")}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A plain GET form: browsers show a date picker, and the page works without one. */
function DayPicker(props: { value: string }) {
  return (
    <form class="day-picker" method="get" action="/papers">
      <label for="pick-date">Go to a day</label>
      <input id="pick-date" type="date" name="date" value={props.value} required />
      <button type="submit">Go</button>
    </form>
  );
}
