// The category alert: new papers in an arXiv category (or a whole archive) the reader follows.
import { cadence, papersCount, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function categoryTemplate(m: DigestModel): RenderedMail {
  const cat = m.follow.kind === "category" ? m.follow.category : "";
  return renderDigest(m, {
    subject: `New in ${cat}: ${papersCount(m.items.length, "")}`,
    heading: `New in ${cat}`,
    intro: `The newest ${papersCount(m.items.length, "")} in ${cat} on the hub.`,
    moreLabel: `Browse ${cat}`,
    because: `${cadence(m.frequency)} alerts for ${cat}`,
  });
}
