// Every paper newest first (also those never on the feed), and the page an empty store shows instead.
import type { AutosyncStatus } from "../../jobs/autosync.js";
import type { Chrome } from "./chrome.js";
import { Layout } from "./layout.js";
import { CardList, type CardData } from "./paper-card.js";
import { SyncNotice } from "./sync-notice.js";

export function LatestPage(props: Chrome & { entries: CardData[]; nextCursor: string | null; sync: AutosyncStatus }) {
  return (
    <Layout title="All papers" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>All papers</h1>
      <SyncNotice sync={props.sync} />
      <p class="meta">Every paper in the hub, newest publication first, whether or not it was on the daily feed.</p>
      <CardList entries={props.entries} label="Papers" />
      {props.nextCursor ? (
        <nav class="pager" aria-label="Pages">
          <span />
          <a rel="next" href={`/papers/latest?cursor=${encodeURIComponent(props.nextCursor)}`}>
            Older papers →
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

export function EmptyStorePage(props: Chrome & { sync: AutosyncStatus }) {
  return (
    <Layout title="Paperboard" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>No papers yet</h1>
      <SyncNotice sync={props.sync} />
      <p>Bring papers in with the command line, then reload this page:</p>
      <pre>
        <code>
          {`npx paperboard sync hf --days 7            # the last week of the Daily Papers feed
npx paperboard sync arxiv --set cs:cs:LG     # arXiv over OAI-PMH
npx paperboard import papers.jsonl           # a file: Kaggle snapshot, arXiv Atom/OAI-PMH, Daily Papers JSON, JSON lines`}
        </code>
      </pre>
      {props.sync.state === "offline" ? <p class="meta">The Daily Papers feed could not be reached; the hub works offline with what you import.</p> : null}
    </Layout>
  );
}
