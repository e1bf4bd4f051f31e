// Highlight markers in search snippets: control characters no paper text contains, turned into markup by each renderer.
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

/** Splits marked text into plain and highlighted runs, for renderers that escape text themselves. */
export function markedRuns(text: string): Array<{ text: string; marked: boolean }> {
  const runs: Array<{ text: string; marked: boolean }> = [];
  let marked = false;
  let current = "";
  for (const ch of text) {
    if (ch === MARK_START || ch === MARK_END) {
      if (current) runs.push({ text: current, marked });
      current = "";
      marked = ch === MARK_START;
    } else current += ch;
  }
  if (current) runs.push({ text: current, marked });
  return runs;
}

/** Marked text with the markers replaced, e.g. by `**` for a terminal or Markdown. */
export function replaceMarks(text: string, start: string, end: string): string {
  return text.replaceAll(MARK_START, start).replaceAll(MARK_END, end);
}
