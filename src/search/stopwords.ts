// Words that say nothing about a paper's topic, shared by the builtin embedder and lexical query pruning.

/**
 * Function words: grammar, no topic. The postings index leaves their stems
 * out (they are in nearly every paper, and would be its longest lists).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself " +
    "his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves"
  ).split(" "),
);

/**
 * Function words and the boilerplate of abstracts ("we propose", "results
 * show"): they carry no topic, so they would only pull every vector towards
 * the same point. The boilerplate words share stems with words of meaning
 * ("based" with "base models", "paper" with "papers"), so the postings index
 * keeps them.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ..."via using use used based show shows shown propose proposed paper new however may might well thus therefore".split(" "),
]);

