// LaTeX math in titles and abstracts: `$…$`, `$$…$$` and `\(…\)` rendered to MathML with temml, all other text HTML-escaped.
//
// The result is HTML for raw output, so this module owns its safety: text
// outside math is escaped here; math is temml's output, which escapes the
// text it carries, is run without `trust` (no \href, \url or \html…), and is
// checked against the MathML elements temml emits, falling back to the
// escaped source otherwise. temml writes \color as a style attribute, which
// the Content-Security-Policy (style-src 'self') would block anyway; it is
// removed. A formula temml cannot parse is shown as its source text.
import temml from "temml";

/** Elements temml produces; anything else in its output means the formula is shown as source. */
const MATHML_TAGS = new Set([
  "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac",
  "msqrt", "mroot", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle", "mpadded", "mphantom",
  "menclose", "mmultiscripts", "mprescripts", "none", "merror", "maction",
]);
/** Titles and abstracts repeat on every page view; rendered math is kept for the most recent texts. */
const CACHE_SIZE = 2000;
const cache = new Map<string, string>();

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Escaped HTML of the text with its math as MathML; with `links`, http(s) addresses in the text become links. */
export function renderTex(text: string, opts: { links?: boolean } = {}): string {
  const plain = opts.links ? linkify : escapeHtml;
  if (!text.includes("$") && !text.includes("\\(")) return plain(text);
  const key = opts.links ? `L${text}` : `T${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = splitMath(text)
    .map((part) => (part.math === null ? plain(part.text) : renderFormula(part.math, part.text)))
    .join("");
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}

/** A URL runs to the next space or angle bracket; trailing punctuation belongs to the sentence, not the address. */
const URL_RE = /https?:\/\/[^\s<>"]+/g;

function linkify(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?)\]}'"]+$/, "");
    out += escapeHtml(text.slice(last, m.index)) + `<a href="${escapeHtml(url)}" rel="nofollow noopener">${escapeHtml(url)}</a>`;
    last = m.index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

export interface TexPart {
  /** The source as written, delimiters included. */
  text: string;
  /** The formula between the delimiters, or null for plain text. */
  math: string | null;
}

/**
 * Splits text into plain runs and formulas. `\$` is a literal dollar. A `$`
 * opens a formula only when a non-space follows, and closes one only after a
 * non-space and not before a digit, so prices ("$5 and $10") stay text, as
 * in Pandoc. An unclosed delimiter is plain text.
 */
export function splitMath(text: string): TexPart[] {
  const parts: TexPart[] = [];
  let plain = "";
  let i = 0;
  const flush = () => {
    if (plain) parts.push({ text: plain, math: null });
    plain = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && text[i + 1] === "$") {
      plain += "$";
      i += 2;
      continue;
    }
    if (ch === "\\" && text[i + 1] === "(") {
      const end = text.indexOf("\\)", i + 2);
      if (end > i + 2) {
        flush();
        parts.push({ text: text.slice(i, end + 2), math: text.slice(i + 2, end) });
        i = end + 2;
        continue;
      }
    }
    if (ch === "$") {
      const fence = text[i + 1] === "$" ? "$$" : "$";
      const end = closingDollar(text, i + fence.length, fence);
      if (end > 0) {
        flush();
        parts.push({ text: text.slice(i, end + fence.length), math: text.slice(i + fence.length, end) });
        i = end + fence.length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return parts;
}

function closingDollar(text: string, start: number, fence: string): number {
  if (start >= text.length || /\s/.test(text[start]!)) return -1;
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === "\\") {
      j += 1;
      continue;
    }
    if (!text.startsWith(fence, j)) continue;
    if (/\s/.test(text[j - 1]!)) continue;
    if (fence === "$" && /\d/.test(text[j + 1] ?? "")) continue;
    return j;
  }
  return -1;
}

function renderFormula(tex: string, source: string): string {
  let out: string;
  try {
    out = temml.renderToString(tex, { throwOnError: true, annotate: true, trust: false, maxExpand: 200, maxSize: [20, 20] });
  } catch {
    return escapeHtml(source);
  }
  out = out.replace(/ style="[^"]*"/g, "");
  for (const m of out.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!MATHML_TAGS.has(m[1]!) || /\son\w+\s*=|javascript:/i.test(m[2]!)) return escapeHtml(source);
  }
  return out;
}
