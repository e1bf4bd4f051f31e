// Pieces of the account forms: a labelled field whose error is tied to it, the hidden CSRF input, and a form-level alert.
import type { Child } from "hono/jsx";

/** Messages by field name, as FieldError reports them. */
export type FieldErrors = Partial<Record<string, string>>;

export interface FieldProps {
  /** Prefix of the element ids, unique per form on the page (the settings page has several). */
  form: string;
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  value?: string | null | undefined;
  autocomplete: string;
  errors: FieldErrors;
  hint?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
}

export function Field(p: FieldProps) {
  const id = `${p.form}-${p.name}`;
  const error = p.errors[p.name];
  const described = [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint ? <small id={`${id}-hint`} class="hint">{p.hint}</small> : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.type === "password" ? undefined : (p.value ?? undefined)}
        autocomplete={p.autocomplete}
        required={p.required}
        minlength={p.minlength}
        maxlength={p.maxlength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
      {error ? <p id={`${id}-error`} class="field-error">{error}</p> : null}
    </div>
  );
}

export function CsrfInput(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A message about the whole form (wrong credentials, a lock), announced to screen readers when the page loads. */
export function FormAlert(props: { message?: string | undefined }) {
  return props.message ? <p class="form-alert" role="alert">{props.message}</p> : null;
}

/** A confirmation after a saved change. */
export function FormStatus(props: { message?: string | undefined }) {
  return props.message ? <p class="form-status" role="status">{props.message}</p> : null;
}

export function AuthForm(props: { action: string; label: string; children: Child }) {
  return (
    <form class="auth" method="post" action={props.action} aria-label={props.label}>
      {props.children}
    </form>
  );
}
