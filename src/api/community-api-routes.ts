// Paperboard's own writes: upvote, comment, submit to the feed; and who the caller is. Signed-in sessions or tokens with the write scope.
// Mail subscriptions have their own module (subscriptions-api-routes.ts).
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { CommunityService } from "../community/community-service.js";
import { AlreadyOnFeedError } from "../community/submissions.js";
import { NotFoundError } from "../domain/errors.js";
import type { CommentView } from "../community/types.js";
import type { FeedService } from "../feed/feed-service.js";
import type { Store } from "../storage/store.js";
import { canModerate, type AppEnv } from "../web/context.js";
import { rateLimit } from "../web/middleware/rate-limit.js";
import { actorWith, authOf } from "./api-auth.js";
import { isoInstant, toDailyItem, toUserObject } from "./daily-papers-shapes.js";
import { WRITE_SECURITY, errors, json } from "./openapi-parts.js";
import { shownPaper } from "./paper-lookup.js";
import { CommentBody, CommentSchema, MeSchema, PaperIdParams, SubmissionSchema, SubmitBody, UpvoteStateSchema, type ApiComment } from "./schemas.js";

export interface CommunityApiDeps {
  store: Store;
  feed: FeedService;
  community: CommunityService;
}

const MINUTE = 60_000;
/** The same budgets as the pages' forms (web/routes/community.tsx), counted apart from them. */
const UPVOTE_RATE = { limit: 60, windowMs: MINUTE };
const COMMENT_RATE = { limit: 10, windowMs: 10 * MINUTE };
const SUBMIT_RATE = { limit: 20, windowMs: 60 * MINUTE };

const tags = ["Paperboard"];
const upvoteRoute = (method: "put" | "delete") =>
  createRoute({
    method,
    path: "/api/papers/{id}/upvote",
    tags,
    summary: method === "put" ? "Upvote a paper" : "Withdraw an upvote",
    description: "Idempotent: repeating the request changes nothing. One vote per account and paper.",
    security: WRITE_SECURITY,
    request: { params: PaperIdParams },
    responses: { 200: json(UpvoteStateSchema, "The vote and the paper's count."), ...errors(401, 403, 404, 429) },
    "x-example": "/api/papers/2407.21783/upvote",
  });

export const commentsRoute = createRoute({
  method: "get",
  path: "/api/papers/{id}/comments",
  tags,
  summary: "Read a paper's comments",
  description: "Top-level comments oldest first, each with its replies (one level deep). Deleted or hidden comments that have replies stay as placeholders.",
  request: { params: PaperIdParams },
  responses: { 200: json(z.array(CommentSchema), "The thread."), ...errors(404, 429) },
  "x-example": "/api/papers/2407.21783/comments",
});

export const addCommentRoute = createRoute({
  method: "post",
  path: "/api/papers/{id}/comments",
  tags,
  summary: "Comment on a paper",
  description: "Markdown, rendered and sanitised like the site's comments. With `parentId`, a reply (a reply to a reply joins its thread).",
  security: WRITE_SECURITY,
  request: { params: PaperIdParams, body: { content: { "application/json": { schema: CommentBody } }, required: true } },
  responses: { 201: json(CommentSchema, "The new comment."), ...errors(400, 401, 403, 404, 429) },
  "x-example": '{"body": "The ablation in section 4 answers my question."}',
});

export const submitRoute = createRoute({
  method: "post",
  path: "/api/submissions",
  tags,
  summary: "Submit a paper to today's feed",
  description: "As the submit page: an arXiv id or URL, published within the hub's window, within the daily limit per account; fetched from arXiv when needed.",
  security: WRITE_SECURITY,
  request: { body: { content: { "application/json": { schema: SubmitBody } }, required: true } },
  responses: { 201: json(SubmissionSchema, "The paper as it now appears on the feed."), ...errors(400, 401, 403, 409, 429, 502) },
  "x-example": '{"arxivId": "2407.21783"}',
});

export const meRoute = createRoute({
  method: "get",
  path: "/api/me",
  tags,
  summary: "Who the request acts for",
  description: "The account of the session or token, and the token's scopes. Needs the read scope.",
  security: WRITE_SECURITY,
  responses: { 200: json(MeSchema, "The caller."), ...errors(401, 403, 429) },
  "x-example": "/api/me",
});

function toApiComment(v: CommentView): ApiComment {
  return {
    id: v.id,
    parentId: v.parentId,
    state: v.state,
    author: v.author ? toUserObject({ name: v.author.name, fullname: v.author.displayName }) : null,
    html: v.html,
    createdAt: isoInstant(v.createdAt)!,
    editedAt: isoInstant(v.editedAt),
    replies: v.replies.map((r) => ({ ...toApiComment(r), replies: [] })),
  };
}

export function mountCommunityApi(api: OpenAPIHono<AppEnv>, deps: CommunityApiDeps): void {
  const { community } = deps;
  for (const method of ["put", "delete"] as const) {
    api.openapi({ ...upvoteRoute(method), middleware: [rateLimit({ bucket: "api-upvote", ...UPVOTE_RATE })] }, async (c) => {
      const viewer = actorWith(c, "write");
      const { paper } = await shownPaper(deps.store, deps.feed, c.req.valid("param").id);
      const state = await community.upvotes.set(viewer.id, paper.id, method === "put");
      return c.json({ upvoted: state.upvoted, upvotes: state.count }, 200);
    });
  }

  api.openapi(commentsRoute, async (c) => {
    const viewer = c.var.viewer;
    const view = await community.paperView(c.req.valid("param").id, viewer);
    if (view.hidden && !canModerate(viewer)) throw new NotFoundError(`No paper with id ${c.req.valid("param").id} in this hub.`);
    return c.json(view.comments.map(toApiComment), 200);
  });

  api.openapi({ ...addCommentRoute, middleware: [rateLimit({ bucket: "api-comment", ...COMMENT_RATE })] }, async (c) => {
    const viewer = actorWith(c, "write");
    const body = c.req.valid("json");
    const created = await community.comments.add(viewer, c.req.valid("param").id, body.body, body.parentId ?? null);
    const thread = await community.comments.thread(created.paperId, viewer);
    const view = thread.flatMap((t) => [t, ...t.replies]).find((x) => x.id === created.id);
    return c.json({ ...toApiComment(view!), replies: [] }, 201);
  });

  api.openapi({ ...submitRoute, middleware: [rateLimit({ bucket: "api-submit", ...SUBMIT_RATE })] }, async (c) => {
    const viewer = actorWith(c, "write");
    try {
      const r = await community.submissions.submit(viewer, c.req.valid("json").arxivId);
      return c.json({ feedDay: r.feedDay, item: toDailyItem(await shownPaper(deps.store, deps.feed, r.paper.id)) }, 201);
    } catch (err) {
      if (err instanceof AlreadyOnFeedError) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  api.openapi(meRoute, async (c) => {
    const viewer = actorWith(c, "read");
    const auth = authOf(c);
    c.header("Cache-Control", "private, no-store");
    return c.json({ user: toUserObject({ name: viewer.name, fullname: viewer.displayName }), role: viewer.role, via: auth.via, scopes: [...auth.scopes] }, 200);
  });
}
