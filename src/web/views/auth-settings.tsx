// The settings page: profile, email, password, and deleting the account, each its own form posting to /settings.
import type { Account } from "../../accounts/account.js";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../accounts/account-fields.js";
import type { Viewer } from "../context.js";
import { CsrfInput, Field, FormAlert, FormStatus, type FieldErrors } from "./auth-form.js";
import { ApiTokensSection, type ApiTokensSectionProps } from "./api-tokens-section.js";
import { Layout } from "./layout.js";

export type SettingsForm = "profile" | "email" | "password" | "delete";

export interface SettingsProps {
  account: Account;
  viewer: Viewer;
  csrfToken: string;
  /** The form that was just saved. */
  saved?: SettingsForm;
  /** The form that failed, its errors and what was typed (never passwords). */
  failed?: { form: SettingsForm; errors: FieldErrors; values?: Record<string, string>; alert?: string };
  /** The API tokens section (left out when the hub has no token service). */
  apiTokens?: ApiTokensSectionProps;
}

const SAVED: Record<SettingsForm, string> = {
  profile: "Your profile is saved.",
  email: "Your email address is changed.",
  password: "Your password is changed. Your other sessions were signed out.",
  delete: "",
};

export function SettingsPage(p: SettingsProps) {
  const errorsOf = (f: SettingsForm): FieldErrors => (p.failed?.form === f ? p.failed.errors : {});
  const typed = (f: SettingsForm, k: string): string | undefined => (p.failed?.form === f ? p.failed.values?.[k] : undefined);
  const section = (f: SettingsForm, title: string, body: unknown, danger = false) => (
    <section aria-labelledby={`${f}-heading`} class={danger ? "settings danger" : "settings"}>
      <h2 id={`${f}-heading`}>{title}</h2>
      {p.saved === f ? <FormStatus message={SAVED[f]} /> : null}
      {p.failed?.form === f ? <FormAlert message={p.failed.alert} /> : null}
      <form method="post" action="/settings" aria-labelledby={`${f}-heading`}>
        <CsrfInput token={p.csrfToken} />
        <input type="hidden" name="intent" value={f} />
        {body}
      </form>
    </section>
  );
  const a = p.account;
  return (
    <Layout title="Settings" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Settings</h1>
      <p>Signed in as <strong>{a.name}</strong> ({a.role}).</p>
      {section("profile", "Profile", <>
        <Field form="profile" name="displayName" label="Display name" value={typed("profile", "displayName") ?? a.displayName} autocomplete="name" errors={errorsOf("profile")} maxlength={64}
          hint="Shown beside your comments and submissions; empty shows your user name." />
        <Field form="profile" name="orgName" label="Organisation" value={typed("profile", "orgName") ?? a.orgName} autocomplete="organization" errors={errorsOf("profile")} maxlength={64}
          hint="Its handle, as in /orgs/google. Empty for none." />
        <button type="submit">Save profile</button>
      </>)}
      {section("email", "Email", <>
        <Field form="email" name="email" label="Email" type="email" value={typed("email", "email") ?? a.email} autocomplete="email" errors={errorsOf("email")} required maxlength={254} />
        <Field form="email" name="currentPassword" label="Current password" type="password" autocomplete="current-password" errors={errorsOf("email")} required maxlength={PASSWORD_MAX} />
        <button type="submit">Change email</button>
      </>)}
      {section("password", "Password", <>
        <Field form="password" name="currentPassword" label="Current password" type="password" autocomplete="current-password" errors={errorsOf("password")} required maxlength={PASSWORD_MAX} />
        <Field form="password" name="newPassword" label="New password" type="password" autocomplete="new-password" errors={errorsOf("password")} required minlength={PASSWORD_MIN} maxlength={PASSWORD_MAX}
          hint={`At least ${PASSWORD_MIN} characters.`} />
        <Field form="password" name="confirmPassword" label="New password again" type="password" autocomplete="new-password" errors={errorsOf("password")} required maxlength={PASSWORD_MAX} />
        <button type="submit">Change password</button>
      </>)}
      {p.apiTokens ? <ApiTokensSection {...p.apiTokens} csrfToken={p.csrfToken} /> : null}
      <section aria-labelledby="mail-heading" class="settings">
        <h2 id="mail-heading">Email digests and alerts</h2>
        <p>Trending papers, your personal selection, searches, authors, categories and organisations by email: <a href="/settings/subscriptions">manage your subscriptions</a>.</p>
      </section>
      {section("delete", "Delete account", <>
        <p>This deletes your account, your upvotes, your comments (with the replies to them) and your mail subscriptions, at once and for good. Papers you submitted stay on the hub without your name.</p>
        <Field form="delete" name="currentPassword" label="Password, to confirm" type="password" autocomplete="current-password" errors={errorsOf("delete")} required maxlength={PASSWORD_MAX} />
        <button type="submit" class="danger">Delete my account and my data</button>
      </>, true)}
    </Layout>
  );
}
