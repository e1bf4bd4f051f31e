// A user's page: who they are, the papers they submitted and upvoted, and their comments.
import { raw } from "hono/html";
import type { ProfileComment, UserProfile } from "../../community/profiles.js";
import type { PaperRef } from "../../storage/community-repo.js";
import { canModerate, type Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { formatInstant } from "./community-format.js";
import { formatShortDay, paperHref } from "./format.js";
import { Layout } from "./layout.js";

export function UserPage(props: { profile: UserProfile; viewer: Viewer | null; csrfToken: string }) {
  const u = props.profile;
  return (
    <Layout title={u.displayName} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>
        {u.displayName} <small>@{u.name}</small>
      </h1>
      <p class="meta">
        {u.role !== "user" ? <strong class="badge">{u.role === "admin" ? "Administrator" : "Moderator"}</strong> : null}
        {u.role !== "user" ? " · " : null}
        Joined {formatShortDay(u.joinedAt)}
      </p>
      {u.bannedAt ? <p class="notice" role="status">Banned since {formatInstant(u.bannedAt)}.</p> : null}
      {mayBan(props.viewer, u) ? <BanForm profile={u} csrfToken={props.csrfToken} /> : null}

      <section aria-labelledby="user-submitted">
        <h2 id="user-submitted">Submitted papers</h2>
        <PaperList papers={u.submitted} empty="No submissions yet." when={(p) => (p.feedDay ? `on the feed of ${formatShortDay(p.feedDay)}` : formatShortDay(p.at))} />
      </section>
      <section aria-labelledby="user-upvoted">
        <h2 id="user-upvoted">Upvoted papers</h2>
        <PaperList papers={u.upvoted} empty="No upvotes yet." when={(p) => formatShortDay(p.at)} />
      </section>
      <section aria-labelledby="user-comments">
        <h2 id="user-comments">Comments</h2>
        {u.comments.length === 0 ? <p class="meta">No comments yet.</p> : (
          <ol class="user-comments">
            {u.comments.map((c) => <CommentEntry c={c} />)}
          </ol>
        )}
      </section>
    </Layout>
  );
}

/** The rule ModerationService enforces, so the form shows only where it would work. */
function mayBan(viewer: Viewer | null, u: UserProfile): boolean {
  if (!viewer || !canModerate(viewer) || viewer.name === u.name || u.role === "admin") return false;
  return u.role === "user" || viewer.role === "admin";
}

function PaperList(props: { papers: PaperRef[]; empty: string; when: (p: PaperRef) => string }) {
  if (props.papers.length === 0) return <p class="meta">{props.empty}</p>;
  return (
    <ol class="papers">
      {props.papers.map((p) => (
        <li>
          <a href={paperHref(p.id)}>{p.title}</a>
          <span class="meta"> · {props.when(p)}</span>
          {p.hidden ? <strong class="badge badge-hidden"> · hidden</strong> : null}
        </li>
      ))}
    </ol>
  );
}

function CommentEntry(props: { c: ProfileComment }) {
  const { c } = props;
  return (
    <li class="comment">
      <p class="meta">
        On <a href={`${paperHref(c.paperId)}#comment-${c.id}`}>{c.paperTitle}</a> · <time datetime={c.createdAt}>{formatInstant(c.createdAt)}</time>
        {c.hidden ? <strong class="badge badge-hidden"> · hidden</strong> : null}
      </p>
      {/* Rendered from Markdown and sanitised (community/markdown.ts). */}
      <div class="comment-body">{raw(c.html)}</div>
    </li>
  );
}

function BanForm(props: { profile: UserProfile; csrfToken: string }) {
  const banned = !!props.profile.bannedAt;
  return (
    <form class="moderate" method="post" action={banned ? "/admin/users/unban" : "/admin/users/ban"}>
      <CsrfInput token={props.csrfToken} />
      <input type="hidden" name="user" value={props.profile.name} />
      <input type="hidden" name="returnTo" value={`/u/${encodeURIComponent(props.profile.name)}`} />
      <label for="ban-reason">Reason (optional)</label> <input id="ban-reason" name="reason" type="text" maxlength={500} />{" "}
      <button type="submit">{banned ? "Unban this user" : "Ban this user"}</button>
    </form>
  );
}
