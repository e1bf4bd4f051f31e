// "Save to collection" on a paper's page: a menu of the reader's collections, and the ones holding the paper with a remove button each.
import type { Collection } from "../../personal/collections-service.js";
import { DEFAULT_COLLECTION } from "../../personal/collections-service.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { collectionHref, collectionsHref } from "./collection-href.js";
import { paperHref } from "./format.js";

export function SaveToCollection(props: { paperId: string; collections: Array<Collection & { holds: boolean }>; viewer: Viewer; csrfToken: string }) {
  const href = paperHref(props.paperId);
  const holding = props.collections.filter((c) => c.holds);
  const others = props.collections.filter((c) => !c.holds);
  const hasDefault = props.collections.some((c) => c.slug === DEFAULT_COLLECTION.slug);
  return (
    <div class="save-menu">
      {others.length > 0 || !hasDefault ? (
        <form method="post" action={`${href}/save`}>
          <CsrfInput token={props.csrfToken} />
          <input type="hidden" name="returnTo" value={href} />
          <label for="save-collection">Save to</label>
          <select id="save-collection" name="collection">
            {!hasDefault ? <option value="">{DEFAULT_COLLECTION.name}</option> : null}
            {others.map((c) => (
              <option value={c.id}>{c.name}</option>
            ))}
          </select>
          <button type="submit">Save</button>
        </form>
      ) : null}
      {holding.map((c) => (
        <form method="post" action={`${href}/unsave`}>
          <CsrfInput token={props.csrfToken} />
          <input type="hidden" name="collection" value={c.id} />
          <input type="hidden" name="returnTo" value={href} />
          <span>
            In <a href={collectionHref(props.viewer.name, c.slug)}>{c.name}</a>
          </span>{" "}
          <button type="submit" class="quiet" aria-label={`Remove from ${c.name}`}>Remove</button>
        </form>
      ))}
      <a href={collectionsHref(props.viewer.name)}>Collections</a>
    </div>
  );
}
