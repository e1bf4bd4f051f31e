// Benchmark: digest sending end to end (due subscriptions found, composed, claimed, mailed over SMTP, recorded) to a local smtp-server, rate limit off.
//
// Usage: npm run bench:digest [-- --subscribers N] [--lanes N] [--kind trending|search]
// A temporary SQLite store holds 40 papers on today's feed and N confirmed
// subscribers (default 2,000), each with a daily digest (trending: one
// shared list; search: one saved search per subscriber among 20 queries).
// Mail goes through the real SmtpMailer (nodemailer pool, 4 connections) to
// smtp-server on loopback, run in its own process (scripts/mail-catcher.ts
// --count-only) as a real mail server would be, draining each message
// without parsing. The figure is mails per second of one `digest send --now`
// run, from the start of the run to the last delivery recorded as sent.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { AccountsService } from "../src/accounts/accounts-service.js";
import { addDays, feedDayOf } from "../src/domain/feed-day.js";
import { emptyPaper, type ImportRecord } from "../src/domain/paper.js";
import { FeedService } from "../src/feed/feed-service.js";
import { FeedRepo } from "../src/storage/feed-repo.js";
import { openStore } from "../src/storage/open-store.js";
import type { Follow } from "../src/subscriptions/follow.js";
import { createMailServices } from "../src/subscriptions/mail-services.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const SUBSCRIBERS = Number(arg("subscribers", "2000"));
const LANES = Number(arg("lanes", "4"));
const KIND = arg("kind", "trending");
const QUERIES = ["diffusion", "transformer", "reinforcement learning", "graph neural", "retrieval", "alignment", "sparse attention", "video generation", "reasoning", "scaling laws", "multimodal", "state space", "benchmark", "agents", "optimization", "quantization", "distillation", "robotics", "speech", "vision language"];

/** scripts/mail-catcher.ts --count-only in a child process: its port, and the count it prints when stopped. */
async function startCatcher(): Promise<{ url: string; stop(): Promise<number> }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../scripts/mail-catcher.ts", import.meta.url).pathname, "--port", "0", "--count-only"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let buffered = "";
  const waiters: Array<() => void> = [];
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    buffered += d;
    let i: number;
    while ((i = buffered.indexOf("\n")) >= 0) {
      lines.push(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
      for (const w of waiters.splice(0)) w();
    }
  });
  const nextLine = async (): Promise<Record<string, any>> => {
    while (lines.length === 0) await new Promise<void>((r) => waiters.push(r));
    return JSON.parse(lines.shift()!);
  };
  const { listening } = await nextLine();
  return {
    url: `smtp://127.0.0.1:${listening.port}/?ignoreTLS=true`,
    async stop() {
      child.kill("SIGTERM");
      const { received } = await nextLine();
      await once(child, "close");
      return received;
    },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pb-digest-bench-"));
  const catcher = await startCatcher();
  let received = -1;
  const store = await openStore({ dataDir: dir });
  try {
    const now = new Date();
    const rule = { timeZone: "UTC", rolloverHour: 17 };
    const today = feedDayOf(now, rule);
    const records: ImportRecord[] = Array.from({ length: 40 }, (_, i) => {
      const id = `2406.${String(10000 + i)}`;
      const q = QUERIES[i % QUERIES.length]!;
      return {
        paper: { ...emptyPaper(id, "hf-daily"), title: `Paper ${i} on ${q}`, abstract: `We study ${q} at scale and report results on ${q} benchmarks.`, authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }], categories: ["cs.LG"], publishedAt: `${addDays(today, -1)}T08:00:00.000Z` },
        hub: { feedDay: addDays(today, -(i % 3)), submittedAt: `${addDays(today, -(i % 3))}T09:00:00.000Z`, upvotes: 5 + ((i * 7) % 60), numComments: i % 4 },
      };
    });
    await store.upsertPapers(records);
    await store.lexical.catchUp();

    const feed = new FeedService(new FeedRepo(store), store, { rule });
    const mail = createMailServices({
      config: { smtpUrl: catcher.url, publicUrl: "https://hub.example.org", mailFrom: "Paperboard <digest@hub.example.org>", mailRatePerSecond: 0, trendingHalfLifeHours: 48 },
      store,
      feed,
      accounts: AccountsService.over(store.db),
      sender: { lanes: LANES },
    });
    const seedStart = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const follow: Follow = KIND === "search" ? { kind: "search", q: QUERIES[i % QUERIES.length]!, after: null, before: null, category: null, hasCode: false } : { kind: "trending" };
      await mail.subscriptions.subscribe({ email: `reader${i}@example.org`, follow, schedule: { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 }, confirmed: true });
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const start = performance.now();
    const report = await mail.digests!.run({ now: true });
    const seconds = (performance.now() - start) / 1000;
    const again = performance.now();
    const second = await mail.digests!.run({ now: true });
    const secondSeconds = (performance.now() - again) / 1000;
    await mail.close();
    received = await catcher.stop();

    if (report.sent.length !== SUBSCRIBERS || received !== SUBSCRIBERS || second.sent.length !== 0) {
      throw new Error(`expected ${SUBSCRIBERS} mails once: sent ${report.sent.length}, received ${received}, resent ${second.sent.length}, failed ${report.failed.length}`);
    }
    const papers = report.sent.reduce((n, s) => n + s.papers, 0) / report.sent.length;
    console.log(`digest bench: ${SUBSCRIBERS} ${KIND} subscribers, ${LANES} lanes, SQLite, smtp-server on loopback (own process)`);
    console.log(`  seeded subscriptions in ${seedSeconds.toFixed(1)} s`);
    console.log(`  sent ${report.sent.length} digests (${papers.toFixed(1)} papers each) in ${seconds.toFixed(2)} s: ${(report.sent.length / seconds).toFixed(0)} mails/s`);
    console.log(`  second run (all periods delivered, nothing to send): ${(secondSeconds * 1000).toFixed(0)} ms`);
  } finally {
    await store.close();
    if (received < 0) await catcher.stop().catch(() => 0);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
