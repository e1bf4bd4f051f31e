// The community pieces other pages embed: the upvote button, the comment thread, and a moderator's paper controls.
//
// Every action is a plain POST form carrying the CSRF token, so all of it works
// without JavaScript; optional controls (reply, edit, delete) fold into
// <details> elements instead of needing a script to open them.
import { raw } from "hono/html";
import type { CommentView } from "../../community/types.js";
import { MAX_COMMENT_LENGTH } from "../../community/comments.js";
import { canModerate, type Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { formatInstant } from "./community-format.js";
import { paperHref } from "./format.js";

export interface UpvoteButtonProps {
  paperId: string;
  count: number;
  upvoted: boolean;
  viewer: Viewer | null;
  csrfToken: string;
  /** Local path to come back to after voting (default: the paper's page). */
  returnTo?: string;
}

/**
 * A toggle button (aria-pressed) whose form names the state it asks for, so a
 * double-submitted form casts one vote instead of undoing it. Signed-out
 * readers get the same button; the route sends them to sign in first.
 */
export function UpvoteButton(p: UpvoteButtonProps) {
  const noun = p.count === 1 ? "upvote" : "upvotes";
  const title = !p.viewer ? "Sign in to upvote" : p.upvoted ? "Remove your upvote" : "Upvote this paper";
  return (
    <form class="upvote" method="post" action={`${paperHref(p.paperId)}/upvote`}>
      <CsrfInput token={p.csrfToken} />
      <input type="hidden" name="vote" value={p.upvoted ? "0" : "1"} />
      <input type="hidden" name="returnTo" value={p.returnTo ?? paperHref(p.paperId)} />
      <button type="submit" class="upvote-button" aria-pressed={p.upvoted ? "true" : "false"} aria-label={`Upvote, ${p.count} ${noun}`} title={title}>
        <span aria-hidden="true">▲</span> <span class="upvote-count">{p.count}</span>
      </button>
    </form>
  );
}

export interface CommentThreadProps {
  paperId: string;
  comments: CommentView[];
  viewer: Viewer | null;
  csrfToken: string;
}

export function CommentThread(p: CommentThreadProps) {
  const shown = p.comments.reduce((n, c) => n + (c.author ? 1 : 0) + c.replies.filter((r) => r.author).length, 0);
  const action = `${paperHref(p.paperId)}/comments`;
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments{shown ? ` (${shown})` : ""}</h2>
      {p.comments.length === 0 ? <p class="meta">No comments yet.</p> : (
        <ol class="comment-list">
          {p.comments.map((c) => <CommentItem c={c} {...p} />)}
        </ol>
      )}
      {p.viewer ? (
        <CommentForm action={action} csrfToken={p.csrfToken} formId="comment-new" label="Add a comment" button="Post comment" />
      ) : (
        <p class="meta">
          <a href={`/signin?next=${encodeURIComponent(`${paperHref(p.paperId)}#comments`)}`}>Sign in</a> to comment.
        </p>
      )}
    </section>
  );
}

const PLACEHOLDER: Record<CommentView["state"], string> = {
  visible: "",
  hidden: "",
  deleted: "[deleted]",
  "hidden-placeholder": "[hidden by a moderator]",
};

function CommentItem(props: CommentThreadProps & { c: CommentView }) {
  const { c } = props;
  const commentsPath = `${paperHref(props.paperId)}/comments`;
  const back = `${paperHref(props.paperId)}#comment-${c.id}`;
  return (
    <li id={`comment-${c.id}`} class={`comment comment-${c.state}`}>
      <article aria-label={c.author ? `Comment by ${c.author.displayName}` : "Removed comment"}>
        <p class="comment-meta meta">
          {c.author ? <a href={`/u/${encodeURIComponent(c.author.name)}`}>{c.author.displayName}</a> : null}
          {c.author ? " · " : null}
          <a href={`#comment-${c.id}`}><time datetime={c.createdAt}>{formatInstant(c.createdAt)}</time></a>
          {c.editedAt ? <span title={`Edited ${formatInstant(c.editedAt)}`}> · edited</span> : null}
          {c.state === "hidden" ? <strong class="badge badge-hidden"> · hidden by a moderator</strong> : null}
        </p>
        {PLACEHOLDER[c.state] ? (
          <p class="comment-placeholder">{PLACEHOLDER[c.state]}</p>
        ) : (
          // Rendered from Markdown and passed through the sanitiser's allow-list (community/markdown.ts).
          <div class="comment-body">{raw(c.html)}</div>
        )}
        {c.canReply || c.canEdit || c.canDelete || (c.canModerate && canModerate(props.viewer)) ? (
          <div class="comment-actions">
            {c.canReply ? (
              <details>
                <summary>Reply</summary>
                <CommentForm action={commentsPath} csrfToken={props.csrfToken} formId={`reply-${c.id}`} label="Your reply" button="Post reply" parentId={c.id} />
              </details>
            ) : null}
            {c.canEdit ? (
              <details>
                <summary>Edit</summary>
                <CommentForm action={`/comments/${c.id}/edit`} csrfToken={props.csrfToken} formId={`edit-${c.id}`} label="Edit your comment" button="Save" value={c.source ?? ""} />
              </details>
            ) : null}
            {c.canDelete ? (
              <details>
                <summary>Delete</summary>
                <form method="post" action={`/comments/${c.id}/delete`}>
                  <CsrfInput token={props.csrfToken} />
                  <button type="submit">Delete this comment</button>
                </form>
              </details>
            ) : null}
            {c.canModerate && canModerate(props.viewer) ? (
              <form method="post" action={`/admin/comments/${c.id}/${c.state === "hidden" ? "restore" : "hide"}`} class="moderate">
                <CsrfInput token={props.csrfToken} />
                <input type="hidden" name="returnTo" value={back} />
                <button type="submit">{c.state === "hidden" ? "Restore" : "Hide"}</button>
              </form>
            ) : null}
          </div>
        ) : null}
      </article>
      {c.replies.length ? (
        <ol class="comment-replies">
          {c.replies.map((r) => <CommentItem {...props} c={r} />)}
        </ol>
      ) : null}
    </li>
  );
}

function CommentForm(p: { action: string; csrfToken: string; formId: string; label: string; button: string; parentId?: string; value?: string }) {
  const id = `${p.formId}-body`;
  return (
    <form class="comment-form" method="post" action={p.action}>
      <CsrfInput token={p.csrfToken} />
      {p.parentId ? <input type="hidden" name="parent" value={p.parentId} /> : null}
      <label for={id}>{p.label}</label>
      <textarea id={id} name="body" rows={p.parentId ? 3 : 5} required maxlength={MAX_COMMENT_LENGTH} aria-describedby={`${id}-hint`}>
        {p.value ?? ""}
      </textarea>
      <small id={`${id}-hint`} class="hint">Markdown: **bold**, *italic*, `code`, [links](https://…). At most {MAX_COMMENT_LENGTH.toLocaleString("en")} characters.</small>
      <button type="submit">{p.button}</button>
    </form>
  );
}

/** A moderator's hide/restore control for a paper; renders nothing for other viewers. */
export function PaperModeration(p: { paperId: string; hidden: boolean; viewer: Viewer | null; csrfToken: string }) {
  if (!canModerate(p.viewer)) return null;
  return (
    <form class="moderate paper-moderation" method="post" action={`/admin/papers/${p.hidden ? "restore" : "hide"}`}>
      <CsrfInput token={p.csrfToken} />
      <input type="hidden" name="paper" value={p.paperId} />
      <input type="hidden" name="returnTo" value={paperHref(p.paperId)} />
      {p.hidden ? <strong class="badge badge-hidden">Hidden by a moderator. </strong> : null}
      {!p.hidden ? (
        <>
          <label for="paper-moderation-reason">Reason (optional)</label>{" "}
          <input id="paper-moderation-reason" name="reason" type="text" maxlength={500} />{" "}
        </>
      ) : null}
      <button type="submit">{p.hidden ? "Restore this paper" : "Hide this paper"}</button>
    </form>
  );
}
