// A paper's picture: its thumbnail when it has one on HTTPS, else a typographic card drawn by CSS from its title and category.
import type { StoredPaper } from "../../domain/paper.js";

/** Distinct colours of typographic cards (classes .hue-0 … .hue-11 in base-css.ts). */
const HUES = 12;
const SMALL_WORDS = new Set(["a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "via", "by", "from", "at", "is", "are"]);

/** FNV-1a: a stable, well-spread hash, so a paper keeps its colour on every page and every server. */
export function hueOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % HUES;
}

/** Up to three initials of the title's significant words, math left out: "Attention Is All You Need" → "AAY". */
export function initialsOf(title: string): string {
  const words = title
    .replace(/\$[^$]*\$|\\\(.*?\\\)/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => /^\p{L}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  return words.slice(0, 3).map((w) => [...w][0]!.toUpperCase()).join("") || "§";
}

export function Cover(props: { paper: StoredPaper; href: string }) {
  const p = props.paper;
  const thumb = p.hub?.thumbnail;
  // The colour follows the primary category, so papers of one field look alike across pages.
  const category = p.primaryCategory ?? p.categories[0] ?? "";
  const initials = initialsOf(p.title);
  // The picture repeats the title link beside it, so it is hidden from screen readers and the tab order.
  if (thumb && /^https:\/\/[^\s"]+$/i.test(thumb)) {
    // An image that fails to load shows its ::after box instead (CSS), drawn like the typographic card from data-initials.
    return (
      <a class={`cover hue-${hueOf(category || p.id)}`} href={props.href} tabindex={-1} aria-hidden="true">
        <img src={thumb} alt="" loading="lazy" decoding="async" width="320" height="160" data-initials={initials} />
      </a>
    );
  }
  return (
    <a class={`cover typo hue-${hueOf(category || p.id)}`} href={props.href} tabindex={-1} aria-hidden="true">
      <span class="typo-cat">{category || p.source}</span>
      <span class="typo-initials">{initials}</span>
    </a>
  );
}
