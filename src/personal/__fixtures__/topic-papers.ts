// Two topics of papers, written for the personal model's tests: A is speculative decoding of language models, B is protein structure.
//
// Each paper mixes a topic's own words with words every paper of the field
// uses, so a model has to find what the likes share, not what all papers share.
const A_WORDS = ["speculative decoding", "draft model", "verification", "token acceptance", "inference latency", "autoregressive generation", "lookahead", "tree attention", "decoding speedup", "drafter"];
const B_WORDS = ["protein folding", "amino acid", "structure prediction", "residue contacts", "binding affinity", "molecular dynamics", "enzyme design", "backbone geometry", "sequence alignment", "protein language"];
const SHARED = ["we propose", "a novel method", "experiments show", "state of the art", "benchmark results", "our approach", "large models", "training data", "evaluation", "scaling"];

export interface TopicPaper {
  id: string;
  title: string;
  abstract: string;
  topic: "A" | "B";
}

function paper(topic: "A" | "B", i: number): TopicPaper {
  const own = topic === "A" ? A_WORDS : B_WORDS;
  const pick = (xs: string[], k: number, n: number) => Array.from({ length: n }, (_, j) => xs[(k * 3 + j * 7) % xs.length]!);
  const title = `${pick(own, i, 2).join(" and ")} ${i}`;
  const abstract = [...pick(SHARED, i, 4), ...pick(own, i + 1, 5), ...pick(SHARED, i + 2, 3)].join(", ") + ".";
  // A's ids sort after B's: a ranking that ties everything (a broken model) lists B first and fails the tests.
  const id = `24${topic === "A" ? "03" : "02"}.${String(10000 + i)}`;
  return { id, title: title[0]!.toUpperCase() + title.slice(1), abstract, topic };
}

export const TOPIC_A = Array.from({ length: 12 }, (_, i) => paper("A", i));
export const TOPIC_B = Array.from({ length: 12 }, (_, i) => paper("B", i));
