// The sign-up page: handle, email, display name and password.
import { PASSWORD_MAX, PASSWORD_MIN } from "../../accounts/account-fields.js";
import type { Viewer } from "../context.js";
import { AuthForm, CsrfInput, Field, FormAlert, type FieldErrors } from "./auth-form.js";
import { Layout } from "./layout.js";

export interface SignUpProps {
  csrfToken: string;
  viewer: Viewer | null;
  values?: { name?: string; email?: string; displayName?: string };
  next?: string;
  errors?: FieldErrors;
  alert?: string;
}

export function SignUpPage(p: SignUpProps) {
  const errors = p.errors ?? {};
  const v = p.values ?? {};
  const next = p.next && p.next !== "/" ? `?next=${encodeURIComponent(p.next)}` : "";
  return (
    <Layout title="Create an account" viewer={p.viewer} csrfToken={p.csrfToken}>
      <h1>Create an account</h1>
      <FormAlert message={p.alert} />
      <AuthForm action={`/signup${next}`} label="Create an account">
        <CsrfInput token={p.csrfToken} />
        <Field form="signup" name="name" label="User name" value={v.name} autocomplete="username" errors={errors} required minlength={2} maxlength={32}
          hint="2 to 32 characters: letters a-z, digits, - and _. Shown in your profile address." />
        <Field form="signup" name="email" label="Email" type="email" value={v.email} autocomplete="email" errors={errors} required maxlength={254} />
        <Field form="signup" name="displayName" label="Display name (optional)" value={v.displayName} autocomplete="name" errors={errors} maxlength={64} />
        <Field form="signup" name="password" label="Password" type="password" autocomplete="new-password" errors={errors} required minlength={PASSWORD_MIN} maxlength={PASSWORD_MAX}
          hint={`At least ${PASSWORD_MIN} characters.`} />
        <button type="submit">Create account</button>
      </AuthForm>
      <p>Already have an account? <a href={`/signin${next}`}>Sign in</a>.</p>
    </Layout>
  );
}
