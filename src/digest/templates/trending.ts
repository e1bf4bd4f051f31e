// The trending digest: the community's most upvoted and discussed papers of the day or the week.
import { firstAndMore, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function trendingTemplate(m: DigestModel): RenderedMail {
  const daily = m.frequency === "daily";
  return renderDigest(m, {
    subject: firstAndMore(daily ? "Trending today" : "Trending this week", m.items),
    heading: daily ? "Trending papers today" : "This week's trending papers",
    intro: daily
      ? "The papers readers upvoted and discussed most since your last digest."
      : "The week's most upvoted and discussed papers on the hub.",
    moreLabel: "See everything trending",
    because: `the ${daily ? "daily" : "weekly"} trending digest`,
  });
}
