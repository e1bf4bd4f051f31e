// The saved-search alert: new papers matching a search the reader saved from the search page.
import { searchLabel } from "../../subscriptions/follow.js";
import { cadence, papersCount, renderDigest, type DigestModel, type RenderedMail } from "./frame.js";

export function savedSearchTemplate(m: DigestModel): RenderedMail {
  const label = m.follow.kind === "search" ? searchLabel(m.follow) : "";
  return renderDigest(m, {
    subject: `${papersCount(m.items.length)} for '${label.length > 60 ? `${label.slice(0, 57)}…` : label}'`,
    heading: `New for '${label}'`,
    intro: `${papersCount(m.items.length)} published in the last few days match your saved search.`,
    moreLabel: "Run this search on the hub",
    because: `${cadence(m.frequency)} alerts for the search '${label}'`,
  });
}
