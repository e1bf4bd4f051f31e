// The card of one paper in a list: cover, title, authors, when and by whom, organisation, counts, categories and links.
import type { Child } from "hono/jsx";
import type { StoredPaper } from "../../domain/paper.js";
import { Cover } from "./cover.js";
import { compact, formatShortDay, isWebUrl, orgHref, paperHref } from "./format.js";
import { Marked, Tex, hasMath } from "./tex.js";

export interface CardData {
  paper: StoredPaper;
  upvotes: number;
  comments: number;
}

export interface CardProps {
  entry: CardData;
  /** Unique on the page: names the card's heading for assistive technology. */
  n: number;
  /** Search highlights (see search/highlight.ts). */
  titleHighlight?: string | null;
  snippet?: string | null;
  /** Heading level of the title: 2 in a page's main list, 3 under a section heading. */
  level?: 2 | 3;
  /** Below the card's links: what a list adds to each card (the for-you reason and actions, a collection's remove button). */
  extra?: Child;
}

/** "Ada Lovelace, Alan Turing, Grace Hopper +4" */
export function authorLine(p: StoredPaper, max = 3): string {
  const names = p.authors.map((a) => a.name);
  return names.length > max ? `${names.slice(0, max).join(", ")} +${names.length - max}` : names.join(", ");
}

export function PaperCard(props: CardProps) {
  const { paper: p, upvotes, comments } = props.entry;
  const href = paperHref(p.id);
  const hub = p.hub;
  const day = hub?.feedDay ?? p.publishedAt?.slice(0, 10) ?? null;
  const submitter = hub?.submittedBy ? (hub.submittedBy.fullname ?? hub.submittedBy.name) : null;
  const org = hub?.organization;
  const headingId = `card-${props.n}`;
  const Heading = props.level === 3 ? "h3" : "h2";
  return (
    <article class="card" aria-labelledby={headingId}>
      <Cover paper={p} href={href} />
      <div class="card-body">
        <Heading class="card-title" id={headingId}>
          <a href={href}>{props.titleHighlight && !hasMath(p.title) ? <Marked text={props.titleHighlight} /> : <Tex text={p.title} />}</a>
        </Heading>
        {p.authors.length > 0 ? <p class="authors">{authorLine(p)}</p> : null}
        <p class="meta">
          {day ? <time datetime={day}>{formatShortDay(day)}</time> : null}
          {submitter ? <span> · submitted by {submitter}</span> : null}
          {org ? (
            <span>
              {" · "}
              <a href={orgHref(org.name)}>{org.fullname ?? org.name}</a>
            </span>
          ) : null}
        </p>
        {props.snippet ? (
          <p class="snippet">
            <Marked text={props.snippet} />
          </p>
        ) : null}
        <div class="card-foot">
          <Counts upvotes={upvotes} comments={comments} href={href} />
          {p.categories.length > 0 ? (
            <ul class="cats" aria-label="Categories">
              {p.categories.slice(0, 3).map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          ) : null}
          <PaperLinks paper={p} />
        </div>
        {props.extra ?? null}
      </div>
    </article>
  );
}

export function Counts(props: { upvotes: number; comments: number; href: string }) {
  return (
    <p class="counts">
      <span class="votes">
        <span aria-hidden="true">▲ </span>
        {compact(props.upvotes)}
        <span class="sr-only"> {props.upvotes === 1 ? "upvote" : "upvotes"}</span>
      </span>
      <a class="comment-count" href={`${props.href}#comments`}>
        <CommentIcon />
        {compact(props.comments)}
        <span class="sr-only"> {props.comments === 1 ? "comment" : "comments"}</span>
      </a>
    </p>
  );
}

/** A speech bubble, drawn inline (an SVG element is markup, not a script or style, so the CSP allows it). */
function CommentIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M3 2h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H8l-3.5 3v-3H3a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z" />
    </svg>
  );
}

/** arXiv, PDF, code (with its stars) and project page: each only when it is an http(s) link. */
export function PaperLinks(props: { paper: StoredPaper; full?: boolean }) {
  const p = props.paper;
  const code = [p.links.code, p.hub?.githubRepo].find(isWebUrl);
  const project = [p.links.project, p.hub?.projectPage].find(isWebUrl);
  const stars = p.hub?.githubStars;
  const arxivLike = p.links.abs?.includes("arxiv.org") ? "arXiv" : "Abstract";
  const links: Array<[string, string | null | undefined, string?]> = [
    [arxivLike, p.links.abs],
    ["PDF", p.links.pdf],
    ["Code", code, stars != null && stars > 0 ? `★ ${compact(stars)}` : undefined],
    [props.full ? "Project page" : "Project", project],
  ];
  const shown = links.filter((l): l is [string, string, string?] => isWebUrl(l[1]));
  if (shown.length === 0) return null;
  return (
    <ul class="links" aria-label="Links">
      {shown.map(([label, href, extra]) => (
        <li>
          <a href={href} rel="noopener nofollow">
            {label}
            {extra ? <span class="stars"> {extra}<span class="sr-only"> stars</span></span> : null}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A list of cards; `start` numbers headings uniquely across a page. */
export function CardList(props: { entries: CardData[]; label: string; start?: number; level?: 2 | 3 }) {
  return (
    <section class="cards" aria-label={props.label}>
      {props.entries.map((e, i) => (
        <PaperCard entry={e} n={(props.start ?? 0) + i + 1} level={props.level ?? 2} />
      ))}
    </section>
  );
}
