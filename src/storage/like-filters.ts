// Filter clauses both databases share: categories (JSON text) and author names, by case-insensitive LIKE.
import { sql, type RawBuilder } from "kysely";

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
export function filterClauses(f: {
  after?: string | null | undefined;
  before?: string | null | undefined;
  categories?: string[] | undefined;
  authors?: string[] | undefined;
}): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.after) parts.push(sql`AND p.published_at >= ${f.after}`);
  if (f.before) parts.push(sql`AND p.published_at <= ${f.before}`);
  if (f.categories?.length) parts.push(sql`AND (${sql.join(categoryClauses(f.categories), sql` OR `)})`);
  for (const c of authorClauses(f.authors ?? [])) parts.push(sql`AND ${c}`);
  return sql.join(parts, sql` `);
}
