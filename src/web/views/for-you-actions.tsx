// What a for-you card adds: the reason it is there, and "Save" and "Not interested" buttons (plain POST forms with the CSRF token).
import { CsrfInput } from "./auth-form.js";
import { paperHref } from "./format.js";

/** `headingId` is the card's title (PaperCard's `card-<n>`): it tells screen-reader users which paper each button acts on. */
export function ForYouActions(props: { paperId: string; reason: string; csrfToken: string; returnTo: string; headingId: string }) {
  const href = paperHref(props.paperId);
  return (
    <>
      <p class="reason">{props.reason}</p>
      <div class="card-actions">
        <form method="post" action={`${href}/save`}>
          <CsrfInput token={props.csrfToken} />
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <button type="submit" title="Save to your “Saved” collection" aria-describedby={props.headingId}>
            Save
          </button>
        </form>
        <form method="post" action={`${href}/not-interested`}>
          <CsrfInput token={props.csrfToken} />
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <button type="submit" class="quiet" title="Hide it, and show fewer papers like it" aria-describedby={props.headingId}>
            Not interested
          </button>
        </form>
      </div>
    </>
  );
}
