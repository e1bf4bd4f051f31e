// The page frame shared by every HTML page: doctype, head, header, main landmark, footer.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

export function Layout(props: { title: string; children: Child }) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{props.title === "Paperboard" ? props.title : `${props.title} · Paperboard`}</title>
          <link rel="stylesheet" href="/static/base.css" />
        </head>
        <body>
          <header class="site">
            <a class="brand" href="/">Paperboard</a>
          </header>
          <main id="main">{props.children}</main>
          <footer class="site">Self-hosted research papers hub</footer>
        </body>
      </html>
    </>
  );
}
