// A real SMTP server on loopback (smtp-server) that keeps or counts what arrives: for tests, the benchmark and scripts/mail-catcher.ts.
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export interface CaughtMail {
  /** MAIL FROM and RCPT TO, as the envelope said. */
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface CatcherOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Answer the first N messages with 421 (service not available, try later), as a relay under load does. */
  refuseFirst?: number;
  /** Refuse these recipients for good (550 mailbox unavailable). */
  rejectRecipient?: (address: string) => boolean;
  /** Count messages without keeping or parsing them (benchmarks). */
  countOnly?: boolean;
  /** Told of each mail as it arrives (the catcher script prints them). */
  onMail?: (m: CaughtMail) => void;
}

export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  /** Messages accepted, kept or not. */
  received = 0;
  /** MAIL FROM commands answered 421. */
  refused = 0;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** smtp://127.0.0.1:<port> without TLS: the catcher offers none, and ignoreTLS keeps nodemailer from asking. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}/?ignoreTLS=true`;
  }

  static async start(o: CatcherOptions = {}): Promise<SmtpCatcher> {
    let refuse = o.refuseFirst ?? 0;
    let catcher: SmtpCatcher | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      size: 10 * 1024 * 1024,
      onMailFrom(_address: SMTPServerAddress, _session, callback) {
        if (refuse > 0) {
          refuse--;
          catcher!.refused++;
          return callback(Object.assign(new Error("Service busy, try again later"), { responseCode: 421 }));
        }
        callback();
      },
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        if (o.rejectRecipient?.(address.address)) return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => {
          if (!o.countOnly) chunks.push(c);
        });
        stream.on("end", () => {
          const c = catcher!;
          c.received++;
          if (o.countOnly) {
            c.wake();
            return callback();
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              const envelopeFrom = session.envelope.mailFrom;
              const mail: CaughtMail = { from: envelopeFrom ? envelopeFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw, parsed };
              c.mails.push(mail);
              o.onMail?.(mail);
              c.wake();
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });
    const port = o.port ?? 0;
    server.listen(port, "127.0.0.1");
    await once(server.server, "listening");
    catcher = new SmtpCatcher(server, (server.server.address() as AddressInfo).port);
    return catcher;
  }

  /** Resolves once `n` messages have arrived in all; rejects after `timeoutMs`. */
  async waitFor(n: number, timeoutMs = 10_000): Promise<CaughtMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${n} mails, got ${this.received}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.mails;
  }

  /** Mails to one address, in arrival order. */
  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  clear(): void {
    this.mails.length = 0;
    this.received = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** A loopback port nothing listens on (yet): sending to it is refused. */
export async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await once(s, "listening");
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** One header's raw value(s), by name, any case (List-Unsubscribe, List-Unsubscribe-Post…). */
export function headerValues(m: CaughtMail, name: string): string[] {
  const key = name.toLowerCase();
  return m.parsed.headerLines.filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim());
}
