// The moderators' page: hide or restore a paper, ban or unban a user, and the moderation log, newest first.
import type { ModerationEntry } from "../../storage/community-repo.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";
import { formatInstant } from "./community-format.js";
import { paperHref } from "./format.js";
import { Layout } from "./layout.js";

const ACTION_LABEL: Record<string, string> = {
  hide_paper: "hid paper",
  restore_paper: "restored paper",
  hide_comment: "hid comment",
  restore_comment: "restored comment",
  ban_user: "banned",
  unban_user: "unbanned",
};

export interface AdminPageProps {
  viewer: Viewer;
  csrfToken: string;
  entries: ModerationEntry[];
  nextCursor: string | null;
  /** False on older pages, which link back to the newest. */
  first: boolean;
}

export function AdminPage(p: AdminPageProps) {
  return (
    <Layout title="Moderation" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Moderation</h1>
      <section aria-labelledby="admin-papers">
        <h2 id="admin-papers">Papers</h2>
        <ActionForm csrfToken={p.csrfToken} id="paper" label="Paper id" field="paper" actions={[["/admin/papers/hide", "Hide"], ["/admin/papers/restore", "Restore"]]} />
      </section>
      <section aria-labelledby="admin-users">
        <h2 id="admin-users">Users</h2>
        <p class="meta">A ban signs the user out everywhere and stops them acting; only administrators can ban moderators.</p>
        <ActionForm csrfToken={p.csrfToken} id="user" label="User name" field="user" actions={[["/admin/users/ban", "Ban"], ["/admin/users/unban", "Unban"]]} />
      </section>
      <section aria-labelledby="admin-log">
        <h2 id="admin-log">Moderation log</h2>
        {p.entries.length === 0 ? <p class="meta">Nothing has been moderated{p.first ? " yet" : " before this"}.</p> : (
          <table class="moderation-log">
            <thead>
              <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Reason</th></tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr>
                  <td><time datetime={e.createdAt}>{formatInstant(e.createdAt)}</time></td>
                  <td><a href={`/u/${encodeURIComponent(e.actorName)}`}>{e.actorName}</a></td>
                  <td>{ACTION_LABEL[e.action] ?? e.action} <Target e={e} /></td>
                  <td>{e.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label="Log pages" class="pager">
          {!p.first ? <a href="/admin">Newest</a> : null}
          {!p.first && p.nextCursor ? " · " : null}
          {p.nextCursor ? <a rel="next" href={`/admin?before=${encodeURIComponent(p.nextCursor)}`}>Older entries →</a> : null}
        </nav>
      </section>
    </Layout>
  );
}

function Target(props: { e: ModerationEntry }) {
  const { e } = props;
  if (e.targetType === "paper") return <a href={paperHref(e.targetId)}>{e.targetId}</a>;
  if (e.targetType === "user") return <a href={`/u/${encodeURIComponent(e.targetId)}`}>{e.targetId}</a>;
  return <code>{e.targetId}</code>;
}

/** One text field (and an optional reason) with a button per action, each posting to its own address. */
function ActionForm(p: { csrfToken: string; id: string; label: string; field: string; actions: Array<[string, string]> }) {
  return (
    <form class="admin-action" method="post" action={p.actions[0]![0]}>
      <CsrfInput token={p.csrfToken} />
      <input type="hidden" name="returnTo" value="/admin" />
      <label for={`admin-${p.id}`}>{p.label}</label>{" "}
      <input id={`admin-${p.id}`} name={p.field} type="text" required maxlength={300} autocomplete="off" />{" "}
      <label for={`admin-${p.id}-reason`}>Reason (optional)</label>{" "}
      <input id={`admin-${p.id}-reason`} name="reason" type="text" maxlength={500} />{" "}
      {p.actions.map(([action, label]) => (
        <button type="submit" formaction={action}>{label}</button>
      ))}
    </form>
  );
}

export function ForbiddenPage(props: { viewer: Viewer | null; csrfToken: string; message?: string }) {
  return (
    <Layout title="Not allowed" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Not allowed</h1>
      <p>{props.message ?? "This page is for moderators."}</p>
      <p><a href="/">Back to the papers</a></p>
    </Layout>
  );
}
