// A local SMTP catcher for trying Paperboard's mail: listens on loopback and prints every mail that arrives (headers, text part).
//
// Usage: npx tsx scripts/mail-catcher.ts [--port 2525] [--count-only]
// Then run Paperboard with
//   PAPERBOARD_SMTP_URL='smtp://127.0.0.1:2525/?ignoreTLS=true' PAPERBOARD_PUBLIC_URL=http://127.0.0.1:3000
// Nothing leaves the machine: the catcher accepts any sender, recipient and
// (absent) credentials, and keeps nothing after printing. --count-only
// prints nothing per mail, only {"received": N} when stopped (the digest
// benchmark runs it so in its own process).
import { SmtpCatcher, headerValues, type CaughtMail } from "../src/mail/test-support/smtp-catcher.js";

const args = process.argv.slice(2);
const port = Number(args.includes("--port") ? args[args.indexOf("--port") + 1] : 2525);
const countOnly = args.includes("--count-only");

function print(m: CaughtMail): void {
  const p = m.parsed;
  const header = (name: string) => headerValues(m, name).join(", ");
  const lines = [
    "-".repeat(72),
    `From:    ${p.from?.text ?? m.from}`,
    `To:      ${m.to.join(", ")}`,
    `Subject: ${p.subject ?? ""}`,
    header("list-unsubscribe") ? `List-Unsubscribe:      ${header("list-unsubscribe")}` : null,
    header("list-unsubscribe-post") ? `List-Unsubscribe-Post: ${header("list-unsubscribe-post")}` : null,
    `Parts:   ${[p.text ? "text" : null, p.html ? `html (${String(p.html).length} characters)` : null].filter(Boolean).join(", ")}`,
    "",
    (p.text ?? "").trimEnd(),
    "",
  ];
  process.stdout.write(lines.filter((l) => l !== null).join("\n") + "\n");
}

const catcher = await SmtpCatcher.start({ port, countOnly, onMail: print });
if (countOnly) process.stdout.write(JSON.stringify({ listening: { port: catcher.port } }) + "\n");
else process.stdout.write(`mail catcher listening: PAPERBOARD_SMTP_URL='${catcher.url}' (Ctrl-C to stop)\n`);
const stop = async () => {
  await catcher.close();
  if (countOnly) process.stdout.write(JSON.stringify({ received: catcher.received }) + "\n");
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
