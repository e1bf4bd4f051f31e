// The HTML a feed item carries: authors, abstract, counts and links, every value escaped.
import type { ListEntry } from "./listings.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links are written: a javascript: or data: URL from imported data must not become a link in a reader. */
const webUrl = (u: string | null | undefined): u is string => !!u && /^https?:\/\/[^\s"<>]+$/i.test(u);

export function paperHtml(e: ListEntry, pageUrl: string): string {
  const p = e.paper;
  const links: Array<[string, string | null | undefined]> = [
    ["Paperboard", pageUrl],
    ["Abstract", p.links.abs],
    ["PDF", p.links.pdf],
    ["Code", p.hub?.githubRepo ?? p.links.code],
    ["Project page", p.hub?.projectPage ?? p.links.project],
  ];
  const meta = [
    p.publishedAt ? `Published ${p.publishedAt.slice(0, 10)}` : null,
    p.categories.length ? p.categories.join(", ") : null,
    `${e.upvotes} upvote${e.upvotes === 1 ? "" : "s"}`,
    `${e.comments} comment${e.comments === 1 ? "" : "s"}`,
  ].filter((x): x is string => x !== null);
  return [
    p.authors.length ? `<p>${escapeHtml(p.authors.map((a) => a.name).join(", "))}</p>` : "",
    p.abstract ? `<p>${escapeHtml(p.abstract)}</p>` : "",
    `<p>${escapeHtml(meta.join(" · "))}</p>`,
    `<p>${links
      .filter((l): l is [string, string] => webUrl(l[1]))
      .map(([label, href]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`)
      .join(" · ")}</p>`,
  ].join("");
}
