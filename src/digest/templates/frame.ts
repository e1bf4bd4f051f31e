// The parts every digest template shares: the HTML frame (inline CSS, no images, no tables), a paper's block, and the plain-text part.
//
// Mail clients strip <style> blocks and external CSS unevenly, so every
// style is inline. Nothing sets a page background: clients in dark mode keep
// their own, and the few colours used (a mid blue for links, a mid grey for
// secondary text) read on white and on near-black alike. The color-scheme
// metas tell clients that support them not to invert the mail.
import { MAIL_LINK, MAIL_MUTED, escapeHtml, mailDocument, mailFooter, mailLink } from "../../mail/mail-html.js";
import type { Follow } from "../../subscriptions/follow.js";
import type { Frequency } from "../../subscriptions/schedule.js";
import type { DigestItem } from "../digest-types.js";

export interface DigestLinks {
  paper(id: string): string;
  /** The hub page listing what the subscription follows. */
  more: string;
  manage: string;
  unsubscribe: string;
}

export interface DigestModel {
  follow: Follow;
  frequency: Frequency;
  items: DigestItem[];
  links: DigestLinks;
  /** The subscriber's address, named in the footer. */
  email: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The words a template puts around the papers. */
export interface DigestCopy {
  subject: string;
  heading: string;
  intro: string;
  moreLabel: string;
  /** Finishes "You get this mail because you subscribed to …". */
  because: string;
}

const MAX_AUTHORS = 4;

export function authorLine(item: DigestItem): string {
  const names = item.paper.authors.map((a) => a.name);
  return names.length > MAX_AUTHORS ? `${names.slice(0, MAX_AUTHORS - 1).join(", ")} et al.` : names.join(", ");
}

/** "5 new papers", "1 new paper". */
export function papersCount(n: number, adjective = "new"): string {
  return `${n} ${adjective ? `${adjective} ` : ""}paper${n === 1 ? "" : "s"}`;
}

/** A subject naming the first paper, and how many more follow. */
export function firstAndMore(prefix: string, items: DigestItem[]): string {
  const first = items[0]?.paper.title ?? "";
  const title = first.length > 80 ? `${first.slice(0, 77)}…` : first;
  return items.length > 1 ? `${prefix}: ${title} and ${items.length - 1} more` : `${prefix}: ${title}`;
}

export function renderDigest(m: DigestModel, copy: DigestCopy): RenderedMail {
  return { subject: copy.subject, html: html(m, copy), text: text(m, copy) };
}

function html(m: DigestModel, copy: DigestCopy): string {
  const papers = m.items
    .map((it) => {
      const authors = authorLine(it);
      return [
        `<div style="margin:0 0 20px;padding:0 0 0 12px;border-left:3px solid ${MAIL_LINK};">`,
        `<div style="font-size:17px;line-height:1.35;font-weight:600;">${mailLink(m.links.paper(it.paper.id), it.paper.title, "text-decoration:none;")}</div>`,
        authors ? `<div style="font-size:14px;color:${MAIL_MUTED};margin-top:2px;">${escapeHtml(authors)}</div>` : "",
        `<div style="font-size:14px;margin-top:4px;">${escapeHtml(it.reason)}</div>`,
        `</div>`,
      ].join("");
    })
    .join("\n");
  const body = `<h1 style="font-size:22px;line-height:1.3;margin:4px 0 8px;">${escapeHtml(copy.heading)}</h1>
<p style="margin:0 0 24px;color:${MAIL_MUTED};">${escapeHtml(copy.intro)}</p>
${papers}
<p style="margin:8px 0 0;">${mailLink(m.links.more, copy.moreLabel)}</p>
${mailFooter([
  `You get this mail at ${escapeHtml(m.email)} because you subscribed to ${escapeHtml(copy.because)}.`,
  `${mailLink(m.links.manage, "Manage your subscriptions")} · ${mailLink(m.links.unsubscribe, "Unsubscribe")}`,
])}`;
  return mailDocument(copy.heading, body);
}

function text(m: DigestModel, copy: DigestCopy): string {
  const papers = m.items.map((it, i) => {
    const authors = authorLine(it);
    return [`${i + 1}. ${it.paper.title}`, authors ? `   ${authors}` : null, `   ${it.reason}`, `   ${m.links.paper(it.paper.id)}`].filter((l) => l !== null).join("\n");
  });
  return [
    copy.heading,
    "",
    copy.intro,
    "",
    papers.join("\n\n"),
    "",
    `${copy.moreLabel}: ${m.links.more}`,
    "",
    "-- ",
    `You get this mail at ${m.email} because you subscribed to ${copy.because}.`,
    `Manage your subscriptions: ${m.links.manage}`,
    `Unsubscribe: ${m.links.unsubscribe}`,
    "",
  ].join("\n");
}

/** "daily" / "weekly" as the copy uses it. */
export function cadence(f: Frequency): string {
  return f === "daily" ? "daily" : "weekly";
}
