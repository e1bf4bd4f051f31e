import { describe, expect, it } from "vitest";
import { renderTex, splitMath } from "./latex.js";

describe("renderTex", () => {
  it("renders $…$ and \\(…\\) as MathML and escapes the text around them", () => {
    const html = renderTex("Scaling $O(n^2)$ attention & \\(\\alpha\\)-divergence <fast>");
    expect(html).toMatch(/^Scaling <math>.*<\/math> attention &amp; <math>.*α.*<\/math>-divergence &lt;fast&gt;$/);
    expect(html).toContain("<msup>");
    // The source is kept as an annotation, for copying and screen readers.
    expect(html).toContain('<annotation encoding="application/x-tex">O(n^2)</annotation>');
  });

  it("keeps a <script> in a title inert, in text and in math", () => {
    expect(renderTex("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    const math = renderTex("$\\text{<script>alert(1)</script>}$ and <img src=x onerror=alert(1)>");
    expect(math).not.toMatch(/<script|<img/);
    expect(math).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows the source of a formula that does not parse, or that asks for links", () => {
    expect(renderTex("A $\\frac{a}{b$ bound")).toBe("A $\\frac{a}{b$ bound");
    expect(renderTex("$\\href{javascript:alert(1)}{x}$")).toBe("$\\href{javascript:alert(1)}{x}$");
    expect(renderTex("$\\frac{<b>}{2$")).toBe("$\\frac{&lt;b&gt;}{2$");
  });

  it("drops the style attributes that CSP would block", () => {
    const html = renderTex("$\\color{red}{x}$");
    expect(html).toContain("<math>");
    expect(html).not.toContain("style=");
  });

  it("leaves prices, escaped dollars and unclosed delimiters as text", () => {
    expect(renderTex("From $5 to $10 per GPU")).toBe("From $5 to $10 per GPU");
    expect(renderTex("Costs \\$3 and $ x$")).toBe("Costs $3 and $ x$");
    expect(renderTex("Open \\( never closed")).toBe("Open \\( never closed");
  });
});

describe("splitMath", () => {
  it("splits text and formulas, delimiters kept in the source", () => {
    expect(splitMath("a $x$ b $$y$$ \\(z\\)")).toEqual([
      { text: "a ", math: null },
      { text: "$x$", math: "x" },
      { text: " b ", math: null },
      { text: "$$y$$", math: "y" },
      { text: " ", math: null },
      { text: "\\(z\\)", math: "z" },
    ]);
    expect(splitMath("$a\\$b$")).toEqual([{ text: "$a\\$b$", math: "a\\$b" }]);
  });
});

describe("renderTex with links", () => {
  it("links web addresses in plain text, escaped, without trailing punctuation", () => {
    expect(renderTex("Code at https://github.com/a/b. Demo: http://x.org/?a=1&b=<2>", { links: true })).toBe(
      'Code at <a href="https://github.com/a/b" rel="nofollow noopener">https://github.com/a/b</a>. Demo: <a href="http://x.org/?a=1&amp;b=" rel="nofollow noopener">http://x.org/?a=1&amp;b=</a>&lt;2&gt;',
    );
    expect(renderTex('See javascript:alert(1) and "https://a.org/x"', { links: true })).toBe(
      'See javascript:alert(1) and &quot;<a href="https://a.org/x" rel="nofollow noopener">https://a.org/x</a>&quot;',
    );
    expect(renderTex("https://a.org/$x$", { links: false })).not.toContain("<a ");
  });
});
