// /settings/subscriptions: a signed-in reader's digests and alerts: add one (trending, for you, a search, an author, a category, an organisation), reschedule, remove.
import { describeFollow } from "../../subscriptions/follow.js";
import type { SubscriptionRecord } from "../../storage/subscriptions-repo.js";
import type { Viewer } from "../context.js";
import { CsrfInput, FormAlert, FormStatus } from "./auth-form.js";
import { Layout } from "./layout.js";
import { ScheduleFields, describeSchedule } from "./subscription-schedule.js";

export interface SubscriptionSettingsProps {
  viewer: Viewer;
  csrfToken: string;
  /** The address subscriptions go to (null before the first), and whether it is confirmed. */
  email: string | null;
  /** The account's own address (differs from `email` after a change of address). */
  accountEmail: string;
  confirmed: boolean;
  subscriptions: SubscriptionRecord[];
  mailEnabled: boolean;
  defaultTimeZone: string;
  saved?: string | undefined;
  alert?: string | undefined;
}

const FOLLOWS = [
  ["trending", "Trending papers"],
  ["for-you", "Papers picked for you"],
  ["search", "A search (type the words)"],
  ["author", "An author (type the name)"],
  ["category", "A category (type e.g. cs.CL)"],
  ["organisation", "An organisation (type its handle)"],
] as const;

export function SubscriptionSettingsPage(p: SubscriptionSettingsProps) {
  return (
    <Layout title="Email digests and alerts" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Email digests and alerts</h1>
      <p>
        <a href="/settings">Back to settings</a>
      </p>
      {p.saved ? <FormStatus message={p.saved} /> : null}
      <FormAlert message={p.alert} />
      {p.email && !p.confirmed ? (
        <p class="notice warn" role="status">
          Nothing is mailed to {p.email} until you follow the confirmation link we sent there.
        </p>
      ) : p.email && p.email !== p.accountEmail ? (
        <p class="notice" role="status">
          Mail goes to {p.email}. Your account's address is now {p.accountEmail}: add a subscription here to move them all there (you will confirm it by
          mail first).
        </p>
      ) : p.email ? (
        <p class="meta">Mail goes to {p.email}, your account's address.</p>
      ) : null}
      {p.subscriptions.map((s, i) => (
        <section class="settings" aria-labelledby={`sub-${i}`}>
          <h2 id={`sub-${i}`}>{describeFollow(s.follow)}</h2>
          <p class="meta">
            {describeSchedule(s.schedule)}
            {s.confirmedAt && s.subscriberConfirmedAt ? "" : " · waiting for confirmation"}
          </p>
          <form method="post" action="/settings/subscriptions">
            <CsrfInput token={p.csrfToken} />
            <input type="hidden" name="intent" value="reschedule" />
            <input type="hidden" name="subscription" value={s.id} />
            <ScheduleFields id={`sub-${i}`} schedule={s.schedule} defaultTimeZone={p.defaultTimeZone} />
            <button type="submit">Save</button>
          </form>
          <form method="post" action="/settings/subscriptions" class="index-form">
            <CsrfInput token={p.csrfToken} />
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="subscription" value={s.id} />
            <button type="submit" class="danger">
              Remove
            </button>
          </form>
        </section>
      ))}
      {p.mailEnabled ? (
        <section class="settings" aria-labelledby="add-heading">
          <h2 id="add-heading">Add a digest or an alert</h2>
          <form method="post" action="/settings/subscriptions">
            <CsrfInput token={p.csrfToken} />
            <input type="hidden" name="intent" value="add" />
            <fieldset class="filters">
              <legend>What</legend>
              <label>
                Follow
                <select name="follow">
                  {FOLLOWS.map(([value, label]) => (
                    <option value={value}>{label}</option>
                  ))}
                </select>
              </label>
              <label>
                Words, name or category
                <input type="text" name="value" maxlength={250} size={28} />
              </label>
            </fieldset>
            <ScheduleFields id="add" withFrequency defaultTimeZone={p.defaultTimeZone} />
            <button type="submit">Subscribe</button>
          </form>
        </section>
      ) : (
        <p class="notice">This hub does not send mail (no mail server is configured).</p>
      )}
    </Layout>
  );
}
