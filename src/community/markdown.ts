// Comment Markdown to safe HTML: markdown-it renders, sanitize-html keeps only an allow-list.
//
// Two layers on purpose: markdown-it with `html: false` never passes raw HTML
// through, and the sanitiser still removes anything outside the allow-list
// should a rendering rule ever emit it. Images are not rendered (a comment
// could otherwise make every reader's browser fetch a third-party URL); the
// `![alt](url)` syntax then reads as "!" and a link.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable("image");

/** Every link in a comment: not endorsed (nofollow), user content (ugc), no window.opener. */
export const COMMENT_LINK_REL = "nofollow ugc noopener";

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h4",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Anything else is dropped with its markup but keeps its text; script and style lose their text too.
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript"],
  transformTags: {
    // A comment sits under the page's own headings, so its headings are all one small level.
    ...Object.fromEntries(HEADINGS.map((h) => [h, "h4"])),
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: COMMENT_LINK_REL } }),
  },
};

/** Renders a comment's Markdown source to HTML that is safe to put in a page as is. */
export function renderCommentMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE).trim();
}
