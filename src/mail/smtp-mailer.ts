// The Mailer over SMTP with nodemailer: a small connection pool built from PAPERBOARD_SMTP_URL.
//
// smtp://user:pass@host:587 speaks STARTTLS when the server offers it;
// smtps://…:465 is TLS from the first byte. nodemailer reads further options
// from the URL's query (?ignoreTLS=true for a local catcher without TLS,
// ?tls.rejectUnauthorized=false for a self-signed test server). The pool
// never requeues a mail on its own (maxRequeues 0): the digest sender owns
// retries, so each attempt is counted in the delivery record first.
import nodemailer from "nodemailer";
import type { Mailer, OutgoingMail, SentMail } from "./mailer.js";

export interface SmtpMailerOptions {
  url: string;
  /** The From header, e.g. "Paperboard <digest@example.org>". */
  from: string;
  /** Parallel SMTP connections (each sends its mails in turn). */
  connections?: number;
  /** Connect, greeting and idle-socket limits; a hung server ends as a temporary failure. */
  timeoutMs?: number;
}

export class SmtpMailer implements Mailer {
  readonly describe: string;
  private readonly transport;

  constructor(private readonly opts: SmtpMailerOptions) {
    const u = new URL(opts.url);
    this.describe = `${u.protocol}//${u.hostname}:${u.port || (u.protocol === "smtps:" ? "465" : "587")}`;
    const timeout = opts.timeoutMs ?? 60_000;
    this.transport = nodemailer.createTransport({
      url: opts.url,
      pool: true,
      maxConnections: opts.connections ?? 4,
      maxMessages: 100,
      maxRequeues: 0,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail({
      from: this.opts.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      list: {
        // The bare URL, no comment: RFC 8058 receivers look for exactly one HTTPS URI.
        unsubscribe: mail.unsubscribeUrl,
        ...(mail.listId ? { id: { url: mail.listId.id, comment: mail.listId.name } } : {}),
      },
      headers: {
        // RFC 8058: a POST to the List-Unsubscribe URL unsubscribes, without a page or a sign-in.
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        // RFC 3834: no out-of-office replies to a digest.
        "Auto-Submitted": "auto-generated",
      },
    });
    return { messageId: info.messageId, response: info.response };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
