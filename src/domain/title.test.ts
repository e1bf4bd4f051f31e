import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cleanText, normaliseTitle, titleId } from "./title.js";

describe("normaliseTitle", () => {
  it("produces a lower-case, punctuation-free, single-spaced key", () => {
    expect(normaliseTitle("Attention Is All You Need")).toBe("attention is all you need");
    expect(normaliseTitle("  BERT: Pre-training of Deep\n Bidirectional   Transformers!  ")).toBe(
      "bert pre training of deep bidirectional transformers",
    );
  });

  it("folds accents and compatibility characters", () => {
    expect(normaliseTitle("Élan vital: naïve café")).toBe("elan vital naive cafe");
    expect(normaliseTitle("Schrödinger")).toBe("schrodinger");
    expect(normaliseTitle("Eﬃcient ﬁne-tuning")).toBe("efficient fine tuning");
  });

  it("drops LaTeX commands but keeps their arguments", () => {
    expect(normaliseTitle("\\textbf{Deep} Learning with \\emph{Sparse} Experts")).toBe(
      "deep learning with sparse experts",
    );
    expect(normaliseTitle("Scaling $\\mathcal{O}(n)$ Attention")).toBe("scaling o n attention");
  });

  it("makes common variants of one title match", () => {
    const variants = [
      "Attention Is All You Need",
      "attention is all you need",
      "ATTENTION IS ALL YOU NEED.",
      "Attention  is\nall you need",
      "“Attention Is All You Need”",
      "Attention -- Is All You Need?",
      "\\emph{Attention} Is All You Need",
    ];
    const keys = new Set(variants.map(normaliseTitle));
    expect([...keys]).toEqual(["attention is all you need"]);
  });

  it("keeps different titles apart", () => {
    expect(normaliseTitle("Attention Is All You Need")).not.toBe(normaliseTitle("Attention Is Not All You Need"));
    expect(normaliseTitle("GPT-3")).not.toBe(normaliseTitle("GPT-4"));
    expect(normaliseTitle("Deep Learning")).not.toBe(normaliseTitle("Deep Learning 2"));
    expect(normaliseTitle("Résumé parsing")).toBe(normaliseTitle("Resume Parsing"));
  });

  it("keeps non-Latin letters and digits", () => {
    expect(normaliseTitle("Модель 2: 深度学习")).toBe("модель 2 深度学习");
  });

  it("returns an empty key for punctuation-only titles", () => {
    expect(normaliseTitle(" ?!... ")).toBe("");
  });
});

describe("cleanText", () => {
  it("collapses whitespace runs and trims", () => {
    expect(cleanText("  a\n\tb   c  ")).toBe("a b c");
  });
});

describe("titleId", () => {
  const sha1_12 = (s: string) => createHash("sha1").update(s, "utf8").digest("hex").slice(0, 12);

  it("is the first 12 hex digits of sha1 of the lower-cased, whitespace-collapsed title", () => {
    const expected = sha1_12("attention is all you need");
    expect(titleId("Attention Is All You Need")).toBe(expected);
    expect(titleId("Attention Is All You Need")).toMatch(/^[0-9a-f]{12}$/);
  });

  it("matches a value computed independently", () => {
    // sha1("attention is all you need") computed outside the module
    expect(titleId("Attention Is All You Need")).toBe(
      createHash("sha1").update(Buffer.from("attention is all you need")).digest("hex").substring(0, 12),
    );
  });

  it("is stable across whitespace and case variants", () => {
    const id = titleId("Attention Is All You Need");
    expect(titleId("  attention  is all\nyou\tneed ")).toBe(id);
    expect(titleId("ATTENTION IS ALL YOU NEED")).toBe(id);
  });

  it("differs for different titles and is not punctuation-folded", () => {
    expect(titleId("Attention Is All You Need")).not.toBe(titleId("Attention Is Not All You Need"));
    expect(titleId("Attention Is All You Need.")).toBe(sha1_12("attention is all you need."));
  });

  it("hashes non-ASCII titles as UTF-8", () => {
    expect(titleId("Schrödinger  Bridges")).toBe(sha1_12("schrödinger bridges"));
  });
});
