// Sending one claimed delivery: paced, each attempt counted before it is made, temporary failures retried with back-off, the outcome recorded.
import type { Mailer } from "../mail/mailer.js";
import { classifyFailure, describeFailure, isConnectionFailure } from "../mail/send-errors.js";
import type { SendPacer } from "../mail/send-pacer.js";
import type { SubscriptionRecord, SubscriptionsRepo } from "../storage/subscriptions-repo.js";
import type { SubscriptionsService } from "../subscriptions/subscriptions-service.js";
import type { HubLinks } from "../subscriptions/hub-links.js";
import { digestMail } from "./digest-mail.js";
import type { DigestItem } from "./digest-types.js";
import { backoffMs, type RetryPolicy } from "./retry-policy.js";

export interface DeliveryJob {
  deliveryId: string;
  idempotencyKey: string;
  periodKey: string;
  sub: SubscriptionRecord;
  items: DigestItem[];
  /** Tries recorded before this run (a resumed delivery has some). */
  attempts: number;
  /** Found pending from an earlier run (crashed or deferred), not claimed by this one. */
  resumed: boolean;
}

export type JobOutcome =
  | { status: "sent"; messageId: string }
  | { status: "failed"; error: string }
  /** Left pending for a later run; `stop` when no further mail can go in this run (transport down or misconfigured). */
  | { status: "deferred"; error: string; stop: boolean }
  /** The subscription was cancelled meanwhile (or another run took the delivery over): nothing sent. */
  | { status: "cancelled" };

export interface AttemptDeps {
  /** The run's lease owner id: attempts go only while the delivery is still this run's. */
  owner: string;
  repo: SubscriptionsRepo;
  mailer: Mailer;
  links: HubLinks;
  tokens: Pick<SubscriptionsService, "mailLinks">;
  pacer: SendPacer;
  retry: RetryPolicy;
  leaseMs: number;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Told of each failed try that will be tried again (logs, tests). */
  onRetry?: (info: { deliveryId: string; attempt: number; error: string; delayMs: number }) => void;
}

export async function deliver(job: DeliveryJob, d: AttemptDeps, stopped: () => boolean): Promise<JobOutcome> {
  const mail = digestMail(job.sub, job.items, { links: d.links, tokens: await d.tokens.mailLinks(job.sub), idempotencyKey: job.idempotencyKey });
  let attempts = job.attempts;
  for (let inRun = 1; ; inRun++) {
    if (stopped()) {
      await d.repo.release(job.deliveryId, d.owner);
      return { status: "deferred", error: "run stopped", stop: true };
    }
    await d.pacer.take();
    const leaseUntil = new Date(d.clock().getTime() + d.leaseMs).toISOString();
    if (!(await d.repo.startAttempt(job.deliveryId, d.owner, leaseUntil))) return { status: "cancelled" };
    attempts++;
    try {
      const sent = await d.mailer.send(mail);
      const at = d.clock().toISOString();
      await d.repo.markSent({ id: job.deliveryId, subscriptionId: job.sub.id, paperIds: job.items.map((i) => i.paper.id), at, messageId: sent.messageId });
      return { status: "sent", messageId: sent.messageId };
    } catch (err) {
      const error = describeFailure(err);
      const kind = classifyFailure(err);
      if (kind === "permanent" || (kind === "temporary" && attempts >= d.retry.maxAttempts)) {
        await d.repo.markFailed(job.deliveryId, error);
        return { status: "failed", error };
      }
      const delayMs = backoffMs(d.retry, attempts);
      const later = new Date(d.clock().getTime() + delayMs).toISOString();
      if (kind === "transport") {
        await d.repo.markRetry(job.deliveryId, error, later);
        return { status: "deferred", error, stop: true };
      }
      if (inRun >= d.retry.attemptsPerRun || stopped()) {
        await d.repo.markRetry(job.deliveryId, error, later);
        return { status: "deferred", error, stop: isConnectionFailure(err) };
      }
      d.onRetry?.({ deliveryId: job.deliveryId, attempt: attempts, error, delayMs });
      await d.sleep(delayMs);
    }
  }
}
