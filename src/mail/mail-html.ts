// HTML for mails: escaping, and the one-message page of service mails (a confirmation link) in the digests' style.
//
// Inline CSS only, no images, no tables, no page background: see
// digest/templates/frame.ts for why these colours read in light and dark mode.

export const MAIL_FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
export const MAIL_LINK = "#3b7ddd";
export const MAIL_MUTED = "#7a7f87";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** The document around a mail's body: color-scheme metas and a centred column. */
export function mailDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;">
<div style="max-width:640px;margin:0 auto;padding:24px 16px;font-family:${MAIL_FONT};font-size:16px;line-height:1.5;">
<div style="font-size:13px;letter-spacing:0.05em;text-transform:uppercase;color:${MAIL_MUTED};">Paperboard</div>
${body}
</div>
</body>
</html>
`;
}

export function mailLink(href: string, label: string, style = ""): string {
  return `<a href="${escapeHtml(href)}" style="color:${MAIL_LINK};${style}">${escapeHtml(label)}</a>`;
}

/** A link drawn as a button (a bordered link: no background, so it reads in both colour schemes). */
export function mailButton(href: string, label: string): string {
  return mailLink(href, label, `display:inline-block;padding:10px 18px;border:2px solid ${MAIL_LINK};border-radius:6px;font-weight:600;text-decoration:none;`);
}

/** The small print under a mail: why it came and how to stop it. */
export function mailFooter(lines: string[]): string {
  return `<div style="border-top:1px solid ${MAIL_MUTED};margin:28px 0 12px;"></div>
<p style="font-size:12px;line-height:1.5;color:${MAIL_MUTED};margin:0;">${lines.join("<br>\n")}</p>`;
}
