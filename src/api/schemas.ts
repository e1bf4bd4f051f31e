// The JSON API's contracts as zod schemas, written from issue 5: routes validate requests with them, tests check responses against them, and /api/openapi.json is generated from them.
//
// Response objects are strict (no field beyond those listed), so a misspelt
// or stray field fails the contract tests. Every timestamp is an ISO 8601 UTC
// instant exactly as Date.prototype.toISOString() writes it.
import { z } from "@hono/zod-openapi";
import { MAX_COMMENT_LENGTH } from "../community/comments.js";

export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const instant = z.string().regex(ISO_INSTANT).openapi({ format: "date-time", example: "2024-06-05T09:00:00.000Z" });
/** 24 hex digits, like the public hub's ids; Paperboard derives them from stable names (daily-papers-shapes.ts). */
const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const count = z.number().int().min(0);

// ---- responses: the Daily Papers shapes

export const UserSchema = z
  .strictObject({
    _id: objectId,
    name: z.string().openapi({ description: "The username (the same as `user`)." }),
    user: z.string().openapi({ description: "The username; always present." }),
    fullname: z.string(),
    avatarUrl: z.string().openapi({ description: "Empty when the hub knows no avatar." }),
    type: z.literal("user"),
    isPro: z.literal(false),
  })
  .openapi("User");

export const OrganizationSchema = z
  .strictObject({ _id: objectId, name: z.string(), fullname: z.string(), avatarUrl: z.string() })
  .openapi("Organization");

export const AuthorSchema = z
  .strictObject({ _id: objectId, name: z.string(), hidden: z.boolean(), user: UserSchema.optional() })
  .openapi("Author");

export const PaperSchema = z
  .strictObject({
    id: z.string().openapi({ example: "2407.21783" }),
    authors: z.array(AuthorSchema),
    publishedAt: instant.openapi({ description: "Publication on arXiv (when unknown: when the hub stored the paper)." }),
    title: z.string(),
    summary: z.string().openapi({ description: "The abstract." }),
    upvotes: count.openapi({ description: "Imported upvotes plus this hub's own." }),
    discussionId: z.string(),
    submittedOnDailyAt: instant.optional().openapi({ description: "When the paper entered the daily feed." }),
    submittedOnDailyBy: UserSchema.optional(),
    ai_summary: z.string().optional(),
    ai_keywords: z.array(z.string()).optional(),
    githubRepo: z.string().optional(),
    githubStars: count.optional(),
    projectPage: z.string().optional(),
    organization: OrganizationSchema.optional(),
    numComments: count.optional().openapi({ description: "Imported comments plus this hub's own." }),
  })
  .openapi("Paper");

/** Fields repeated at the top level of a daily item: some clients read them only there. */
const repeated = {
  upvotes: count,
  ai_summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
  githubRepo: z.string().optional(),
  githubStars: count.optional(),
  projectPage: z.string().optional(),
};

export const DailyItemSchema = z
  .strictObject({
    paper: PaperSchema,
    publishedAt: instant.openapi({ description: "When the paper entered the daily feed (papers never on it: their publication)." }),
    title: z.string(),
    summary: z.string(),
    thumbnail: z.string().openapi({ description: "Image URL; empty when the hub has none." }),
    numComments: count,
    submittedBy: UserSchema.nullable().openapi({ description: "Null for papers nobody put on the feed." }),
    isAuthorParticipating: z.boolean(),
    organization: OrganizationSchema.optional(),
    ...repeated,
  })
  .openapi("DailyItem");

/** A search result: a daily item, plus `id` (the paper's id) kept for Paperboard's earlier search clients. */
export const SearchItemSchema = DailyItemSchema.extend({ id: z.string() }).openapi("SearchItem");

export const ErrorSchema = z.strictObject({ error: z.string() }).openapi("Error");

// ---- responses: Paperboard's own

export const UpvoteStateSchema = z.strictObject({ upvoted: z.boolean(), upvotes: count }).openapi("UpvoteState");

const commentFields = {
  id: z.string(),
  parentId: z.string().nullable(),
  state: z.enum(["visible", "deleted", "hidden-placeholder", "hidden"]),
  author: UserSchema.nullable(),
  html: z.string().openapi({ description: "The comment's Markdown rendered and sanitised; empty for placeholders." }),
  createdAt: instant,
  editedAt: instant.nullable(),
};
/** Replies are one level deep, so a reply's own list is always empty. */
export const ReplySchema = z.strictObject({ ...commentFields, replies: z.array(z.unknown()).max(0) }).openapi("Reply");
export const CommentSchema = z.strictObject({ ...commentFields, replies: z.array(ReplySchema) }).openapi("Comment");
export type ApiComment = z.infer<typeof CommentSchema>;

export const SubmissionSchema = z.strictObject({ feedDay: z.string(), item: DailyItemSchema }).openapi("Submission");

export const MeSchema = z
  .strictObject({ user: UserSchema, role: z.enum(["user", "moderator", "admin"]), via: z.enum(["token", "session"]), scopes: z.array(z.enum(["read", "write"])) })
  .openapi("Me");

export type UserObject = z.infer<typeof UserSchema>;
export type OrganizationObject = z.infer<typeof OrganizationSchema>;
export type AuthorObject = z.infer<typeof AuthorSchema>;
export type PaperObject = z.infer<typeof PaperSchema>;
export type DailyItem = z.infer<typeof DailyItemSchema>;
export type SearchItem = z.infer<typeof SearchItemSchema>;

// ---- requests

/**
 * A whole number parameter from the query string, with one message for every
 * way it can be wrong. Its OpenAPI type is stated outright: coercion accepts
 * null (as 0), which the generator would otherwise publish as nullable.
 */
function wholeNumber(name: string, min: number, max: number, fallback: number, description: string) {
  const error = `${name} must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max, { error })
    .openapi({ description, type: "integer", minimum: min, maximum: max, default: fallback })
    .default(fallback);
}

/** Deep pages cost the database an offset scan; 10,000 pages of 100 cover any hub's whole feed. */
export const MAX_DAILY_PAGE = 10_000;
export const DAILY_LIMIT_MAX = 100;
export const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const DailyPapersQuery = z.object({
  p: wholeNumber("p", 0, MAX_DAILY_PAGE, 0, "Page, from 0. Past the end the answer is []."),
  limit: wholeNumber("limit", 1, DAILY_LIMIT_MAX, 50, "Items per page."),
  date: z
    .string()
    .regex(DATE_OR_INSTANT, { error: "date must be YYYY-MM-DD or an ISO 8601 timestamp" })
    .optional()
    .openapi({ description: "A feed day, YYYY-MM-DD; a full timestamp names the calendar date it is written on.", example: "2024-06-05" }),
  week: z.string().regex(/^\d{4}-W\d{2}$/, { error: "week must be written YYYY-Www, e.g. 2024-W23" }).optional()
    .openapi({ description: "An ISO week, YYYY-Www: its feed days, Monday to Sunday.", example: "2024-W23" }),
  month: z.string().regex(/^\d{4}-\d{2}$/, { error: "month must be written YYYY-MM, e.g. 2024-06" }).optional()
    .openapi({ description: "A month, YYYY-MM: its feed days.", example: "2024-06" }),
  submitter: z.string().min(1, { error: "submitter must be a username" }).max(100, { error: "submitter must be at most 100 characters" }).optional()
    .openapi({ description: "Only papers this username put on the feed." }),
  sort: z.enum(["publishedAt", "trending"], { error: "sort must be publishedAt or trending" }).default("publishedAt")
    .openapi({ description: "publishedAt: newest on the feed first. trending: the trending score (see the README)." }),
});
export type DailyPapersParams = z.output<typeof DailyPapersQuery>;

export const MAX_QUERY_PARAM = 250;
export const SEARCH_LIMIT_MAX = 120;
export const SearchQuery = z.object({
  q: z.string().max(MAX_QUERY_PARAM, { error: `q must be at most ${MAX_QUERY_PARAM} characters` }).default("")
    .openapi({ description: "Words, a phrase, or an arXiv id (which finds that paper).", example: "diffusion transformers" }),
  limit: wholeNumber("limit", 1, SEARCH_LIMIT_MAX, 20, "Results, best first."),
  mode: z.enum(["hybrid", "lexical", "semantic"], { error: "mode must be one of hybrid, lexical, semantic" }).default("hybrid")
    .openapi({ description: "Paperboard's own: words (lexical), meaning (semantic), or both fused (hybrid; lexical while there is no vector index)." }),
  sort: z.enum(["relevance", "date", "upvotes", "trending"], { error: "sort must be one of relevance, date, upvotes, trending" }).default("relevance")
    .openapi({ description: "Paperboard's own: the order of the results." }),
});

export const PAPERS_LIMIT_MAX = 100;
export const PapersListQuery = z.object({
  cursor: z.string().max(500, { error: "cursor is not one this API gave" }).optional()
    .openapi({ description: "From the previous page's Link header (rel=\"next\"); absent for the first page." }),
  limit: wholeNumber("limit", 1, PAPERS_LIMIT_MAX, 50, "Papers per page."),
});

export const PaperIdParams = z.object({
  id: z.string().min(1).max(200).openapi({ param: { name: "id", in: "path" }, description: "The paper's id; encode a slash as %2F (hep-th%2F9901001).", example: "2407.21783" }),
});

const arxivId = z.string().trim().min(1, { error: "arxivId is required" }).max(200, { error: "arxivId must be at most 200 characters" })
  .openapi({ description: "An arXiv id or abs/pdf URL.", example: "2407.21783" });
export const IndexBody = z.object({ arxivId }).openapi("IndexRequest");
export const SubmitBody = z.object({ arxivId }).openapi("SubmitRequest");
export const CommentBody = z
  .object({
    body: z.string().min(1, { error: "body is required" }).max(MAX_COMMENT_LENGTH + 1000, { error: `body must be at most ${MAX_COMMENT_LENGTH} characters` })
      .openapi({ description: "Markdown.", example: "The ablation in section 4 answers my question." }),
    parentId: z.string().min(1).max(64).optional().openapi({ description: "Reply to this comment (replies are one level deep)." }),
  })
  .openapi("CommentRequest");
