// The "get these papers by email" form of the feed pages: one address (or the signed-in account), daily or weekly, posting to /subscribe.
import type { Follow } from "../../subscriptions/follow.js";
import type { Viewer } from "../context.js";
import { CsrfInput } from "./auth-form.js";

/** What a page offers to mail, and how it asks; null when the hub cannot send mail. */
export interface SubscribeOffer {
  follow: Follow;
  label: string;
}

/** The offer, or null when mail is off (no form is better than one that cannot work). */
export function subscribeOffer(mailEnabled: boolean | undefined, follow: Follow, label: string): SubscribeOffer | null {
  return mailEnabled ? { follow, label } : null;
}

/** The follow as hidden fields, named as POST /subscribe reads them. */
function FollowFields(props: { follow: Follow }) {
  const f = props.follow;
  const hidden = (name: string, value: string | null | undefined) => (value ? <input type="hidden" name={name} value={value} /> : null);
  return (
    <>
      {hidden("follow", f.kind)}
      {f.kind === "search" ? (
        <>
          {hidden("q", f.q)}
          {hidden("after", f.after)}
          {hidden("before", f.before)}
          {hidden("category", f.category)}
          {hidden("code", f.hasCode ? "1" : null)}
        </>
      ) : null}
      {f.kind === "author" || f.kind === "organisation" ? hidden("name", f.name) : null}
      {f.kind === "category" ? hidden("category", f.category) : null}
    </>
  );
}

export function SubscribeForm(props: { offer: SubscribeOffer | null | undefined; viewer?: Viewer | null | undefined; csrfToken?: string | undefined }) {
  const offer = props.offer;
  if (!offer) return null;
  return (
    <form class="day-picker subscribe" method="post" action="/subscribe" aria-label={offer.label}>
      <CsrfInput token={props.csrfToken ?? ""} />
      <FollowFields follow={offer.follow} />
      {props.viewer ? (
        <span>{offer.label}</span>
      ) : (
        <>
          <label for="subscribe-email">{offer.label}</label>
          <input id="subscribe-email" type="email" name="email" placeholder="you@example.org" autocomplete="email" maxlength={254} required />
        </>
      )}
      <select name="frequency" aria-label="How often">
        <option value="daily">Daily</option>
        <option value="weekly">Weekly</option>
      </select>
      <button type="submit">Subscribe</button>
      {props.viewer ? <a href="/settings/subscriptions">Your subscriptions</a> : null}
    </form>
  );
}
