// One collection: its papers as cards, its feeds and citation downloads, and for its owner rename, visibility, delete and remove.
import type { CollectionView } from "../../personal/collections-service.js";
import { NAME_MAX } from "../../personal/collections-service.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { collectionHref, collectionsHref } from "./collection-href.js";
import { plural } from "./format.js";
import { Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";

export function CollectionPage(props: { view: CollectionView; viewer: Viewer | null; csrfToken: string }) {
  const { owner, collection: c, entries } = props.view;
  const mine = props.viewer?.id === owner.id;
  const href = collectionHref(owner.name, c.slug);
  return (
    <Layout title={c.name} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>{c.name}</h1>
      <p class="meta">
        A {c.isPublic ? "public" : "private"} collection of <a href={collectionsHref(owner.name)}>{owner.displayName}</a> · {plural(entries.length, "paper")}
        {" · "}
        {c.isPublic ? (
          <>
            Feed: <a href={`${href}/feed.rss`}>RSS</a>, <a href={`${href}/feed.atom`}>Atom</a>, <a href={`${href}/feed.json`}>JSON</a> ·{" "}
          </>
        ) : null}
        Download: <a href={`${href}/feed.bib`}>BibTeX</a>, <a href={`${href}/feed.ris`}>RIS</a>, <a href={`${href}/feed.csl.json`}>CSL-JSON</a>
      </p>
      {mine ? <OwnerControls href={href} name={c.name} isPublic={c.isPublic} csrfToken={props.csrfToken} /> : null}
      {entries.length === 0 ? (
        <p class="empty">No papers here yet. “Save” on a paper's page adds it.</p>
      ) : (
        <section class="cards" aria-label={`Papers in ${c.name}`}>
          {entries.map((e, i) => (
            <PaperCard entry={e} n={i + 1} extra={mine ? <RemoveForm href={href} paperId={e.paper.id} csrfToken={props.csrfToken} /> : undefined} />
          ))}
        </section>
      )}
    </Layout>
  );
}

function OwnerControls(props: { href: string; name: string; isPublic: boolean; csrfToken: string }) {
  return (
    <div class="collection-admin">
      <form method="post" action={`${props.href}/edit`}>
        <CsrfInput token={props.csrfToken} />
        <label for="collection-name">Name</label>
        <input id="collection-name" name="name" type="text" required maxlength={NAME_MAX} value={props.name} />
        <label>
          <input type="checkbox" name="public" value="1" checked={props.isPublic} /> Public
        </label>
        <button type="submit">Save changes</button>
      </form>
      <details>
        <summary>Delete this collection</summary>
        <form method="post" action={`${props.href}/delete`}>
          <CsrfInput token={props.csrfToken} />
          <button type="submit" class="danger">Delete “{props.name}” (the papers stay in the hub)</button>
        </form>
      </details>
    </div>
  );
}

function RemoveForm(props: { href: string; paperId: string; csrfToken: string }) {
  return (
    <div class="card-actions">
      <form method="post" action={`${props.href}/remove`}>
        <CsrfInput token={props.csrfToken} />
        <input type="hidden" name="paper" value={props.paperId} />
        <button type="submit" class="quiet" aria-label={`Remove ${props.paperId} from this collection`}>
          Remove
        </button>
      </form>
    </div>
  );
}
