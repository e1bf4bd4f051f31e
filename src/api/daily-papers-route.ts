// GET /api/daily_papers: the daily feed in the public Daily Papers API's shape.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../web/context.js";
import { toDailyItem } from "./daily-papers-shapes.js";
import type { DailyPapersService } from "./daily-papers-service.js";
import { errors, json } from "./openapi-parts.js";
import { DailyItemSchema, DailyPapersQuery } from "./schemas.js";

export const dailyPapersRoute = createRoute({
  method: "get",
  path: "/api/daily_papers",
  tags: ["Daily Papers"],
  summary: "List the daily feed",
  description:
    "Papers on the daily feed, compatible with the public Daily Papers API. `date`, `week` and `month` (one at most) name the feed days papers entered the feed on. " +
    "Without `sort`, newest on the feed first; `sort=trending` ranks by the trending score (unfiltered: the trending page's list).",
  request: { query: DailyPapersQuery },
  responses: { 200: json(z.array(DailyItemSchema), "A page of daily items; [] past the end."), ...errors(400, 429) },
  "x-example": "/api/daily_papers?date=2024-06-05&limit=5",
});

export function mountDailyPapers(api: OpenAPIHono<AppEnv>, service: DailyPapersService): void {
  api.openapi(dailyPapersRoute, async (c) => {
    const entries = await service.list(c.req.valid("query"));
    return c.json(entries.map(toDailyItem), 200);
  });
}
