// An organisation's page: its papers on the feed, newest first, and the hub members who belong to it.
import type { OrgView } from "../../feed/feed-service.js";
import type { Chrome } from "./chrome.js";
import { orgHref, plural } from "./format.js";
import { Layout } from "./layout.js";
import { Pager } from "./pager.js";
import { CardList } from "./paper-card.js";
import { SubscribeForm, type SubscribeOffer } from "./subscribe-form.js";

export function OrgPage(props: Chrome & { view: OrgView; subscribe?: SubscribeOffer | null }) {
  const v = props.view;
  const title = v.fullname ?? v.name;
  return (
    <Layout title={title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>
        {title}
        {v.fullname && v.fullname !== v.name ? <span class="subtitle"> {v.name}</span> : null}
      </h1>
      <p class="meta">
        {plural(v.total, "paper")} on the feed · {plural(v.members.length, "member")}
      </p>
      {v.members.length > 0 ? (
        <section aria-labelledby="members-heading" class="members">
          <h2 id="members-heading">Members</h2>
          <ul>
            {v.members.map((m) => (
              <li>
                <a href={`/u/${encodeURIComponent(m.name)}`}>{m.displayName ?? m.name}</a>
                {m.displayName ? <span class="meta"> @{m.name}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {v.total > 0 ? (
        <section aria-labelledby="papers-heading">
          <h2 id="papers-heading">Papers</h2>
          <CardList entries={v.entries} label={`Papers of ${title}`} level={3} />
          <Pager page={v.page} pageCount={v.pageCount} href={(n) => `${orgHref(v.name)}${n > 1 ? `?page=${n}` : ""}`} />
        </section>
      ) : null}
      <SubscribeForm offer={props.subscribe} viewer={props.viewer} csrfToken={props.csrfToken} />
    </Layout>
  );
}
