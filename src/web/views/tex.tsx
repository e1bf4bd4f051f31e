// Text that may hold LaTeX math (titles, abstracts), rendered by web/latex.ts, which escapes everything else.
import { raw } from "hono/html";
import { markedRuns } from "../../search/highlight.js";
import { renderTex } from "../latex.js";

/** `links`: web addresses in the text become links (abstracts cite code and demo pages). */
export function Tex(props: { text: string; links?: boolean }) {
  return raw(renderTex(props.text, { links: props.links ?? false }));
}

/** Search-highlighted text: runs between the service's markers become <mark>, all text escaped by JSX. */
export function Marked(props: { text: string }) {
  return <>{markedRuns(props.text).map((r) => (r.marked ? <mark>{r.text}</mark> : r.text))}</>;
}

/** True when the text carries math, which highlighting would break apart. */
export const hasMath = (text: string): boolean => text.includes("$") || text.includes("\\(");
