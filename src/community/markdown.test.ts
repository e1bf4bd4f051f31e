import { describe, expect, it } from "vitest";
import { COMMENT_LINK_REL, renderCommentMarkdown as render } from "./markdown.js";

describe("renderCommentMarkdown", () => {
  it("renders basic Markdown", () => {
    const html = render("Some **bold**, *em* and `code`.\n\n- one\n- two\n\n> quoted");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toContain("<blockquote>");
  });

  it("keeps a code block's language class and nothing else", () => {
    expect(render("```python\nprint(1)\n```")).toContain('<code class="language-python">print(1)');
  });

  it("turns every heading into one small level", () => {
    expect(render("# Big\n\n###### Small")).toBe("<h4>Big</h4>\n<h4>Small</h4>");
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n<a href="https://e.org" onclick="steal()">x</a>');
    expect(html).not.toMatch(/<script|<img|<a href="https:\/\/e.org" onclick/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("drops links with javascript:, data: or protocol-relative targets", () => {
    for (const target of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "//evil.example"]) {
      const html = render(`[click](${target})`);
      expect(html, target).not.toMatch(/href=/i);
    }
    expect(render("[x](&#106;avascript:alert(1))")).not.toMatch(/href=/);
  });

  it("marks links nofollow ugc noopener, keeping http, https and mailto", () => {
    const html = render("[a](https://a.example/x?y=1) [b](http://b.example) [c](mailto:c@example.org) and https://auto.example");
    for (const href of ["https://a.example/x?y=1", "http://b.example", "mailto:c@example.org", "https://auto.example"]) {
      expect(html).toContain(`<a href="${href}" rel="${COMMENT_LINK_REL}">`);
    }
    expect(html.match(/rel=/g)).toHaveLength(4);
  });

  it("does not let an author's own rel or target through", () => {
    // Even if a rule produced them, only href and our rel survive.
    expect(render('[a](https://a.example "title")')).toBe(`<p><a href="https://a.example" rel="${COMMENT_LINK_REL}">a</a></p>`);
  });

  it("renders no images, leaving a link a reader chooses to follow", () => {
    const html = render("![tracker](https://t.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://t.example/pixel.png"');
  });

  it("keeps attribute-breaking text inert", () => {
    const html = render('[x](https://e.org/"onmouseover="alert(1))');
    expect(html).not.toMatch(/onmouseover="alert/);
  });
});
