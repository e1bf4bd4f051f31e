// The digest job: finds what is due, claims each period, sends in paced lanes, records every outcome; safe to run from the scheduler and cron at once.
//
// Exactly one delivery row exists per subscription and period (its UNIQUE
// idempotency key): the row is inserted, pending and leased to this run,
// before its mail is attempted, and each attempt is counted before it is
// made. So after a crash:
//   - a period with no row was never attempted: it is composed and sent now;
//   - a pending row whose lease expired is resumed with the papers it was
//     claimed with; 'sent' is written with the Message-ID and the delivered
//     papers in one transaction, so a pending row means no acceptance was
//     recorded, and it is sent again.
// That last case is the one place a mail can arrive twice: the SMTP server
// accepted it and the process died before the commit (a window of
// milliseconds). We chose at-least-once there: the alternative, marking such
// rows failed, loses a digest on every crash mid-send, while a duplicate is
// rare and carries the same Message-ID (digest-mail.ts), which clients that
// de-duplicate (Gmail) hide. Papers are marked delivered only on 'sent', so
// nothing is lost from later digests either way.
import { randomBytes } from "node:crypto";
import type { StoredPaper } from "../domain/paper.js";
import type { Mailer } from "../mail/mailer.js";
import { SendPacer } from "../mail/send-pacer.js";
import type { DeliveryRow, DigestItemRef, SubscriptionRecord, SubscriptionsRepo } from "../storage/subscriptions-repo.js";
import type { HubLinks } from "../subscriptions/hub-links.js";
import { dueAt } from "../subscriptions/schedule.js";
import type { SubscriptionsService } from "../subscriptions/subscriptions-service.js";
import { deliver, type AttemptDeps, type DeliveryJob, type JobOutcome } from "./delivery-attempts.js";
import type { DigestComposer, DigestRun } from "./digest-composer.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry-policy.js";

export interface DigestSenderOptions {
  repo: SubscriptionsRepo;
  composer: DigestComposer;
  subscriptions: Pick<SubscriptionsService, "mailLinks">;
  /** Papers by id, hidden ones left out (to resume a claimed digest). */
  loadVisible(ids: string[]): Promise<StoredPaper[]>;
  mailer: Mailer;
  links: HubLinks;
  /** Mails per second over the whole run; 0 for no limit. */
  ratePerSecond: number;
  /** Mails in flight at once (each lane waits for its pace slot). */
  lanes?: number;
  /** Subscriptions composed and claimed per batch before their mails go. */
  batchSize?: number;
  retry?: RetryPolicy;
  /** How long a claimed delivery stays this run's; renewed at each attempt. */
  leaseMs?: number;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: AttemptDeps["onRetry"];
}

export interface SentDigest {
  subscriptionId: string;
  email: string;
  kind: string;
  frequency: string;
  period: string;
  papers: number;
  messageId: string;
  resumed: boolean;
}

export interface SendReport {
  sent: SentDigest[];
  /** Periods with nothing new: recorded, not mailed. */
  empty: number;
  failed: Array<{ subscriptionId: string; email: string; period: string; error: string }>;
  /** Left pending for a later run (temporary failures). */
  deferred: number;
  /** Why the run stopped before the end (the mail server unreachable or refusing our credentials), else null. */
  stopped: string | null;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_BATCH = 200;

export class DigestSender {
  private readonly clock: () => Date;
  private readonly attempt: Omit<AttemptDeps, "pacer" | "owner">;

  constructor(private readonly o: DigestSenderOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.attempt = {
      repo: o.repo,
      mailer: o.mailer,
      links: o.links,
      tokens: o.subscriptions,
      retry: o.retry ?? DEFAULT_RETRY,
      leaseMs: o.leaseMs ?? DEFAULT_LEASE_MS,
      clock: this.clock,
      sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      ...(o.onRetry ? { onRetry: o.onRetry } : {}),
    };
  }

  /**
   * Resumes orphaned deliveries, then sends every due digest: by each
   * subscriber's local send hour and weekday, or with `now` every live
   * subscription's digest of its current period whatever the hour.
   */
  async run(opts: { now?: boolean; signal?: AbortSignal } = {}): Promise<SendReport> {
    const report: SendReport = { sent: [], empty: 0, failed: [], deferred: 0, stopped: null };
    const owner = randomBytes(9).toString("base64url");
    const deps: AttemptDeps = { ...this.attempt, owner, pacer: new SendPacer(this.o.ratePerSecond) };
    const stopped = () => report.stopped !== null || opts.signal?.aborted === true;
    const send = (jobs: DeliveryJob[]) => this.sendAll(jobs, deps, report, stopped);

    await send(await this.orphans(owner));
    const at = this.clock();
    const run = this.o.composer.run(at);
    const due = await this.due(at, opts.now === true);
    const batch = this.batchSize();
    for (let i = 0; i < due.length && !stopped(); i += batch) {
      await send(await this.claimAll(due.slice(i, i + batch), run, owner, report));
    }
    if (opts.signal?.aborted && !report.stopped) report.stopped = "interrupted";
    return report;
  }

  /**
   * Claims per batch: every claimed delivery must get its first attempt
   * within its lease, or another run could take it over, so at a low send
   * rate batches shrink to what goes out in half a lease.
   */
  private batchSize(): number {
    const max = this.o.batchSize ?? DEFAULT_BATCH;
    const rate = this.o.ratePerSecond;
    return rate > 0 ? Math.max(1, Math.min(max, Math.floor((rate * this.attempt.leaseMs) / 2000))) : max;
  }

  /** Live subscriptions whose current period is due and has no delivery yet. */
  private async due(at: Date, ignoreSlot: boolean): Promise<Array<{ sub: SubscriptionRecord; periodKey: string; key: string }>> {
    const live = await this.o.repo.liveSubscriptions();
    const due = live.flatMap((sub) => {
      const confirmedAt = [sub.confirmedAt!, sub.subscriberConfirmedAt!].sort()[1]!;
      const d = dueAt(sub.schedule, confirmedAt, at, { ignoreSlot });
      return d.due ? [{ sub, periodKey: d.periodKey, key: `${sub.id}:${d.periodKey}` }] : [];
    });
    const recorded = await this.o.repo.recordedKeys(due.map((d) => d.key));
    return due.filter((d) => !recorded.has(d.key));
  }

  /** Composes each digest and claims its period (pending, leased to this run), or records it empty; a period someone else claimed first is skipped. */
  private async claimAll(
    due: Array<{ sub: SubscriptionRecord; periodKey: string; key: string }>,
    run: DigestRun,
    owner: string,
    report: SendReport,
  ): Promise<DeliveryJob[]> {
    const jobs: DeliveryJob[] = [];
    for (const { sub, periodKey, key } of due) {
      const items = await run.compose(sub);
      const now = this.clock();
      const refs: DigestItemRef[] = items.map((i) => ({ id: i.paper.id, reason: i.reason }));
      const id = randomBytes(12).toString("base64url");
      const claimed = await this.o.repo.claim({
        id,
        subscription_id: sub.id,
        period_key: periodKey,
        idempotency_key: key,
        status: items.length > 0 ? "pending" : "empty",
        items: JSON.stringify(refs),
        lease_owner: items.length > 0 ? owner : null,
        lease_until: items.length > 0 ? new Date(now.getTime() + this.attempt.leaseMs).toISOString() : null,
        created_at: now.toISOString(),
      });
      if (!claimed) continue;
      if (items.length === 0) report.empty++;
      else jobs.push({ deliveryId: id, idempotencyKey: key, periodKey, sub, items, attempts: 0, resumed: false });
    }
    return jobs;
  }

  /** Pending deliveries left by a crashed or deferred run, leased to this one, with the papers they were claimed with. */
  private async orphans(owner: string): Promise<DeliveryJob[]> {
    const jobs: DeliveryJob[] = [];
    const now = this.clock();
    for (const row of await this.o.repo.orphanedPending(now.toISOString(), 10_000)) {
      const lease = new Date(now.getTime() + this.attempt.leaseMs).toISOString();
      if (!(await this.o.repo.takeLease(row.id, owner, now.toISOString(), lease))) continue;
      const job = await this.resumeJob(row);
      if (job) jobs.push(job);
    }
    return jobs;
  }

  private async resumeJob(row: DeliveryRow): Promise<DeliveryJob | null> {
    const sub = await this.o.repo.findSubscription(row.subscription_id);
    if (!sub || !sub.confirmedAt || !sub.subscriberConfirmedAt) {
      await this.o.repo.markFailed(row.id, "the subscription is no longer confirmed");
      return null;
    }
    const refs = JSON.parse(row.items) as DigestItemRef[];
    const papers = new Map((await this.o.loadVisible(refs.map((r) => r.id))).map((p) => [p.id, p]));
    const items = refs.flatMap((r) => (papers.has(r.id) ? [{ paper: papers.get(r.id)!, reason: r.reason }] : []));
    if (items.length === 0) {
      await this.o.repo.markEmpty(row.id);
      return null;
    }
    return { deliveryId: row.id, idempotencyKey: row.idempotency_key, periodKey: row.period_key, sub, items, attempts: Number(row.attempts), resumed: true };
  }

  private async sendAll(jobs: DeliveryJob[], deps: AttemptDeps, report: SendReport, stopped: () => boolean): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        this.record(job, await deliver(job, deps, stopped), report);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.lanes ?? 4) }, lane));
  }

  private record(job: DeliveryJob, out: JobOutcome, report: SendReport): void {
    const { sub } = job;
    if (out.status === "sent") {
      report.sent.push({
        subscriptionId: sub.id,
        email: sub.email,
        kind: sub.follow.kind,
        frequency: sub.schedule.frequency,
        period: job.periodKey,
        papers: job.items.length,
        messageId: out.messageId,
        resumed: job.resumed,
      });
    } else if (out.status === "failed") {
      report.failed.push({ subscriptionId: sub.id, email: sub.email, period: job.periodKey, error: out.error });
    } else if (out.status === "deferred") {
      report.deferred++;
      if (out.stop && !report.stopped) report.stopped = out.error;
    }
  }
}
