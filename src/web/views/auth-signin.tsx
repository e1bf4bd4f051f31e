// The sign-in page: name or email and password, then back to where the reader was.
import type { Viewer } from "../context.js";
import { AuthForm, CsrfInput, Field, FormAlert, type FieldErrors } from "./auth-form.js";
import { Layout } from "./layout.js";

export interface SignInProps {
  csrfToken: string;
  viewer: Viewer | null;
  login?: string;
  next?: string;
  errors?: FieldErrors;
  alert?: string;
}

export function SignInPage(p: SignInProps) {
  const next = p.next && p.next !== "/" ? `?next=${encodeURIComponent(p.next)}` : "";
  return (
    <Layout title="Sign in" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Sign in</h1>
      <FormAlert message={p.alert} />
      <AuthForm action={`/signin${next}`} label="Sign in">
        <CsrfInput token={p.csrfToken} />
        <Field form="signin" name="login" label="User name or email" value={p.login} autocomplete="username" errors={p.errors ?? {}} required maxlength={254} />
        <Field form="signin" name="password" label="Password" type="password" autocomplete="current-password" errors={p.errors ?? {}} required maxlength={1024} />
        <button type="submit">Sign in</button>
      </AuthForm>
      <p>New here? <a href={`/signup${next}`}>Create an account</a>.</p>
    </Layout>
  );
}
