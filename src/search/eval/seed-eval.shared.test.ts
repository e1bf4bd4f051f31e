// Checks the hand-made seed evaluation set (bench/fixtures/seed-eval) against seed-papers.jsonl in ../shared/data.
//
// Besides integrity (known doc ids, unique ids, a grade-2 document per query,
// enough queries of each kind), it measures how much each query borrows from
// the titles of its grade-2 papers. Paraphrase queries exist to test search
// that understands meaning rather than matching title words, so they must
// borrow little; keyword queries are the lexical control and must borrow a lot.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readBeirQrels, readBeirQueries } from "./beir.js";

const DATA = fileURLToPath(new URL("../../../../shared/data", import.meta.url));
const SEED_PAPERS = `${DATA}/seed-papers.jsonl`;
const SET = fileURLToPath(new URL("../../../bench/fixtures/seed-eval", import.meta.url));
const exists = existsSync(SEED_PAPERS);
if (!exists) console.log(`seed-eval.shared.test: ${SEED_PAPERS} not found; skipping the seed evaluation set checks`);

// Function words only: content words, however common, count as borrowed.
const STOPWORDS = new Set(
  ("about above after again against also among been before being below between both could does doing down during each " +
    "even every from further have having here into itself just like more most much must only other over same should some " +
    "such than that their them then there these they this those through under until very were what when where which while " +
    "whose with within without would your onto upon once using").split(" "),
);

/** Lower-cased letter runs longer than 3, minus stopwords, with a plural "s" dropped so "vectors" meets "Vector". */
function contentTokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((t) => t.length > 3 && !STOPWORDS.has(t))
    .map((t) => (t.endsWith("s") && !t.endsWith("ss") ? t.slice(0, -1) : t));
}

/** Fraction of the query's content tokens that occur in the given titles (0 for a query without any). */
function titleOverlap(query: string, titles: string[]): number {
  const tokens = contentTokens(query);
  const inTitles = new Set(titles.flatMap(contentTokens));
  return tokens.length === 0 ? 0 : tokens.filter((t) => inTitles.has(t)).length / tokens.length;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.skipIf(!exists)("seed evaluation set", () => {
  const load = async () => {
    const titles = new Map<string, string>();
    for (const line of readFileSync(SEED_PAPERS, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const paper = JSON.parse(line) as { id: string; title: string };
      titles.set(paper.id, paper.title);
    }
    const queries = await readBeirQueries(`${SET}/queries.jsonl`);
    const qrels = await readBeirQrels(`${SET}/qrels.tsv`);
    return { titles, queries, qrels };
  };

  it("is well-formed: readable without errors, known doc ids, a grade-2 document per query, enough of each kind", async () => {
    const { titles, queries, qrels } = await load();
    expect(queries.errors).toEqual([]); // also rules out repeated query ids
    expect(qrels.errors).toEqual([]); // also rules out repeated (query, doc) judgments
    const ids = [...queries.queries.keys()];
    for (const id of ids) expect(id).toMatch(/^(para|kw)-\d{2}$/);
    expect(ids.filter((id) => id.startsWith("para-")).length).toBeGreaterThanOrEqual(24);
    expect(ids.filter((id) => id.startsWith("kw-")).length).toBeGreaterThanOrEqual(24);
    expect(new Set(qrels.qrels.keys())).toEqual(new Set(ids));
    for (const [queryId, judged] of qrels.qrels) {
      for (const [docId, grade] of judged) {
        expect(titles.has(docId), `${queryId} judges unknown document ${docId}`).toBe(true);
        expect([1, 2], `${queryId}/${docId}`).toContain(grade);
      }
      expect([...judged.values()], `${queryId} has no grade-2 document`).toContain(2);
    }
  });

  it("keeps paraphrases away from the relevant titles' words and keywords close to them", async () => {
    const { titles, queries, qrels } = await load();
    const overlaps = { para: [] as number[], kw: [] as number[] };
    for (const [queryId, text] of queries.queries) {
      const exact = [...(qrels.qrels.get(queryId) ?? new Map<string, number>())]
        .filter(([, grade]) => grade === 2)
        .map(([docId]) => titles.get(docId) ?? "");
      overlaps[queryId.startsWith("para-") ? "para" : "kw"].push(titleOverlap(text, exact));
    }
    const para = mean(overlaps.para);
    const kw = mean(overlaps.kw);
    console.log(`seed-eval title overlap: paraphrase ${para.toFixed(3)}, keyword ${kw.toFixed(3)}`);
    expect(para).toBeLessThan(0.25);
    expect(kw).toBeGreaterThan(0.5);
  });
});
