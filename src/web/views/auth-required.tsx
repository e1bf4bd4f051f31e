// The page for a request that needs a signed-in account (401).
import type { Viewer } from "../context.js";
import { Layout } from "./layout.js";

export function AuthRequiredPage(props: { message: string; next: string; viewer: Viewer | null; csrfToken: string }) {
  const q = props.next && props.next !== "/" ? `?next=${encodeURIComponent(props.next)}` : "";
  return (
    <Layout title="Sign in required" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>Sign in required</h1>
      <p>{props.message}</p>
      <p><a href={`/signin${q}`}>Sign in</a> or <a href={`/signup${q}`}>create an account</a>.</p>
    </Layout>
  );
}
