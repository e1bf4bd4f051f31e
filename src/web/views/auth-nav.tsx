// The account corner of the site header: sign-in links, or the viewer's name, settings and a sign-out button.
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";

export function AccountNav(props: { viewer: Viewer | null; csrfToken: string }) {
  const v = props.viewer;
  if (!v) {
    return (
      <nav class="account" aria-label="Account">
        <a href="/signin">Sign in</a> · <a href="/signup">Sign up</a>
      </nav>
    );
  }
  return (
    <nav class="account" aria-label="Account">
      <a href={`/u/${encodeURIComponent(v.name)}`}>{v.displayName}</a> · <a href="/settings">Settings</a> ·{" "}
      {/* Sign-out changes state, so it is a POST carrying the CSRF token, not a link. */}
      <form class="signout" method="post" action="/signout">
        <CsrfInput token={props.csrfToken} />
        <button type="submit">Sign out</button>
      </form>
    </nav>
  );
}
