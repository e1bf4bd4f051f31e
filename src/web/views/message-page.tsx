// The page of an error or a notice: a title, a message and a way back.
import type { Child } from "hono/jsx";
import type { Chrome } from "./chrome.js";
import { Layout } from "./layout.js";

/** Pass the request's Chrome (viewer, csrfToken) so the header keeps the account links. */
export function MessagePage(props: Chrome & { title: string; message: string; children?: Child }) {
  return (
    <Layout title={props.title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.children}
      <p>
        <a href="/papers">Back to the daily papers</a>
      </p>
    </Layout>
  );
}
