// The list of latest papers, and the page an empty store shows instead.
import type { StoredPaper } from "../../domain/paper.js";
import type { AutosyncStatus } from "../../jobs/autosync.js";
import { Layout } from "./layout.js";

export function authorLine(p: StoredPaper, max = 4): string {
  const names = p.authors.map((a) => a.name);
  return names.length > max ? `${names.slice(0, max).join(", ")} +${names.length - max}` : names.join(", ");
}

export function PaperListPage(props: { papers: StoredPaper[]; total: number; nextCursor: string | null; sync: AutosyncStatus }) {
  if (props.total === 0) return <EmptyStorePage sync={props.sync} />;
  return (
    <Layout title="Latest papers">
      <h1>Latest papers</h1>
      <SyncNotice sync={props.sync} />
      <p class="meta">{props.total.toLocaleString("en")} papers in the store</p>
      <ol class="papers">
        {props.papers.map((p) => (
          <li>
            <a href={`/papers/${p.id}`}>{p.title}</a>
            <div class="meta">
              {authorLine(p)}
              {p.publishedAt ? ` · ${p.publishedAt.slice(0, 10)}` : ""}
              {p.hub?.upvotes != null ? ` · ▲ ${p.hub.upvotes}` : ""}
            </div>
          </li>
        ))}
      </ol>
      {props.nextCursor ? (
        <nav aria-label="Pages">
          <a rel="next" href={`/?cursor=${encodeURIComponent(props.nextCursor)}`}>
            Older papers →
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

function SyncNotice(props: { sync: AutosyncStatus }) {
  const s = props.sync;
  if (s.state !== "running") return null;
  return (
    <p class="notice" role="status">
      Fetching the Daily Papers feed: {s.daysDone} of {s.daysTotal} days, {s.papers} papers so far.
    </p>
  );
}

export function EmptyStorePage(props: { sync: AutosyncStatus }) {
  return (
    <Layout title="Paperboard">
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
