// The pages of signed links and the subscribe form: check your inbox, confirm, unsubscribe, and manage an address's subscriptions.
import { describeFollow, type Follow } from "../../subscriptions/follow.js";
import type { Schedule } from "../../subscriptions/schedule.js";
import type { ManagedSubscriptions, SubscribeOutcome } from "../../subscriptions/subscriptions-service.js";
import { CsrfInput, FormStatus } from "./auth-form.js";
import type { Chrome } from "./chrome.js";
import { Layout } from "./layout.js";
import { ScheduleFields, describeSchedule } from "./subscription-schedule.js";

const what = (f: Follow, s: Schedule) => `${describeFollow(f)}, ${describeSchedule(s)}`;

export function SubscribedPage(props: Chrome & { outcome: SubscribeOutcome; email: string; follow: Follow; schedule: Schedule }) {
  const live = props.outcome === "active" || props.outcome === "already-active";
  return (
    <Layout title={live ? "Subscribed" : "Check your inbox"} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>{live ? "Subscribed" : "Check your inbox"}</h1>
      {live ? (
        <p>
          {props.email} gets {what(props.follow, props.schedule)}.
        </p>
      ) : (
        <p>
          To start {what(props.follow, props.schedule)} at {props.email}, follow the link in the mail we sent there (unless we sent one in the last
          hour). Nothing else is mailed before you do.
        </p>
      )}
      {props.viewer ? (
        <p>
          <a href="/settings/subscriptions">Manage your subscriptions</a>
        </p>
      ) : null}
      <p>
        <a href="/papers">Back to the daily papers</a>
      </p>
    </Layout>
  );
}

export function ConfirmPage(props: Chrome & { token: string; email: string; follow: Follow; schedule: Schedule }) {
  return (
    <Layout title="Confirm your subscription" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Confirm your subscription</h1>
      <p>
        Mail {what(props.follow, props.schedule)} to <strong>{props.email}</strong>?
      </p>
      <form method="post" action="/subscriptions/confirm" class="index-form">
        <CsrfInput token={props.csrfToken ?? ""} />
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Yes, send me these mails</button>
      </form>
    </Layout>
  );
}

export function ConfirmedPage(props: Chrome & { email: string; follow: Follow; schedule: Schedule; manageHref: string }) {
  return (
    <Layout title="Subscription confirmed" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Subscription confirmed</h1>
      <FormStatus message={`${props.email} gets ${what(props.follow, props.schedule)}.`} />
      <p>
        Every mail has a link to unsubscribe at once. <a href={props.manageHref}>Change the hour or time zone</a>.
      </p>
    </Layout>
  );
}

/** GET of an unsubscribe link: what it stops and a button (mail scanners open links; only the POST unsubscribes). */
export function UnsubscribePage(props: Chrome & { token: string; target: { what: string; email: string } | null }) {
  const t = props.target;
  return (
    <Layout title="Unsubscribe" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Unsubscribe</h1>
      {t ? (
        <>
          <p>
            Stop mailing {t.what} to <strong>{t.email}</strong>?
          </p>
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(props.token)}`} class="index-form">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" class="danger">
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <p>You are already unsubscribed: nothing more will be mailed for this subscription.</p>
      )}
    </Layout>
  );
}

export function UnsubscribedPage(props: Chrome) {
  return (
    <Layout title="Unsubscribed" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Unsubscribed</h1>
      <p>Done: nothing more will be mailed for it. If this was a mistake, subscribe again from any feed page.</p>
      <p>
        <a href="/papers">Back to the daily papers</a>
      </p>
    </Layout>
  );
}

export function ManagePage(props: Chrome & { view: ManagedSubscriptions; token: string; saved: boolean; defaultTimeZone: string }) {
  const v = props.view;
  const action = `/subscriptions/manage?token=${encodeURIComponent(props.token)}`;
  return (
    <Layout title="Your subscriptions" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Mail to {v.email}</h1>
      {props.saved ? <FormStatus message="Saved." /> : null}
      {v.subscriptions.length === 0 ? <p class="empty">No subscriptions left.</p> : null}
      {v.subscriptions.map((s, i) => (
        <section class="settings" aria-labelledby={`sub-${i}`}>
          <h2 id={`sub-${i}`}>{describeFollow(s.follow)}</h2>
          <p class="meta">
            {describeSchedule(s.schedule)}
            {s.confirmedAt ? "" : " · waiting for confirmation"}
          </p>
          <form method="post" action={action}>
            <CsrfInput token={props.csrfToken ?? ""} />
            <input type="hidden" name="subscription" value={s.id} />
            <ScheduleFields id={`sub-${i}`} schedule={s.schedule} defaultTimeZone={props.defaultTimeZone} />
            <button type="submit">Save</button>
          </form>
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(s.unsubscribeToken)}`} class="index-form">
            <button type="submit" class="danger">
              Unsubscribe from this
            </button>
          </form>
        </section>
      ))}
      <form method="post" action={`/unsubscribe?token=${encodeURIComponent(v.unsubscribeAllToken)}`} class="index-form">
        <button type="submit" class="danger">
          Unsubscribe {v.email} from everything
        </button>
      </form>
    </Layout>
  );
}
