// Paper vectors of the active embedding model, by paper id, for the personal model; none while the semantic index is not ready.
import type { Store } from "../storage/store.js";
import type { SemanticIndex } from "../search/vector/semantic-index.js";

/** Where the personal feed gets the active model's index: null (or an empty index) while there is none. */
export type SemanticSource = () => SemanticIndex | null | Promise<SemanticIndex | null>;

export async function readySemantic(source: SemanticSource | undefined): Promise<SemanticIndex | null> {
  if (!source) return null;
  try {
    const index = await source();
    return index && index.size() > 0 ? index : null;
  } catch {
    // The index failing to open (model missing) is the same as its not being ready: words carry the model.
    return null;
  }
}

/**
 * The stored vectors of these papers, by id; papers without one (not yet
 * embedded) are absent. (SemanticIndex.vectorsFor drops them from a list,
 * which loses which is which.)
 */
export async function vectorsById(store: Pick<Store, "vectors">, index: SemanticIndex, ids: readonly string[]): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  if (ids.length === 0) return out;
  const seqs = await store.vectors.seqsForIds([...new Set(ids)]);
  const vectors = await store.vectors.getVectors(index.key, [...seqs.values()]);
  for (const [id, seq] of seqs) {
    const v = vectors.get(seq);
    if (v) out.set(id, v);
  }
  return out;
}
