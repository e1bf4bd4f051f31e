import { describe, expect, it } from "vitest";
import type { CommentRecord } from "../storage/community-repo.js";
import { buildThread } from "./comment-tree.js";
import type { Actor } from "./types.js";

let clock = 0;
function row(id: string, over: Partial<CommentRecord> = {}): CommentRecord {
  clock += 1;
  return {
    id,
    paperId: "p",
    userId: "u1",
    parentId: null,
    body: `text of ${id}`,
    createdAt: `2024-08-01T00:00:${String(clock).padStart(2, "0")}.000Z`,
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    hiddenBy: null,
    authorName: "ann",
    authorDisplayName: null,
    ...over,
  };
}
const render = (md: string) => `<p>${md}</p>`;
const ann: Actor = { id: "u1", name: "ann", role: "user" };
const bob: Actor = { id: "u2", name: "bob", role: "user" };
const mod: Actor = { id: "u3", name: "mo", role: "moderator" };
const shape = (views: ReturnType<typeof buildThread>): unknown => views.map((v) => [v.id, v.state, v.replies.map((r) => [r.id, r.state])]);

describe("buildThread", () => {
  it("nests replies under their top-level comment, oldest first", () => {
    const rows = [row("a"), row("b"), row("a1", { parentId: "a" }), row("b1", { parentId: "b" }), row("a2", { parentId: "a" })];
    expect(shape(buildThread(rows, null, render))).toEqual([
      ["a", "visible", [["a1", "visible"], ["a2", "visible"]]],
      ["b", "visible", [["b1", "visible"]]],
    ]);
  });

  it("renders bodies and names authors, falling back to the handle", () => {
    const [v] = buildThread([row("a", { authorDisplayName: "Ann A." }), row("b")], null, render);
    expect(v).toMatchObject({ html: "<p>text of a</p>", author: { name: "ann", displayName: "Ann A." }, source: null });
    expect(buildThread([row("b")], null, render)[0]!.author).toEqual({ name: "ann", displayName: "ann" });
  });

  it("keeps a deleted comment as a placeholder only while it has replies", () => {
    const rows = [row("a", { deletedAt: "x", body: "" }), row("a1", { parentId: "a" }), row("b", { deletedAt: "x", body: "" })];
    const views = buildThread(rows, ann, render);
    expect(shape(views)).toEqual([["a", "deleted", [["a1", "visible"]]]]);
    expect(views[0]).toMatchObject({ author: null, html: "", canEdit: false, canDelete: false, canReply: false, canModerate: false });
  });

  it("shows hidden comments to moderators, marked, and to others as a placeholder or not at all", () => {
    const rows = [row("a", { hiddenAt: "x" }), row("a1", { parentId: "a" }), row("a2", { parentId: "a", hiddenAt: "x" }), row("b", { hiddenAt: "x" })];
    expect(shape(buildThread(rows, bob, render))).toEqual([["a", "hidden-placeholder", [["a1", "visible"]]]]);
    expect(buildThread(rows, bob, render)[0]).toMatchObject({ html: "", author: null });
    expect(shape(buildThread(rows, mod, render))).toEqual([
      ["a", "hidden", [["a1", "visible"], ["a2", "hidden"]]],
      ["b", "hidden", []],
    ]);
    expect(buildThread(rows, mod, render)[0]).toMatchObject({ html: "<p>text of a</p>", canModerate: true });
  });

  it("lets the author edit and delete, signed-in readers reply to top-level comments, moderators moderate", () => {
    const rows = [row("a"), row("a1", { parentId: "a" })];
    const own = buildThread(rows, ann, render)[0]!;
    expect(own).toMatchObject({ canEdit: true, canDelete: true, canReply: true, canModerate: false, source: "text of a" });
    expect(own.replies[0]).toMatchObject({ canReply: false, canEdit: true });
    expect(buildThread(rows, bob, render)[0]).toMatchObject({ canEdit: false, canDelete: false, canReply: true, source: null });
    expect(buildThread(rows, null, render)[0]).toMatchObject({ canEdit: false, canReply: false, canModerate: false });
    expect(buildThread(rows, mod, render)[0]).toMatchObject({ canEdit: false, canModerate: true });
  });
});
