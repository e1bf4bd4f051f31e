// The submit page: a form for an arXiv id or URL, its refusal messages, and the receipt after a paper is placed.
import type { Viewer } from "../context.js";
import { CsrfInput, FormAlert } from "./auth-form.js";
import { formatLongDay, paperHref } from "./format.js";
import { Layout } from "./layout.js";

export interface SubmitPageProps {
  viewer: Viewer;
  csrfToken: string;
  windowDays: number;
  dailyLimit: number;
  /** What the user typed, kept after a refusal. */
  value?: string;
  error?: string;
  /** A refusal because the paper is on a feed already: where it is. */
  existing?: { paperId: string; feedDay: string | null };
  /** The receipt after a successful submission. */
  done?: { paperId: string; title: string; feedDay: string };
}

export function SubmitPage(p: SubmitPageProps) {
  return (
    <Layout title="Submit a paper" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Submit a paper</h1>
      {p.done ? (
        <p class="form-status" role="status">
          Submitted: <a href={paperHref(p.done.paperId)}>{p.done.title}</a> is on the feed of{" "}
          <a href={`/papers?date=${p.done.feedDay}`}>{formatLongDay(p.done.feedDay)}</a>.
        </p>
      ) : null}
      <FormAlert message={p.error} />
      {p.existing ? (
        <p>
          See <a href={paperHref(p.existing.paperId)}>the existing entry</a>
          {p.existing.feedDay ? <> on the feed of <a href={`/papers?date=${p.existing.feedDay}`}>{formatLongDay(p.existing.feedDay)}</a></> : null}.
        </p>
      ) : null}
      <p>
        Paste an arXiv id or link. Papers published on arXiv in the last {p.windowDays} days can be submitted, up to {p.dailyLimit} a day per person; each
        paper enters the feed once.
      </p>
      <form class="submit-paper" method="post" action="/papers/submit">
        <CsrfInput token={p.csrfToken} />
        <label for="submit-paper">arXiv id or URL</label>
        <input
          id="submit-paper"
          name="paper"
          type="text"
          required
          maxlength={300}
          value={p.value ?? ""}
          placeholder="2407.21783 or https://arxiv.org/abs/2407.21783"
          autocomplete="off"
          aria-invalid={p.error ? "true" : undefined}
        />
        <button type="submit">Submit</button>
      </form>
    </Layout>
  );
}
