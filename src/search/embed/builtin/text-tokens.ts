// Words of a title or abstract as the builtin embedding model sees them: lower-cased, stop words out, Porter-stemmed.
import { stemmer } from "stemmer";

/**
 * Function words and the boilerplate of abstracts ("we propose", "results
 * show"): they carry no topic, so they would only pull every vector towards
 * the same point.
 */
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself " +
    "his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves via using use used based show shows shown propose proposed paper new however may might well thus therefore"
  ).split(" "),
);

const cache = new Map<string, string>();

/** Stems, memoised: abstracts repeat a small vocabulary, and stemming is the costly step. */
function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}

/** Lower-case words of a text, before stop words and stemming. */
export function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of rawWords(text)) {
    if (w.length < 2 || w.length > 40 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}
