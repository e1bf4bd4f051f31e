// The page of an arXiv id the hub does not hold yet: offers to fetch it from arXiv (a POST form with the CSRF token).
import { arxivAbsUrl } from "../../domain/arxiv-id.js";
import type { Chrome } from "./chrome.js";
import { Layout } from "./layout.js";

export function IndexPaperPage(props: Chrome & { id: string; canFetch: boolean }) {
  return (
    <Layout title={`arXiv ${props.id}`} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>arXiv {props.id} is not in this hub yet</h1>
      {props.canFetch ? (
        <>
          <p>Index it to read it here: the hub fetches its record from arXiv, then it can be upvoted, discussed and found by search.</p>
          <form class="index-form" method="post" action="/papers/index">
            <input type="hidden" name="_csrf" value={props.csrfToken ?? ""} />
            <input type="hidden" name="id" value={props.id} />
            <button type="submit">Index this paper</button>
          </form>
        </>
      ) : (
        <p>This hub is not set up to fetch papers from arXiv.</p>
      )}
      <p>
        Or read it on arXiv: <a href={arxivAbsUrl(props.id)} rel="noopener nofollow">{arxivAbsUrl(props.id)}</a>
      </p>
    </Layout>
  );
}
