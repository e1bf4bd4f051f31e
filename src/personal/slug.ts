// A collection's address from its name: "Diffusion & Flow Matching!" → "diffusion-flow-matching".
const SLUG_MAX = 60;

/** Lower-case ASCII letters, digits and single hyphens; accents are dropped, other scripts give "collection". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, "");
  return slug || "collection";
}

/** Whether `slug` is `base` or `base` with a number, as a name's address is when another collection had it first. */
export function slugOfName(slug: string, base: string): boolean {
  return slug === base || (slug.startsWith(`${base}-`) && /^\d+$/.test(slug.slice(base.length + 1)));
}

