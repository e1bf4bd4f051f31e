// Citation keys: `lovelace2024analytical` per paper, unique within an export without depending on its order.
import type { Paper } from "../domain/paper.js";
import { parsePersonName } from "./person-name.js";

const STOP = new Set(["with", "from", "that", "this", "into", "towards", "toward", "when", "what", "where", "which", "their", "over", "under"]);

/** Accents dropped (Núñez → nunez), apostrophes joined (O'Brien → obrien), anything else separates words. */
const ascii = (s: string) => s.normalize("NFKD").replace(/\p{M}|['’]/gu, "").replace(/[^A-Za-z0-9]+/g, " ").toLowerCase();

/** Key like `lovelace2024analytical`: first author's family name, year, first long title word; ASCII letters and digits only. */
export function citeKey(p: Paper): string {
  const first = p.authors[0] ? parsePersonName(p.authors[0].name) : null;
  const family = first ? (first.kind === "person" ? first.family : first.literal) : "";
  // A person's family name is one word or a few (Vallée Poussin); a literal (OpenAI Team) gives its first word.
  const words = ascii(family).trim().split(/\s+/);
  const last = (first?.kind === "person" ? words.join("") : words[0]) ?? "";
  const word = ascii(p.title.replace(/\$[^$]*\$/g, " ")).split(/\s+/).find((w) => w.length > 3 && !STOP.has(w)) ?? "";
  const key = `${last}${p.publishedAt?.slice(0, 4) ?? ""}${word}`;
  return key || `paper${compactId(p.id)}`;
}

/**
 * Keys for a list of papers, by paper id. A paper keeps its own key unless
 * another paper of the list has the same one; then each of them gets its id
 * appended (`smith2024deep_240100001`), so a key depends on which papers are
 * exported together but never on their order.
 */
export function uniqueCiteKeys(papers: readonly Paper[]): Map<string, string> {
  const byKey = new Map<string, string[]>();
  for (const p of papers) {
    const k = citeKey(p);
    const ids = byKey.get(k) ?? [];
    if (!ids.includes(p.id)) ids.push(p.id);
    byKey.set(k, ids);
  }
  const out = new Map<string, string>();
  for (const [k, ids] of byKey) for (const id of ids) out.set(id, ids.length === 1 ? k : `${k}_${compactId(id)}`);
  // Two different ids may compact alike (a/b vs ab): the last resort is a counter, in id order so it is still order-free.
  const seen = new Map<string, number>();
  for (const id of [...out.keys()].sort()) {
    const k = out.get(id)!;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    if (n > 0) out.set(id, `${k}_${n + 1}`);
  }
  return out;
}

function compactId(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}
