// The author alert: new papers by an author the reader follows.
import { cadence, firstAndMore, papersCount, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function authorTemplate(m: DigestModel): RenderedMail {
  const name = m.follow.kind === "author" ? m.follow.name : "";
  return renderDigest(m, {
    subject: m.items.length === 1 ? firstAndMore(`New paper by ${name}`, m.items) : `${papersCount(m.items.length)} by ${name}`,
    heading: `New from ${name}`,
    intro: `${papersCount(m.items.length)} by ${name}, published in the last few days.`,
    moreLabel: `All papers by ${name}`,
    because: `${cadence(m.frequency)} alerts for papers by ${name}`,
  });
}
