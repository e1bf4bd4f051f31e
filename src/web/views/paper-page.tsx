// The page of one paper: record, links and hub facts.
import type { StoredPaper } from "../../domain/paper.js";
import { Layout } from "./layout.js";

export function PaperPage(props: { paper: StoredPaper; similar: StoredPaper[] }) {
  const p = props.paper;
  const links: Array<[string, string | undefined]> = [
    ["Abstract page", p.links.abs],
    ["PDF", p.links.pdf],
    ["Code", p.links.code ?? p.hub?.githubRepo ?? undefined],
    ["Project page", p.links.project ?? p.hub?.projectPage ?? undefined],
  ];
  return (
    <Layout title={p.title}>
      <article>
        <h1>{p.title}</h1>
        <p class="authors">
          {p.authors.map((a, i) => (
            <span>
              {i > 0 ? ", " : ""}
              {a.name}
              {a.affiliation ? <small> ({a.affiliation})</small> : null}
            </span>
          ))}
        </p>
        <dl class="facts">
          <dt>Id</dt>
          <dd>{p.id}{p.version ? ` (v${p.version})` : ""}</dd>
          {p.publishedAt ? (<><dt>Published</dt><dd>{p.publishedAt.slice(0, 10)}</dd></>) : null}
          {p.updatedAt ? (<><dt>Updated</dt><dd>{p.updatedAt.slice(0, 10)}</dd></>) : null}
          {p.categories.length ? (<><dt>Categories</dt><dd>{p.categories.join(", ")}</dd></>) : null}
          {p.hub?.feedDay ? (<><dt>On the feed</dt><dd>{p.hub.feedDay}{p.hub.submittedBy ? ` by ${p.hub.submittedBy.name}` : ""}</dd></>) : null}
          {p.hub?.upvotes != null ? (<><dt>Upvotes</dt><dd>{p.hub.upvotes}</dd></>) : null}
          {p.hub?.organization ? (<><dt>Organisation</dt><dd>{p.hub.organization.fullname ?? p.hub.organization.name}</dd></>) : null}
          {p.journalRef ? (<><dt>Journal</dt><dd>{p.journalRef}</dd></>) : null}
          {p.doi ? (<><dt>DOI</dt><dd>{p.doi}</dd></>) : null}
          {p.comments ? (<><dt>Comments</dt><dd>{p.comments}</dd></>) : null}
        </dl>
        <ul class="links">
          {links.filter(([, href]) => href && /^https?:\/\//.test(href)).map(([label, href]) => (
            <li><a href={href} rel="noopener nofollow">{label}</a></li>
          ))}
        </ul>
        {p.hub?.aiSummary ? <p class="ai-summary"><strong>Summary:</strong> {p.hub.aiSummary}</p> : null}
        <h2>Abstract</h2>
        <p class="abstract">{p.abstract}</p>
      </article>
      {props.similar.length > 0 ? (
        <aside aria-labelledby="similar-heading">
          <h2 id="similar-heading">Similar papers</h2>
          <ul class="similar">
            {props.similar.map((s) => (
              <li>
                <a href={`/papers/${s.id}`}>{s.title}</a>
                {s.publishedAt ? <span class="meta"> · {s.publishedAt.slice(0, 10)}</span> : null}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </Layout>
  );
}

export function MessagePage(props: { title: string; message: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p><a href="/">Back to the latest papers</a></p>
    </Layout>
  );
}
