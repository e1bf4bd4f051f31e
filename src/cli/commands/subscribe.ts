// `paperboard subscribe`: add (with or without double opt-in), list and remove mail subscriptions from the command line.
import { Command, Option } from "commander";
import { describeFollow, parseFollowSpec } from "../../subscriptions/follow.js";
import { FREQUENCIES, readSchedule, type Schedule } from "../../subscriptions/schedule.js";
import type { SubscriptionRecord } from "../../storage/subscriptions-repo.js";
import { printJson, withServices } from "../context.js";

const HH = (h: number) => `${String(h).padStart(2, "0")}:00`;

function when(s: Schedule): string {
  const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const at = s.frequency === "daily" ? `daily ${HH(s.sendHour)}${s.weekdaysOnly ? " weekdays" : ""}` : `weekly ${days[s.sendWeekday - 1]} ${HH(s.sendHour)}`;
  return `${at} ${s.timeZone}`;
}

function state(s: SubscriptionRecord): "active" | "pending" {
  return s.confirmedAt && s.subscriberConfirmedAt ? "active" : "pending";
}

function asJson(s: SubscriptionRecord) {
  return { id: s.id, email: s.email, account: s.userId, follow: s.followKey, kind: s.follow.kind, what: describeFollow(s.follow), ...s.schedule, state: state(s), createdAt: s.createdAt };
}

function addCommand(): Command {
  return new Command("add")
    .description("Subscribe an address; without --confirmed a confirmation mail is sent and nothing else until it is followed")
    .argument("<email>", "address to mail")
    .requiredOption("--follow <what>", "trending | for-you | search:QUERY | author:NAME | category:CAT | org:NAME")
    .addOption(new Option("--frequency <f>", "how often").choices(FREQUENCIES).default("daily"))
    .option("--hour <h>", "local hour to send at, 0-23", "8")
    .option("--tz <zone>", "the subscriber's IANA time zone (default: PAPERBOARD_FEED_TZ)")
    .option("--weekday <n>", "weekly digests: 1 (Monday) to 7 (Sunday)", "1")
    .option("--weekdays-only", "daily digests: not on Saturday and Sunday")
    .option("--confirmed", "skip double opt-in: you vouch that the address asked for it")
    .option("--json", "print the subscription as JSON")
    .action(async (email: string, flags: { follow: string; frequency: string; hour: string; tz?: string; weekday: string; weekdaysOnly?: boolean; confirmed?: boolean; json?: boolean }, cmd: Command) => {
      const follow = parseFollowSpec(flags.follow);
      await withServices(cmd, async (s) => {
        const schedule = readSchedule(
          { frequency: flags.frequency, sendHour: flags.hour, timeZone: flags.tz, sendWeekday: flags.weekday, weekdaysOnly: flags.weekdaysOnly === true },
          { timeZone: s.config.feedTimeZone },
        );
        const r = await s.subscriptions.subscribe({ email, follow, schedule, confirmed: flags.confirmed === true });
        if (flags.json) return printJson({ ...asJson(r.subscription), outcome: r.outcome });
        const how = {
          active: "active",
          "already-active": "already active",
          "confirmation-sent": "confirmation mail sent",
          "confirmation-pending": "waiting for confirmation (a mail was sent within the hour)",
        }[r.outcome];
        process.stdout.write(`${r.subscription.email}: ${describeFollow(r.subscription.follow)}, ${when(r.subscription.schedule)}: ${how} (${r.subscription.id})\n`);
      });
    });
}

function listCommand(): Command {
  return new Command("list")
    .description("List every subscription")
    .option("--json", "print a JSON array")
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const subs = await s.subscriptions.list();
        if (flags.json) return printJson(subs.map(asJson));
        if (subs.length === 0) return void process.stdout.write("no subscriptions\n");
        for (const x of subs) process.stdout.write(`${x.id}  ${state(x).padEnd(7)}  ${x.email}  ${x.followKey}  ${when(x.schedule)}\n`);
      });
    });
}

function removeCommand(): Command {
  return new Command("remove")
    .description("Delete a subscription (as its unsubscribe link would)")
    .argument("<id>", "subscription id, as `subscribe list` shows it")
    .action(async (id: string, _flags: object, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const sub = await s.subscriptions.remove(id);
        process.stdout.write(`removed ${sub.email}: ${describeFollow(sub.follow)}\n`);
      });
    });
}

export function subscribeCommand(): Command {
  return new Command("subscribe").description("Manage mail subscriptions").addCommand(addCommand()).addCommand(listCommand()).addCommand(removeCommand());
}
