// One template per digest kind; renderDigestMail picks the subscription's.
import type { FollowKind } from "../../subscriptions/follow.js";
import { authorTemplate } from "./author.js";
import { categoryTemplate } from "./category.js";
import { forYouTemplate } from "./for-you.js";
import type { DigestModel, RenderedMail } from "./frame.js";
import { organisationTemplate } from "./organisation.js";
import { savedSearchTemplate } from "./saved-search.js";
import { trendingTemplate } from "./trending.js";

export type { DigestLinks, DigestModel, RenderedMail } from "./frame.js";

const TEMPLATES: Record<FollowKind, (m: DigestModel) => RenderedMail> = {
  trending: trendingTemplate,
  "for-you": forYouTemplate,
  search: savedSearchTemplate,
  author: authorTemplate,
  category: categoryTemplate,
  organisation: organisationTemplate,
};

export function renderDigestMail(m: DigestModel): RenderedMail {
  return TEMPLATES[m.follow.kind](m);
}
