// The page frame shared by every HTML page: doctype, head, header, main landmark, footer.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Viewer } from "../context.js";
import { AlternateLinks, type Alternate } from "./alternates.js";
import { AccountNav } from "./auth-nav.js";
import { SiteNav } from "./site-nav.js";

/**
 * `viewer` (null: signed out) shows the account links in the header; pages that omit it show none.
 * `alternates` are the page's feeds (default: those its route provides, see alternates.tsx).
 */
export function Layout(props: { title: string; children: Child; viewer?: Viewer | null; csrfToken?: string; alternates?: readonly Alternate[] }) {
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
          {/* No icon file to fetch (browsers otherwise ask for /favicon.ico and log its 404). */}
          <link rel="icon" href="data:," />
          <AlternateLinks links={props.alternates} />
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
