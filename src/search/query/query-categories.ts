// The `cat:` filter: which category spellings are accepted and which paper categories a filter matches.
//
// A filter matches a paper category when, ignoring case, it is the whole
// category or a prefix of it that ends at a dot: `cat:cs` matches cs.LG and
// cs.CL, `cat:cs.lg` matches cs.LG, but `cat:c` matches nothing and
// `cat:math` does not match math-ph (a different archive). Several `cat:`
// filters (or `cat:cs.lg,stat.ml`) mean any of them. In SQL that is
// `lower(c) = f OR lower(c) LIKE f || '.%'`; a normalised filter contains only
// `[a-z.-]`, so it never holds a LIKE wildcard.

const CATEGORY = /^[a-z][a-z-]*(?:\.[a-z][a-z-]*)?$/;

/**
 * Normalised filters from the value of one `cat:` (already lower-cased), or
 * an error message for each part that is not a category. A trailing `.` or
 * `.*` is accepted and dropped (`cat:cs.*` is `cat:cs`).
 */
export function parseCategories(value: string): { categories: string[]; errors: string[] } {
  const categories: string[] = [];
  const errors: string[] = [];
  if (value === "") errors.push('"cat:" needs a category, e.g. cat:cs.LG or cat:cs; ignored.');
  for (const part of value.split(",")) {
    if (part === "") continue;
    const f = part.replace(/\.?\*$/, "").replace(/\.$/, "");
    if (CATEGORY.test(f)) categories.push(f);
    else errors.push(`"cat:${part}" is not an arXiv category (e.g. cs.LG, hep-th, math); ignored.`);
  }
  return { categories, errors };
}

/** Whether a paper category (any case) is selected by a normalised filter. */
export function categoryMatches(filter: string, category: string): boolean {
  const c = category.toLowerCase();
  return c === filter || c.startsWith(filter + ".");
}
