// `paperboard subscribe` and `paperboard digest send` as real processes, mailing a loopback SMTP server: opt-in, listing, sending once, exit codes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, feedDayOf } from "../domain/feed-day.js";
import { feedRecord } from "../feed/test-support/feed-records.js";
import { SmtpCatcher } from "../mail/test-support/smtp-catcher.js";
import { openStore } from "../storage/open-store.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./test-support/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "pb-subscribe-"));
let catcher: SmtpCatcher;

beforeAll(async () => {
  catcher = await SmtpCatcher.start();
});
afterAll(async () => {
  await catcher.close();
  rmSync(work, { recursive: true, force: true });
});

/** A data directory with two papers that trend now (the CLI runs on the real clock). */
async function hubWithPapers(name: string): Promise<string> {
  const data = join(work, name);
  const store = await openStore({ dataDir: data });
  const yesterday = addDays(feedDayOf(new Date(), { timeZone: "UTC", rolloverHour: 17 }), -1);
  await store.upsertPapers([
    feedRecord("2406.00001", { day: yesterday, upvotes: 42, paper: { title: "State Space Models All the Way Down" } }),
    feedRecord("2406.00002", { day: yesterday, upvotes: 5, paper: { title: "Sparse Attention for Long Documents" } }),
  ]);
  await store.close();
  return data;
}

const MAIL_ENV = () => ({ PAPERBOARD_SMTP_URL: catcher.url, PAPERBOARD_PUBLIC_URL: "https://hub.example.org", PAPERBOARD_MAIL_RATE_PER_SECOND: "0" });

describe("paperboard subscribe / digest send", () => {
  it("refuses what cannot work without mail settings, with usage errors", async () => {
    const data = await hubWithPapers("nomail");
    const add = await runCli(["subscribe", "add", "ada@example.org", "--follow", "trending", "--data", data]);
    expect(add.code).toBe(EXIT.USAGE);
    expect(add.stderr).toContain("PAPERBOARD_SMTP_URL");
    const send = await runCli(["digest", "send", "--now", "--data", data]);
    expect(send.code).toBe(EXIT.USAGE);
    expect(send.stderr).toContain("mail is not configured");
    const bad = await runCli(["subscribe", "add", "ada@example.org", "--follow", "everything", "--data", data]);
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain("cannot follow");
    const noPublicUrl = await runCli(["subscribe", "list", "--data", data], { env: { PAPERBOARD_SMTP_URL: catcher.url } });
    expect(noPublicUrl.code).toBe(EXIT.USAGE);
    expect(noPublicUrl.stderr).toContain("PAPERBOARD_PUBLIC_URL");
  });

  it("adds with and without double opt-in, lists, sends every confirmed digest once, and removes", async () => {
    const data = await hubWithPapers("mail");
    const env = MAIL_ENV();
    catcher.clear();

    const ada = await runCli(["subscribe", "add", "ada@example.org", "--follow", "trending", "--data", data], { env });
    expect(ada.stderr).toBe("");
    expect(ada.code).toBe(EXIT.OK);
    expect(ada.stdout).toMatch(/^ada@example\.org: trending papers, daily 08:00 UTC: confirmation mail sent \(\S+\)\n$/);
    const [confirmation] = await catcher.waitFor(1);
    expect(confirmation!.to).toEqual(["ada@example.org"]);
    expect(confirmation!.parsed.text).toMatch(/https:\/\/hub\.example\.org\/subscriptions\/confirm\?token=c\./);

    const bob = await runCli(["subscribe", "add", "bob@example.org", "--follow", "trending", "--frequency", "weekly", "--weekday", "5", "--tz", "Europe/Berlin", "--confirmed", "--json", "--data", data], { env });
    expect(bob.code).toBe(EXIT.OK);
    expect(JSON.parse(bob.stdout)).toMatchObject({ email: "bob@example.org", follow: "trending", frequency: "weekly", sendWeekday: 5, timeZone: "Europe/Berlin", state: "active", outcome: "active" });
    const carol = await runCli(["subscribe", "add", "carol@example.org", "--follow", "author:Ada Lovelace", "--confirmed", "--data", data], { env });
    expect(carol.stdout).toContain("carol@example.org: new papers by Ada Lovelace, daily 08:00 UTC: active");

    const list = await runCli(["subscribe", "list", "--json", "--data", data], { env });
    expect(list.code).toBe(EXIT.OK);
    const subs = JSON.parse(list.stdout) as Array<{ id: string; email: string; state: string; follow: string }>;
    expect(subs.map((s) => [s.email, s.follow, s.state])).toEqual([
      ["ada@example.org", "trending", "pending"],
      ["bob@example.org", "trending", "active"],
      ["carol@example.org", "author:ada lovelace", "active"],
    ]);

    const send = await runCli(["digest", "send", "--now", "--data", data], { env });
    expect(send.stderr).toBe("");
    expect(send.code).toBe(EXIT.OK);
    expect(send.stdout).toMatch(/^sent {2}bob@example\.org {2}trending weekly {2}\d{4}-W\d{2} {2}2 papers$/m);
    expect(send.stdout).toMatch(/^sent {2}carol@example\.org {2}author daily {2}\d{4}-\d{2}-\d{2} {2}2 papers$/m);
    expect(send.stdout).toContain("2 sent, 0 with nothing new, 0 failed, 0 to retry");
    await catcher.waitFor(3);
    expect(catcher.to("ada@example.org")).toHaveLength(1);
    expect(catcher.to("bob@example.org")[0]!.parsed.subject).toBe("Trending this week: State Space Models All the Way Down and 1 more");

    const again = await runCli(["digest", "send", "--now", "--json", "--data", data], { env });
    expect(again.code).toBe(EXIT.OK);
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: [], failed: [], deferred: 0, stopped: null });
    expect(catcher.received).toBe(3);

    const removed = await runCli(["subscribe", "remove", subs[1]!.id, "--data", data], { env });
    expect(removed.stdout).toBe("removed bob@example.org: trending papers\n");
    expect((await runCli(["subscribe", "remove", subs[1]!.id, "--data", data], { env })).code).toBe(EXIT.USAGE);
  });

  it("exits 3 when the mail server cannot be reached, leaving the digest for the next run", async () => {
    const data = await hubWithPapers("down");
    const down = await SmtpCatcher.start();
    const url = down.url;
    await down.close();
    const env = { ...MAIL_ENV(), PAPERBOARD_SMTP_URL: url };
    expect((await runCli(["subscribe", "add", "bob@example.org", "--follow", "trending", "--confirmed", "--data", data], { env })).code).toBe(EXIT.OK);
    const send = await runCli(["digest", "send", "--now", "--json", "--data", data], { env });
    expect(send.code).toBe(EXIT.FAILED);
    expect(JSON.parse(send.stdout)).toMatchObject({ sent: [], deferred: 1, stopped: expect.stringMatching(/ECONNREFUSED/) });
  }, 60_000);
});
