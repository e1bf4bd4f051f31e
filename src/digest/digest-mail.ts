// One digest as a mail: the template's subject and parts, the signed links, and the headers that make it a list mail.
import { createHash } from "node:crypto";
import type { OutgoingMail } from "../mail/mailer.js";
import type { SubscriptionRecord } from "../storage/subscriptions-repo.js";
import { describeFollow } from "../subscriptions/follow.js";
import type { HubLinks } from "../subscriptions/hub-links.js";
import type { DigestItem } from "./digest-types.js";
import { renderDigestMail } from "./templates/index.js";

/**
 * The Message-ID of a period's digest is derived from its idempotency key:
 * if a crash forces a re-send of a mail the server had in fact accepted, the
 * copy carries the same Message-ID, and clients that de-duplicate by it
 * (Gmail does) show one mail.
 */
export function digestMessageId(idempotencyKey: string, host: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}.digest@${host}>`;
}

export function digestMail(
  sub: SubscriptionRecord,
  items: DigestItem[],
  o: { links: HubLinks; tokens: { unsubscribe: string; manage: string }; idempotencyKey: string },
): OutgoingMail {
  const unsubscribeUrl = o.links.unsubscribe(o.tokens.unsubscribe);
  const rendered = renderDigestMail({
    follow: sub.follow,
    frequency: sub.schedule.frequency,
    items,
    email: sub.email,
    links: { paper: (id) => o.links.paper(id), more: o.links.followPage(sub.follow), manage: o.links.manage(o.tokens.manage), unsubscribe: unsubscribeUrl },
  });
  return {
    to: sub.email,
    ...rendered,
    unsubscribeUrl,
    listId: { name: `Paperboard: ${describeFollow(sub.follow)}`, id: `${sub.follow.kind}.digest.${o.links.host}` },
    messageId: digestMessageId(o.idempotencyKey, o.links.host),
  };
}
