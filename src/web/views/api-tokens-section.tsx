// The settings page's API tokens: the list with revoke buttons, the form for a new one, and a new token shown once.
import type { ApiTokenInfo } from "../../api/api-tokens-service.js";
import { TOKEN_NAME_MAX } from "../../api/api-tokens-service.js";
import { CsrfInput, Field, FormAlert, FormStatus, type FieldErrors } from "./auth-form.js";

export interface ApiTokensSectionProps {
  tokens: ApiTokenInfo[];
  /** A token just created: its secret is on this page and nowhere else, ever. */
  created?: { token: string; name: string };
  revoked?: boolean;
  errors?: FieldErrors;
  alert?: string;
  typedName?: string;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "never");

export function ApiTokensSection(p: ApiTokensSectionProps & { csrfToken: string }) {
  const errors = p.errors ?? {};
  return (
    <section aria-labelledby="tokens-heading" class="settings">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        A personal access token lets a script or notebook use the <a href="/api">API</a> as you: send it as <code>Authorization: Bearer pb_…</code>.
        <strong> read</strong> lets it read as you; <strong>write</strong> lets it upvote, comment and submit papers.
      </p>
      {p.created ? (
        <div class="form-status" role="status">
          <p>Your new token “{p.created.name}”. Copy it now: it is shown only this once, and only its hash is kept.</p>
          <pre><code>{p.created.token}</code></pre>
        </div>
      ) : null}
      {p.revoked ? <FormStatus message="The token is revoked: requests with it are refused from now on." /> : null}
      {p.tokens.length === 0 ? <p>You have no tokens.</p> : (
        <table class="moderation-log">
          <thead><tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Scopes</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="sr-only">Revoke</span></th></tr></thead>
          <tbody>
            {p.tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td><code>{t.hint}</code></td>
                <td>{t.scopes.join(", ")}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  <form method="post" action={`/settings/tokens/${encodeURIComponent(t.id)}/revoke`}>
                    <CsrfInput token={p.csrfToken} />
                    <button type="submit" class="danger" aria-label={`Revoke the token ${t.name}`}>Revoke</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="token-new-heading">New token</h3>
      <FormAlert message={p.alert} />
      <form method="post" action="/settings/tokens" aria-labelledby="token-new-heading">
        <CsrfInput token={p.csrfToken} />
        <Field form="token" name="tokenName" label="Name" value={p.typedName} autocomplete="off" errors={errors} required maxlength={TOKEN_NAME_MAX}
          hint="What will use it, e.g. “reading notebook”." />
        <fieldset aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
          <legend>Scopes</legend>
          <label><input type="checkbox" name="scopes" value="read" checked /> read</label>
          <label><input type="checkbox" name="scopes" value="write" /> write</label>
          {errors.scopes ? <p id="token-scopes-error" class="field-error">{errors.scopes}</p> : null}
        </fieldset>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
