// Sorting a failed send: try again later, give up on this mail, or stop sending because the transport itself is broken.
//
// SMTP says which replies are final: 5yz refuses the message for good (RFC
// 5321), 4yz asks to try later; 503 (bad sequence) is a session problem that
// a new connection clears. Errors without a reply are the connection's:
// refused, reset, timed out, DNS; they are temporary too, but they hit every
// mail alike, so the sender stops a run on them rather than fail each mail in
// turn. Credentials and TLS set-up errors are configuration: nothing can go
// until the operator fixes them.
import type { FailureKind } from "./mailer.js";

interface MailError {
  code?: string | undefined;
  responseCode?: number | undefined;
  originalCode?: string | undefined;
  message?: string;
}

const CONNECTION = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "EPROXY", "ECONNREFUSED", "ECONNRESET", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const CONFIGURATION = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ETLS", "EREQUIRETLS", "ECONFIG"]);

export function classifyFailure(err: unknown): FailureKind {
  const e = (err ?? {}) as MailError;
  if (e.code && CONFIGURATION.has(e.code)) return "transport";
  const reply = e.responseCode;
  if (reply !== undefined) return reply >= 500 && reply !== 503 ? "permanent" : "temporary";
  return "temporary";
}

/** The failure ended or never made the connection (as opposed to the server refusing this one mail). */
export function isConnectionFailure(err: unknown): boolean {
  const e = (err ?? {}) as MailError;
  return e.responseCode === 421 || (!!e.code && CONNECTION.has(e.code)) || (!!e.originalCode && CONNECTION.has(e.originalCode));
}

/** One line for the delivery record and logs: the code, the reply, the message; never credentials (nodemailer does not put them in errors). */
export function describeFailure(err: unknown): string {
  const e = (err ?? {}) as MailError;
  const code = [e.code, e.originalCode && e.originalCode !== e.code ? e.originalCode : undefined, e.responseCode].filter(Boolean).join("/");
  const text = (e.message ?? String(err)).replace(/\s+/g, " ").slice(0, 300);
  return code ? `${code}: ${text}` : text;
}
