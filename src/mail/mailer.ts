// The mail-sending interface the subscriptions and digests use; SMTP (smtp-mailer.ts) is its implementation.

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * RFC 8058 one-click unsubscribe URL: sent as List-Unsubscribe with
   * List-Unsubscribe-Post, so mail clients can offer an unsubscribe button.
   */
  unsubscribeUrl: string;
  /** List-Id: a name and a dotted identifier of the list, e.g. trending.digest.example.org. */
  listId?: { name: string; id: string };
  /** A fixed Message-ID (with angle brackets); the transport makes one when absent. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply, e.g. "250 OK: queued as 4f2…". */
  response: string;
}

/** Why a send failed, deciding what happens next (see send-errors.ts). */
export type FailureKind = "temporary" | "permanent" | "transport";

export interface Mailer {
  /** Sends one mail; rejects with an error that classifyFailure() understands. */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Where mail goes, without credentials, for logs: "smtp://mail.example.org:587". */
  readonly describe: string;
  close(): Promise<void>;
}
