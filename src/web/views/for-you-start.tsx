// The start page of the personal feed: pick a few papers (trending now), categories and authors; picks are saved and followed.
import type { StartOptions } from "../../personal/onboarding-service.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { plural } from "./format.js";
import { Layout } from "./layout.js";
import { authorLine } from "./paper-card.js";
import { Tex } from "./tex.js";

export function ForYouStartPage(props: { options: StartOptions; viewer: Viewer; csrfToken: string }) {
  const o = props.options;
  // What the reader follows stays on offer (checked) even when it is no longer among the busiest.
  const categories = withFollowed(o.categories, o.following.categories);
  const authors = withFollowed(o.authors, o.following.authors);
  const followed = (list: string[], name: string) => list.some((f) => f.toLowerCase() === name.toLowerCase());
  return (
    <Layout title="Start your feed" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>What do you read?</h1>
      <p>
        Pick a few papers, categories or authors. Picked papers are saved to your “Saved” collection; followed categories and authors come first in{" "}
        <a href="/papers/for-you">your feed</a>. You can come back and change them at any time.
      </p>
      <form method="post" action="/papers/for-you/start">
        <CsrfInput token={props.csrfToken} />
        {o.papers.length > 0 ? (
          <fieldset class="pick-group">
            <legend>Papers you would read</legend>
            <ul class="picks">
              {o.papers.map((e) => (
                <li>
                  <label>
                    <input type="checkbox" name="paper" value={e.paper.id} />
                    <span>
                      <Tex text={e.paper.title} />
                      {e.paper.authors.length > 0 ? <span class="meta"> · {authorLine(e.paper, 2)}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <fieldset class="pick-group">
          <legend>Categories</legend>
          {categories.length > 0 ? (
            <ul class="picks">
              {categories.map((c) => (
                <li>
                  <label>
                    <input type="checkbox" name="category" value={c.name} checked={followed(o.following.categories, c.name)} />
                    <span>
                      {c.name}
                      {c.papers > 0 ? <span class="meta"> · {plural(c.papers, "recent paper")}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <label for="start-categories">Other arXiv categories, separated by commas</label>{" "}
          <input id="start-categories" type="text" name="categoryText" maxlength={1000} placeholder="cs.CL, stat.ML" />
        </fieldset>
        <fieldset class="pick-group">
          <legend>Authors</legend>
          {authors.length > 0 ? (
            <ul class="picks">
              {authors.map((a) => (
                <li>
                  <label>
                    <input type="checkbox" name="author" value={a.name} checked={followed(o.following.authors, a.name)} />
                    <span>
                      {a.name}
                      {a.papers > 0 ? <span class="meta"> · {plural(a.papers, "recent paper")}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <label for="start-authors">Other authors, separated by commas</label>{" "}
          <input id="start-authors" type="text" name="authorText" maxlength={2000} placeholder="Ada Lovelace, Alan Turing" />
        </fieldset>
        <button type="submit">Save and show my feed</button>
      </form>
    </Layout>
  );
}

function withFollowed(offered: Array<{ name: string; papers: number }>, following: string[]): Array<{ name: string; papers: number }> {
  const known = new Set(offered.map((o) => o.name.toLowerCase()));
  return [...offered, ...following.filter((f) => !known.has(f.toLowerCase())).map((name) => ({ name, papers: 0 }))];
}
