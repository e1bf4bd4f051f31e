// The caller's mail subscriptions over the API: list, subscribe (digests and alerts), unsubscribe.
//
// Account subscriptions only: mail goes to the account's address, and a new
// address still gets the confirmation mail (double opt-in) before anything
// else, exactly as from the settings page. Anonymous subscribing stays a
// form on the feed pages, where a person types their address.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { isoInstant } from "./daily-papers-shapes.js";
import { actorWith } from "./api-auth.js";
import { WRITE_SECURITY, errors, json } from "./openapi-parts.js";
import { describeFollow, parseFollowSpec } from "../subscriptions/follow.js";
import { DEFAULT_SEND_HOUR, readSchedule } from "../subscriptions/schedule.js";
import type { SubscriptionsService } from "../subscriptions/subscriptions-service.js";
import type { SubscriptionRecord } from "../storage/subscriptions-repo.js";
import type { AppEnv } from "../web/context.js";
import { rateLimit } from "../web/middleware/rate-limit.js";

export interface SubscriptionsApiDeps {
  subscriptions: SubscriptionsService;
  /** Time zone of a new subscription that names none (the feed's). */
  defaultTimeZone: string;
}

const tags = ["Paperboard"];
const SUBSCRIBE_RATE = { limit: 20, windowMs: 60 * 60_000 };

const SubscriptionSchema = z
  .object({
    id: z.string(),
    follow: z.string().openapi({ description: "What it follows, as `--follow` takes it: trending, for-you, search:QUERY, author:NAME, category:CAT, org:NAME." }),
    description: z.string(),
    frequency: z.enum(["daily", "weekly"]),
    sendHour: z.number().int(),
    timeZone: z.string(),
    weekdaysOnly: z.boolean(),
    sendWeekday: z.number().int(),
    email: z.string(),
    confirmed: z.boolean().openapi({ description: "False until the confirmation link mailed to the address is followed." }),
    createdAt: z.string(),
  })
  .openapi("Subscription");

const SubscribeBody = z
  .object({
    follow: z.string().min(1).max(300).openapi({ example: "search:state space models" }),
    frequency: z.enum(["daily", "weekly"]).default("daily"),
    sendHour: z.number().int().min(0).max(23).default(DEFAULT_SEND_HOUR),
    timeZone: z.string().min(1).max(64).optional(),
    weekdaysOnly: z.boolean().default(false),
    sendWeekday: z.number().int().min(1).max(7).default(1),
  })
  .openapi("SubscribeBody");

const IdParams = z.object({ id: z.string().min(1).max(64) });

const listRoute = createRoute({
  method: "get",
  path: "/api/subscriptions",
  tags,
  summary: "List your mail subscriptions",
  description: "Digests and alerts of the calling account. Needs the read scope.",
  security: WRITE_SECURITY,
  responses: { 200: json(z.array(SubscriptionSchema), "The subscriptions."), ...errors(401, 403, 429) },
  "x-example": "/api/subscriptions",
});

const subscribeRoute = createRoute({
  method: "post",
  path: "/api/subscriptions",
  tags,
  summary: "Subscribe to a digest or an alert",
  description:
    "Mail goes to the account's address. An address not yet confirmed gets a confirmation mail first, and nothing else until then. Subscribing twice to the same thing returns the existing subscription. Needs the write scope.",
  security: WRITE_SECURITY,
  request: { body: { content: { "application/json": { schema: SubscribeBody } }, required: true } },
  responses: { 201: json(SubscriptionSchema, "The subscription."), ...errors(400, 401, 403, 429, 503) },
  "x-example": '{"follow": "category:cs.CL", "frequency": "weekly"}',
});

const unsubscribeRoute = createRoute({
  method: "delete",
  path: "/api/subscriptions/{id}",
  tags,
  summary: "Unsubscribe",
  description: "Takes effect at once. Needs the write scope.",
  security: WRITE_SECURITY,
  request: { params: IdParams },
  responses: { 204: { description: "Gone." }, ...errors(401, 403, 404, 429) },
  "x-example": "/api/subscriptions/3kq9…",
});

function toApi(s: SubscriptionRecord) {
  return {
    id: s.id,
    follow: followSpec(s),
    description: describeFollow(s.follow),
    frequency: s.schedule.frequency,
    sendHour: s.schedule.sendHour,
    timeZone: s.schedule.timeZone,
    weekdaysOnly: s.schedule.weekdaysOnly,
    sendWeekday: s.schedule.sendWeekday,
    email: s.email,
    confirmed: s.confirmedAt !== null && s.subscriberConfirmedAt !== null,
    createdAt: isoInstant(s.createdAt) ?? s.createdAt,
  };
}

/** The follow as the CLI and this API's `follow` field write it. */
function followSpec(s: SubscriptionRecord): string {
  const f = s.follow;
  switch (f.kind) {
    case "trending":
    case "for-you":
      return f.kind;
    case "search":
      return `search:${f.q}`;
    case "author":
      return `author:${f.name}`;
    case "category":
      return `category:${f.category}`;
    case "organisation":
      return `org:${f.name}`;
  }
}

export function mountSubscriptionsApi(api: OpenAPIHono<AppEnv>, deps: SubscriptionsApiDeps): void {
  api.openapi(listRoute, async (c) => {
    const viewer = actorWith(c, "read");
    c.header("Cache-Control", "private, no-store");
    return c.json((await deps.subscriptions.forAccount(viewer.id)).subscriptions.map(toApi), 200);
  });

  api.openapi({ ...subscribeRoute, middleware: [rateLimit({ bucket: "api-subscribe", ...SUBSCRIBE_RATE })] }, async (c) => {
    const viewer = actorWith(c, "write");
    const body = c.req.valid("json");
    // The same checks as the settings form (an unknown time zone is a 400 naming it).
    const schedule = readSchedule(body, { timeZone: deps.defaultTimeZone });
    const { subscription } = await deps.subscriptions.subscribe({ userId: viewer.id, follow: parseFollowSpec(body.follow), schedule });
    return c.json(toApi(subscription), 201);
  });

  api.openapi(unsubscribeRoute, async (c) => {
    const viewer = actorWith(c, "write");
    await deps.subscriptions.removeForAccount(viewer.id, c.req.valid("param").id);
    return c.body(null, 204);
  });
}
