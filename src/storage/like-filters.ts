// Filter clauses both databases share: categories (JSON text) and author names, by case-insensitive LIKE.
import { sql, type RawBuilder } from "kysely";
import type { LexicalFilters, LexicalOrder } from "./lexical-index.js";

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `cs.LG` matches that category exactly; `cs` (no dot) matches the archive
 * and every category in it (`cs.*`). Categories are stored as a JSON array of
 * strings, so a category appears as `"cs.LG"` with its quotes.
 */
export function categoryClauses(categories: string[]): RawBuilder<unknown>[] {
  return categories.map((c) => {
    const e = escapeLike(c);
    return c.includes(".")
      ? sql`lower(p.categories) LIKE lower(${`%"${e}"%`}) ESCAPE '\\'`
      : sql`(lower(p.categories) LIKE lower(${`%"${e}"%`}) ESCAPE '\\' OR lower(p.categories) LIKE lower(${`%"${e}.%`}) ESCAPE '\\')`;
  });
}

/** Each author filter must match one of the paper's author names as a substring. */
export function authorClauses(authors: string[]): RawBuilder<unknown>[] {
  return authors.map((a) => sql`lower(p.author_names) LIKE lower(${`%${escapeLike(a)}%`}) ESCAPE '\\'`);
}

/** `AND …` for every filter given; empty when there are none. Expects the papers table aliased `p`. */
export function filterClauses(f: LexicalFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.after) parts.push(sql`AND p.published_at >= ${f.after}`);
  if (f.before) parts.push(sql`AND p.published_at <= ${f.before}`);
  if (f.categories?.length) parts.push(sql`AND (${sql.join(categoryClauses(f.categories), sql` OR `)})`);
  for (const c of authorClauses(f.authors ?? [])) parts.push(sql`AND ${c}`);
  if (f.organizations?.length) {
    // The handle (org_name), or the full name inside the stored organisation JSON.
    const any = f.organizations.map(
      (o) => sql`lower(h.org_name) = lower(${o}) OR lower(h.organization) LIKE lower(${`%"fullname":"${escapeLike(o)}"%`}) ESCAPE '\\'`,
    );
    parts.push(sql`AND EXISTS (SELECT 1 FROM paper_hub h WHERE h.paper_id = p.id AND (${sql.join(any, sql` OR `)}))`);
  }
  if (f.hasCode) {
    parts.push(sql`AND (p.code_url IS NOT NULL OR EXISTS (SELECT 1 FROM paper_hub h WHERE h.paper_id = p.id AND h.github_repo IS NOT NULL))`);
  }
  return sql.join(parts, sql` `);
}

/**
 * ORDER BY for a search: `rank` is the engine's relevance expression (lower is
 * better when `rankAscending`), used as the tie-break of the other orders.
 */
export function orderClause(order: LexicalOrder | undefined, rank: RawBuilder<unknown>, rankAscending: boolean): RawBuilder<unknown> {
  const byRank = rankAscending ? sql`${rank} ASC` : sql`${rank} DESC`;
  if (order === "date") return sql`p.published_at DESC NULLS LAST, ${byRank}, p.id`;
  if (order === "upvotes") {
    // Shown upvotes: imported with the hub facts plus this hub's own (paper_stats).
    return sql`coalesce((SELECT h.upvotes FROM paper_hub h WHERE h.paper_id = p.id), 0) + coalesce((SELECT s.upvotes FROM paper_stats s WHERE s.paper_id = p.id), 0) DESC, ${byRank}, p.id`;
  }
  return sql`${byRank}, p.id`;
}
