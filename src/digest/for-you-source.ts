// The "for you" digest's source: the personal feed's ranking (src/personal), the same picks and reasons as /papers/for-you.
import type { ForYouService } from "../personal/for-you-service.js";
import type { ForYouSource } from "./digest-types.js";

export function forYouSource(personal: Pick<ForYouService, "forYou">): ForYouSource {
  return {
    async topFor(userId, limit, excludeIds) {
      const picks = await personal.forYou(userId, { limit, excludeIds: new Set(excludeIds) });
      return picks.map((p) => ({ paper: p.paper, reason: p.reason }));
    },
  };
}
