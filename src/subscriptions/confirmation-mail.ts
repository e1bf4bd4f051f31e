// The double opt-in mail: one link that confirms one subscription, valid for CONFIRM_DAYS; nothing else is mailed before it is followed.
import { escapeHtml, mailButton, mailDocument, mailFooter, mailLink } from "../mail/mail-html.js";
import { describeFollow, type Follow } from "./follow.js";
import type { Frequency } from "./schedule.js";

export const CONFIRM_DAYS = 7;

export interface ConfirmationModel {
  email: string;
  follow: Follow;
  frequency: Frequency;
  confirmUrl: string;
  unsubscribeUrl: string;
  manageUrl: string;
}

export function confirmationMail(m: ConfirmationModel): { subject: string; html: string; text: string } {
  const what = `${describeFollow(m.follow)}, ${m.frequency}`;
  const subject = "Confirm your Paperboard subscription";
  const html = mailDocument(
    subject,
    `<h1 style="font-size:22px;line-height:1.3;margin:4px 0 8px;">Confirm your subscription</h1>
<p style="margin:0 0 16px;">Someone, hopefully you, asked to mail <strong>${escapeHtml(what)}</strong> to ${escapeHtml(m.email)}.</p>
<p style="margin:0 0 24px;">${mailButton(m.confirmUrl, "Yes, send me these mails")}</p>
<p style="margin:0 0 8px;">The link works for ${CONFIRM_DAYS} days. If you did not ask for this, ignore this mail: nothing more will be sent.</p>
${mailFooter([`Not you? ${mailLink(m.unsubscribeUrl, "Cancel this request")} · ${mailLink(m.manageUrl, "Manage your subscriptions")}`])}`,
  );
  const text = [
    "Confirm your subscription",
    "",
    `Someone, hopefully you, asked to mail ${what} to ${m.email}.`,
    "",
    "To confirm, open this link:",
    m.confirmUrl,
    "",
    `The link works for ${CONFIRM_DAYS} days. If you did not ask for this, ignore this mail: nothing more will be sent.`,
    "",
    "-- ",
    `Not you? Cancel this request: ${m.unsubscribeUrl}`,
    `Manage your subscriptions: ${m.manageUrl}`,
    "",
  ].join("\n");
  return { subject, html, text };
}
