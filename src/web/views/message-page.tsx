// The page of an error or a notice: a title, a message and a way back.
import type { Child } from "hono/jsx";
import { Layout } from "./layout.js";

export function MessagePage(props: { title: string; message: string; children?: Child }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.children}
      <p>
        <a href="/papers">Back to the daily papers</a>
      </p>
    </Layout>
  );
}
