// A category's page: its newest papers, with links to its feeds and citation exports.
import type { Listing } from "../../export/listings.js";
import type { Chrome } from "./chrome.js";
import { plural } from "./format.js";
import { Layout } from "./layout.js";
import { CardList } from "./paper-card.js";

export function CategoryPage(props: Chrome & { category: string; listing: Listing }) {
  const { category, listing } = props;
  const base = `/categories/${encodeURIComponent(category)}`;
  return (
    <Layout title={`Papers in ${category}`} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>
        Papers in <code>{category}</code>
      </h1>
      <p class="meta">
        The {plural(listing.entries.length, "newest paper")} in {category} on this hub, by publication date. Follow it as{" "}
        <a href={`${base}/feed.rss`}>RSS</a>, <a href={`${base}/feed.atom`}>Atom</a> or <a href={`${base}/feed.json`}>JSON Feed</a>; cite it as{" "}
        <a href={`${base}/feed.bib`}>BibTeX</a>, <a href={`${base}/feed.ris`}>RIS</a> or <a href={`${base}/feed.csl.json`}>CSL-JSON</a>.
      </p>
      {listing.entries.length === 0 ? (
        <p class="empty">
          No paper in {category} yet. <a href="/papers/search">Search</a> for something else.
        </p>
      ) : (
        <CardList entries={listing.entries} label={`Papers in ${category}`} />
      )}
    </Layout>
  );
}
