// The page of one paper: record, links, community (upvote button, comments), citation and similar papers.
import type { Child } from "hono/jsx";
import type { StoredPaper } from "../../domain/paper.js";
import type { Chrome } from "./chrome.js";
import { compact, formatShortDay, isWebUrl, orgHref, paperHref, plural } from "./format.js";
import { Layout } from "./layout.js";
import { PaperLinks, authorLine, type CardData } from "./paper-card.js";
import { Tex } from "./tex.js";

export { MessagePage } from "./message-page.js";

/** Author lists of large collaborations run to hundreds of names: the rest is folded. */
const AUTHORS_SHOWN = 12;

export interface PaperPageProps extends Chrome {
  paper: StoredPaper;
  upvotes: number;
  comments: number;
  /** Shown to moderators only: the paper is hidden from every list. */
  hidden: boolean;
  bibtex: string;
  similar: CardData[];
  /** The upvote button (community-parts); without it, the count alone. */
  upvote?: Child;
  /** The comment thread (community-parts), a section with id "comments"; without it, the count alone. */
  thread?: Child;
}

export function PaperPage(props: PaperPageProps) {
  const p = props.paper;
  const hub = p.hub;
  const shown = p.authors.slice(0, AUTHORS_SHOWN);
  const folded = p.authors.slice(AUTHORS_SHOWN);
  return (
    <Layout title={p.title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <div class="paper-layout">
        <div class="paper-main">
          <article class="paper" aria-labelledby="paper-title">
            {props.hidden ? (
              <p class="notice warn" role="status">
                A moderator has hidden this paper: it is left out of every list, and only moderators can open this page.
              </p>
            ) : null}
            <header class="paper-head">
              {p.categories.length > 0 ? (
                <ul class="cats" aria-label="Categories">
                  {p.categories.map((c) => (
                    <li>{c}</li>
                  ))}
                </ul>
              ) : null}
              <h1 id="paper-title">
                <Tex text={p.title} />
              </h1>
              <p class="authors">
                {shown.map((a, i) => (
                  <span>
                    {i > 0 ? ", " : ""}
                    {a.name}
                    {a.affiliation ? <small> ({a.affiliation})</small> : null}
                  </span>
                ))}
              </p>
              {folded.length > 0 ? (
                <details class="more-authors">
                  <summary>and {plural(folded.length, "more author")}</summary>
                  <p>{folded.map((a) => a.name).join(", ")}</p>
                </details>
              ) : null}
              <div class="paper-actions">
                {props.upvote ?? (
                  <p class="counts">
                    <span class="votes">▲ {compact(props.upvotes)}</span> {props.upvotes === 1 ? "upvote" : "upvotes"}
                  </p>
                )}
                <PaperLinks paper={p} full />
              </div>
            </header>
            <dl class="facts">
              <dt>arXiv id</dt>
              <dd>
                {p.id}
                {p.version ? ` (v${p.version})` : ""}
              </dd>
              {p.publishedAt ? <Fact label="Published" value={formatShortDay(p.publishedAt)} /> : null}
              {p.updatedAt && p.updatedAt.slice(0, 10) !== p.publishedAt?.slice(0, 10) ? <Fact label="Updated" value={formatShortDay(p.updatedAt)} /> : null}
              {hub?.feedDay ? (
                <>
                  <dt>On the feed</dt>
                  <dd>
                    <a href={`/papers?date=${hub.feedDay}`}>{formatShortDay(hub.feedDay)}</a>
                    {hub.submittedBy ? ` · submitted by ${hub.submittedBy.fullname ?? hub.submittedBy.name}` : ""}
                  </dd>
                </>
              ) : null}
              {hub?.organization ? (
                <>
                  <dt>Organisation</dt>
                  <dd>
                    <a href={orgHref(hub.organization.name)}>{hub.organization.fullname ?? hub.organization.name}</a>
                  </dd>
                </>
              ) : null}
              {p.journalRef ? <Fact label="Journal" value={p.journalRef} /> : null}
              {p.doi ? (
                <>
                  <dt>DOI</dt>
                  <dd>{isWebUrl(`https://doi.org/${p.doi}`) ? <a href={`https://doi.org/${p.doi}`}>{p.doi}</a> : p.doi}</dd>
                </>
              ) : null}
              {p.comments ? <Fact label="Comments" value={p.comments} /> : null}
            </dl>
            {hub?.aiSummary ? (
              <section class="ai-summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">Summary</h2>
                <p>{hub.aiSummary}</p>
                <p class="meta">Written by a language model on the source feed; the abstract below is the authors'.</p>
              </section>
            ) : null}
            <section aria-labelledby="abstract-heading">
              <h2 id="abstract-heading">Abstract</h2>
              <p class="abstract">
                <Tex text={p.abstract || "No abstract."} links />
              </p>
            </section>
            <details class="cite">
              <summary>Cite</summary>
              <label for="bibtex">BibTeX</label>
              <textarea id="bibtex" readonly rows={Math.min(14, props.bibtex.split("\n").length)} spellcheck={false}>
                {props.bibtex}
              </textarea>
              <p class="meta">
                Download: <a href={`${paperHref(p.id)}.bib`}>BibTeX</a> · <a href={`${paperHref(p.id)}.ris`}>RIS</a> ·{" "}
                <a href={`${paperHref(p.id)}.csl.json`}>CSL-JSON</a> · <a href={`${paperHref(p.id)}.md`}>Markdown</a>
              </p>
            </details>
          </article>
          {props.thread ?? (
            <section id="comments" class="comments" aria-labelledby="comments-heading">
              <h2 id="comments-heading">Comments</h2>
              <p class="meta">{props.comments > 0 ? `${plural(props.comments, "comment")} on the source feed.` : "No comments yet."}</p>
            </section>
          )}
        </div>
        {props.similar.length > 0 ? <Similar entries={props.similar} /> : null}
      </div>
    </Layout>
  );
}

function Fact(props: { label: string; value: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

function Similar(props: { entries: CardData[] }) {
  return (
    <aside class="similar" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Similar papers</h2>
      <ul>
        {props.entries.map(({ paper: s, upvotes }) => (
          <li>
            <a href={paperHref(s.id)}>
              <Tex text={s.title} />
            </a>
            <span class="meta">
              {authorLine(s)}
              {s.publishedAt ? ` · ${formatShortDay(s.publishedAt)}` : ""}
              {upvotes > 0 ? ` · ▲ ${compact(upvotes)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
