// A user's collections: the public ones for everyone, all of them (and the form to make one) for their owner.
import type { Collection, Owner } from "../../personal/collections-service.js";
import { NAME_MAX } from "../../personal/collections-service.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { collectionHref } from "./collection-href.js";
import { formatShortDay, plural } from "./format.js";
import { Layout } from "./layout.js";

export function CollectionListPage(props: { owner: Owner; collections: Collection[]; viewer: Viewer | null; csrfToken: string; error?: string }) {
  const mine = props.viewer?.id === props.owner.id;
  const title = mine ? "Your collections" : `Collections of ${props.owner.displayName}`;
  return (
    <Layout title={title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>{title}</h1>
      <p class="meta">
        <a href={`/u/${encodeURIComponent(props.owner.name)}`}>@{props.owner.name}</a>
        {mine ? " · Private collections are seen by you alone; saved papers teach your “For you” feed what you like." : null}
      </p>
      {props.collections.length === 0 ? (
        <p class="empty">{mine ? "No collections yet: “Save” on a paper starts your “Saved” one." : "No public collections."}</p>
      ) : (
        <ul class="collection-list">
          {props.collections.map((c) => (
            <li>
              <a href={collectionHref(props.owner.name, c.slug)}>{c.name}</a>
              <span class="meta">
                {" "}
                · {plural(c.items, "paper")} · {c.isPublic ? "public" : "private"} · since {formatShortDay(c.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mine ? <CreateForm csrfToken={props.csrfToken} error={props.error} /> : null}
    </Layout>
  );
}

function CreateForm(props: { csrfToken: string; error?: string | undefined }) {
  return (
    <section aria-labelledby="new-collection">
      <h2 id="new-collection">New collection</h2>
      {props.error ? (
        <p class="notice warn" role="alert" id="new-collection-error">
          {props.error}
        </p>
      ) : null}
      <form class="collection-admin" method="post" action="/collections">
        <CsrfInput token={props.csrfToken} />
        <label for="new-collection-name">Name</label>
        <input id="new-collection-name" name="name" type="text" required maxlength={NAME_MAX} aria-describedby={props.error ? "new-collection-error" : undefined} />
        <label>
          <input type="checkbox" name="public" value="1" /> Public
        </label>
        <button type="submit">Create</button>
      </form>
    </section>
  );
}
