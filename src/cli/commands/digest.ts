// `paperboard digest send`: one run of the digest job, for cron or by hand; exit 0 when everything due went out.
import { Command } from "commander";
import { ConfigError } from "../../domain/errors.js";
import type { SendReport } from "../../digest/digest-sender.js";
import { interruptSignal, printJson, withServices } from "../context.js";
import { EXIT } from "../exit-codes.js";

/** 0: all due digests sent; 1: some failed or wait for a retry; 3: the mail server could not be used; 130: interrupted. */
export function exitCodeOf(r: SendReport): number {
  if (r.stopped === "interrupted") return EXIT.INTERRUPTED;
  if (r.stopped) return EXIT.FAILED;
  return r.failed.length > 0 || r.deferred > 0 ? EXIT.PARTIAL : EXIT.OK;
}

function sendCommand(): Command {
  return new Command("send")
    .description("Send the digests that are due (each subscriber's local hour); with --now, every confirmed subscription's digest for its current period")
    .option("--now", "do not wait for the send hour: send the current period of every confirmed subscription")
    .option("--json", "print {sent, empty, failed, deferred, stopped} as JSON")
    .action(async (flags: { now?: boolean; json?: boolean }, cmd: Command) => {
      process.exitCode = await withServices(cmd, async (s) => {
        const digests = s.digests;
        if (!digests) throw new ConfigError("mail is not configured: set PAPERBOARD_SMTP_URL and PAPERBOARD_PUBLIC_URL");
        // Alerts search the full-text index: papers imported since it last caught up must be in it.
        await s.store.lexical.catchUp();
        const stop = interruptSignal();
        try {
          const r = await digests.run({ now: flags.now === true, signal: stop.signal });
          if (flags.json) printJson(r);
          else print(r);
          return exitCodeOf(r);
        } finally {
          stop.dispose();
        }
      });
    });
}

function print(r: SendReport): void {
  for (const x of r.sent) {
    process.stdout.write(`sent  ${x.email}  ${x.kind} ${x.frequency}  ${x.period}  ${x.papers} paper${x.papers === 1 ? "" : "s"}${x.resumed ? "  (resumed)" : ""}\n`);
  }
  for (const f of r.failed) process.stdout.write(`failed  ${f.email}  ${f.period}  ${f.error}\n`);
  process.stdout.write(`${r.sent.length} sent, ${r.empty} with nothing new, ${r.failed.length} failed, ${r.deferred} to retry\n`);
  if (r.stopped && r.stopped !== "interrupted") process.stderr.write(`stopped early: ${r.stopped}\n`);
}

export function digestCommand(): Command {
  return new Command("digest").description("Mail digests").addCommand(sendCommand());
}
