// The organisation alert: new papers from a lab or company the reader follows.
import { cadence, firstAndMore, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function organisationTemplate(m: DigestModel): RenderedMail {
  const name = m.follow.kind === "organisation" ? (m.items[0]?.paper.hub?.organization?.fullname ?? m.follow.name) : "";
  return renderDigest(m, {
    subject: firstAndMore(`New from ${name}`, m.items),
    heading: `New from ${name}`,
    intro: `Papers from ${name} published in the last few days.`,
    moreLabel: `${name} on the hub`,
    because: `${cadence(m.frequency)} alerts for ${name}`,
  });
}
