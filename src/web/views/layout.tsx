// The page frame shared by every HTML page: doctype, head, header, main landmark, footer.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Viewer } from "../context.js";
import { AccountNav } from "./auth-nav.js";
import { SiteNav } from "./site-nav.js";

/** `viewer` (null: signed out) shows the account links in the header; pages that omit it show none. */
export function Layout(props: { title: string; children: Child; viewer?: Viewer | null; csrfToken?: string }) {
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
          <a class="skip" href="#main">Skip to content</a>
          <header class="site">
            <a class="brand" href="/">Paperboard</a>
            <SiteNav />
            {props.viewer !== undefined ? <AccountNav viewer={props.viewer} csrfToken={props.csrfToken ?? ""} /> : null}
          </header>
          <main id="main">{props.children}</main>
          <footer class="site">Self-hosted research papers hub</footer>
        </body>
      </html>
    </>
  );
}
