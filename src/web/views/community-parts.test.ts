// The embeddable community pieces as HTML: forms, accessibility attributes, permissions, and no scripts anywhere.
import { describe, expect, it } from "vitest";
import type { CommentView } from "../../community/types.js";
import type { Viewer } from "../context.js";
import { CommentThread, PaperModeration, UpvoteButton } from "./community-parts.js";

const ann: Viewer = { id: "u1", name: "ann", displayName: "Ann A.", role: "user" };
const mod: Viewer = { id: "u3", name: "mo", displayName: "Mo", role: "moderator" };
const html = (node: unknown): string => String(node);

function comment(id: string, over: Partial<CommentView> = {}): CommentView {
  return {
    id,
    parentId: null,
    state: "visible",
    author: { name: "ann", displayName: "Ann A." },
    html: `<p>text of ${id}</p>`,
    source: null,
    createdAt: "2024-08-05T18:30:00.000Z",
    editedAt: null,
    canEdit: false,
    canDelete: false,
    canReply: false,
    canModerate: false,
    replies: [],
    ...over,
  };
}

describe("UpvoteButton", () => {
  it("is a POST form naming the state it asks for, with a pressed state and a labelled count", () => {
    const out = html(UpvoteButton({ paperId: "hep-th/9901001", count: 12, upvoted: true, viewer: ann, csrfToken: "tok", returnTo: "/papers?date=2024-08-01" }));
    expect(out).toContain('<form class="upvote" method="post" action="/papers/hep-th/9901001/upvote">');
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(out).toContain('<input type="hidden" name="vote" value="0"/>');
    expect(out).toContain('<input type="hidden" name="returnTo" value="/papers?date=2024-08-01"/>');
    expect(out).toContain('aria-pressed="true"');
    expect(out).toContain('aria-label="Upvote, 12 upvotes"');
    expect(out).toContain('<span class="upvote-count">12</span>');
  });

  it("asks to cast when not voted, returns to the paper by default, and tells signed-out readers to sign in", () => {
    const out = html(UpvoteButton({ paperId: "2407.00001", count: 1, upvoted: false, viewer: null, csrfToken: "tok" }));
    expect(out).toContain('name="vote" value="1"');
    expect(out).toContain('name="returnTo" value="/papers/2407.00001"');
    expect(out).toContain('aria-pressed="false"');
    expect(out).toContain('aria-label="Upvote, 1 upvote"');
    expect(out).toContain('title="Sign in to upvote"');
  });
});

describe("CommentThread", () => {
  const thread = [
    comment("a", { canReply: true, canEdit: true, canDelete: true, source: "text of **a** </textarea><script>x</script>", replies: [comment("a1", { parentId: "a" })] }),
    comment("b", { state: "deleted", author: null, html: "", replies: [comment("b1", { parentId: "b" })] }),
    comment("c", { state: "hidden-placeholder", author: null, html: "", replies: [comment("c1", { parentId: "c" })] }),
  ];

  it("lists comments with anchors, replies nested, and placeholders", () => {
    const out = html(CommentThread({ paperId: "2407.00001", comments: thread, viewer: ann, csrfToken: "tok" }));
    expect(out).toContain('<section class="comments" id="comments" aria-labelledby="comments-heading">');
    expect(out).toContain("Comments (4)");
    expect(out).toContain('<li id="comment-a" class="comment comment-visible">');
    expect(out).toMatch(/<ol class="comment-replies"><li id="comment-a1"/);
    expect(out).toContain('<p class="comment-placeholder">[deleted]</p>');
    expect(out).toContain('<p class="comment-placeholder">[hidden by a moderator]</p>');
    expect(out).toContain("<p>text of a</p>");
    expect(out).toContain('<time datetime="2024-08-05T18:30:00.000Z">5 Aug 2024, 18:30 UTC</time>');
  });

  it("offers reply, edit and delete forms as the view allows, with the source escaped in the edit box", () => {
    const out = html(CommentThread({ paperId: "2407.00001", comments: thread, viewer: ann, csrfToken: "tok" }));
    expect(out).toContain('<input type="hidden" name="parent" value="a"/>');
    expect(out).toContain('action="/comments/a/edit"');
    expect(out).toContain('action="/comments/a/delete"');
    expect(out).not.toContain('action="/comments/a1/edit"');
    expect(out).toContain("text of **a** &lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;");
    expect(out).toContain('<label for="comment-new-body">Add a comment</label>');
    expect(out).toContain('maxlength="10000"');
    // Every form carries the CSRF token.
    expect(out.match(/<form /g)!.length).toBe(out.match(/name="_csrf" value="tok"/g)!.length);
  });

  it("asks signed-out readers to sign in instead of showing forms", () => {
    const out = html(CommentThread({ paperId: "hep-th/9901001", comments: [], viewer: null, csrfToken: "tok" }));
    expect(out).toContain("No comments yet.");
    expect(out).toContain(`<a href="/signin?next=${encodeURIComponent("/papers/hep-th/9901001#comments")}">Sign in</a> to comment.`);
    expect(out).not.toContain("<form");
  });

  it("gives moderators hide and restore buttons, and marks hidden comments", () => {
    const views = [comment("a", { canModerate: true }), comment("h", { state: "hidden", canModerate: true })];
    const out = html(CommentThread({ paperId: "2407.00001", comments: views, viewer: mod, csrfToken: "tok" }));
    expect(out).toContain('action="/admin/comments/a/hide"');
    expect(out).toContain('action="/admin/comments/h/restore"');
    expect(out).toContain('name="returnTo" value="/papers/2407.00001#comment-h"');
    expect(out).toContain("hidden by a moderator");
    expect(html(CommentThread({ paperId: "p", comments: views, viewer: ann, csrfToken: "tok" }))).not.toContain("/admin/comments/");
  });

  it("contains no script and no inline event handler", () => {
    const out = html(CommentThread({ paperId: "2407.00001", comments: thread, viewer: mod, csrfToken: "tok" }));
    expect(out).not.toMatch(/<script|\son[a-z]+=/i);
  });
});

describe("PaperModeration", () => {
  it("renders a hide or restore form for moderators only", () => {
    expect(html(PaperModeration({ paperId: "hep-th/9901001", hidden: false, viewer: mod, csrfToken: "tok" }))).toContain('action="/admin/papers/hide"');
    expect(html(PaperModeration({ paperId: "p", hidden: true, viewer: mod, csrfToken: "tok" }))).toContain("Restore this paper");
    expect(PaperModeration({ paperId: "p", hidden: false, viewer: ann, csrfToken: "tok" })).toBeNull();
  });
});
