// The personal digest: papers picked for one reader by what they upvoted, saved and marked "not interested".
import { cadence, firstAndMore, papersCount, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function forYouTemplate(m: DigestModel): RenderedMail {
  return renderDigest(m, {
    subject: firstAndMore("For you", m.items),
    heading: "Picked for you",
    intro: `${papersCount(m.items.length)} chosen from what you upvoted and saved; each says why it is here.`,
    moreLabel: "Your personal feed",
    because: `your ${cadence(m.frequency)} personal selection`,
  });
}
