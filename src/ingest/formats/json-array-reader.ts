// Streaming reader for a JSON array of entries, bare or wrapped in an object member (`{..., "data": [...]}`).
//
// Contract: yields each entry, parsed, in order, holding only one entry's text
// in memory at a time. The first syntax error ends the stream with one failure
// item naming the error and its line and column; entries before it have
// already been yielded. Entries are cut out by a small structural scanner
// (strings, brackets, commas) and parsed with JSON.parse, which is far faster
// than a token-by-token JSON parser written in JavaScript.
import { StringDecoder } from "node:string_decoder";

export type ArrayItem =
  | { ok: true; index: number; line: number; value: unknown }
  | { ok: false; index: number; line: number; column: number; message: string };

export interface ReadJsonArrayOptions {
  /** Member of a top-level object that holds the array (e.g. "data"); without it only a bare array is accepted. */
  wrapperKey?: string;
}

export async function* readJsonArray(
  input: NodeJS.ReadableStream,
  opts: ReadJsonArrayOptions = {},
): AsyncGenerator<ArrayItem> {
  const decoder = new StringDecoder("utf8");
  const scanner = new ArrayScanner(opts.wrapperKey);
  const out: ArrayItem[] = [];
  for await (const chunk of input) {
    scanner.feed(typeof chunk === "string" ? chunk : decoder.write(chunk), out);
    yield* out.splice(0);
    if (scanner.failed) return;
  }
  scanner.feed(decoder.end(), out);
  scanner.end(out);
  yield* out;
}

// Scanner states.
const START = 0; // before the top-level value
const W_KEY_OR_END = 1; // in the wrapper object, after "{"
const W_KEY = 2; // after ",": a key must follow
const W_KEY_STR = 3; // inside a key string
const W_COLON = 4;
const W_VALUE = 5;
const W_AFTER = 6; // after a member value: "," or "}"
const A_VALUE_OR_END = 7; // after "["
const A_VALUE = 8; // after ",": an entry must follow
const A_AFTER = 9; // after an entry: "," or "]"
const VALUE = 10; // inside a value (an entry, or a skipped wrapper member)
const DONE = 11; // after the top-level value: only whitespace
const FAILED = 12;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
// Characters of numbers and true/false/null; anything else ends a bare literal.
const isLiteralChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;

class ArrayScanner {
  private state = START;
  private line = 1;
  private lineStart = 0; // absolute offset of the current line's first character
  private base = 0; // absolute offset of the current chunk's first character
  private index = 0; // next entry index
  private wrapped = false;
  private sawArray = false;
  private key = "";
  private keyParts: string[] = [];
  // The value being scanned.
  private valueKind: "container" | "string" | "literal" = "container";
  private closers: number[] = [];
  private inString = false;
  private escaped = false;
  private capture = false;
  private parts: string[] = [];
  private valueStart = 0; // index in the current chunk, or 0 after a chunk boundary
  private valueLine = 0;
  private valueColumn = 0;
  private after = A_AFTER;

  constructor(private readonly wrapperKey: string | undefined) {}

  get failed(): boolean {
    return this.state === FAILED;
  }

  feed(text: string, out: ArrayItem[]): void {
    const n = text.length;
    let i = 0;
    if (this.base === 0 && text.charCodeAt(0) === 0xfeff) i = 1;
    this.valueStart = 0;
    while (i < n && this.state !== FAILED) {
      if (this.state === VALUE && this.valueKind === "container") {
        i = this.scanContainer(text, i, out);
        continue;
      }
      const c = text.charCodeAt(i);
      const handled = this.step(c, text, i, out);
      if (!handled) continue; // the character is re-read in the new state
      if (c === 10) this.newline(i);
      i++;
    }
    if (this.state === VALUE && this.capture) this.parts.push(text.slice(this.valueStart));
    if (this.state === W_KEY_STR) this.keyParts.push(text.slice(this.valueStart));
    this.base += n;
  }

  end(out: ArrayItem[]): void {
    if (this.state === FAILED || this.state === DONE) return;
    if (this.state === VALUE && this.valueKind === "literal" && this.after === A_AFTER) {
      this.finishValue("", 0, out);
      if (this.failed) return;
    }
    const what =
      this.state === START ? "no JSON value" : this.state === VALUE && this.inString ? "an unterminated string" : "an unclosed array or object";
    this.fail(`unexpected end of input (${what})`, this.base, out);
  }

  /** Handles one character; false means "re-read it" after a state change. */
  private step(c: number, text: string, i: number, out: ArrayItem[]): boolean {
    switch (this.state) {
      case VALUE:
        return this.stepValue(c, text, i, out);
      case START:
        if (isSpace(c)) return true;
        if (c === 91 /* [ */) {
          this.state = A_VALUE_OR_END;
          this.sawArray = true;
          return true;
        }
        if (c === 123 /* { */ && this.wrapperKey !== undefined) {
          this.wrapped = true;
          this.state = W_KEY_OR_END;
          return true;
        }
        this.fail(`top-level JSON value is ${describeStart(c)}, expected ${this.expectedTop()}`, this.base + i, out);
        return true;
      case A_VALUE_OR_END:
      case A_VALUE:
        if (isSpace(c)) return true;
        if (c === 93 /* ] */ && this.state === A_VALUE_OR_END) {
          this.state = this.wrapped ? W_AFTER : DONE;
          return true;
        }
        if (c === 93 || c === 44 /* , */ || c === 125 /* } */ || c === 58 /* : */) {
          this.fail(`unexpected "${String.fromCharCode(c)}" where an array entry was expected`, this.base + i, out);
          return true;
        }
        this.startValue(c, text, i, true, A_AFTER);
        return this.valueKind !== "literal";
      case A_AFTER:
        if (isSpace(c)) return true;
        if (c === 44) this.state = A_VALUE;
        else if (c === 93) this.state = this.wrapped ? W_AFTER : DONE;
        else this.fail(`unexpected "${String.fromCharCode(c)}" after array entry ${this.index - 1} (expected "," or "]")`, this.base + i, out);
        return true;
      case W_KEY_OR_END:
      case W_KEY:
        if (isSpace(c)) return true;
        if (c === 34 /* " */) {
          this.state = W_KEY_STR;
          this.keyParts = [];
          this.escaped = false;
          this.valueStart = i + 1;
        } else if (c === 125 && this.state === W_KEY_OR_END) {
          this.closeWrapper(i, out);
        } else {
          this.fail(`unexpected "${String.fromCharCode(c)}" where an object key was expected`, this.base + i, out);
        }
        return true;
      case W_KEY_STR:
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34) {
          this.keyParts.push(text.slice(this.valueStart, i));
          this.key = decodeKey(this.keyParts.join(""));
          this.state = W_COLON;
        }
        return true;
      case W_COLON:
        if (isSpace(c)) return true;
        if (c === 58) this.state = W_VALUE;
        else this.fail(`unexpected "${String.fromCharCode(c)}" after key "${this.key}" (expected ":")`, this.base + i, out);
        return true;
      case W_VALUE:
        if (isSpace(c)) return true;
        if (this.key === this.wrapperKey) {
          if (c !== 91) {
            this.fail(`"${this.key}" is ${describeStart(c)}, expected an array`, this.base + i, out);
            return true;
          }
          this.sawArray = true;
          this.state = A_VALUE_OR_END;
          return true;
        }
        this.startValue(c, text, i, false, W_AFTER);
        return this.valueKind !== "literal";
      case W_AFTER:
        if (isSpace(c)) return true;
        if (c === 44) this.state = W_KEY;
        else if (c === 125) this.closeWrapper(i, out);
        else this.fail(`unexpected "${String.fromCharCode(c)}" in the top-level object (expected "," or "}")`, this.base + i, out);
        return true;
      case DONE:
        if (!isSpace(c)) this.fail(`unexpected "${String.fromCharCode(c)}" after the end of the JSON value`, this.base + i, out);
        return true;
      default:
        return true;
    }
  }

  private startValue(c: number, text: string, i: number, capture: boolean, after: number): void {
    this.capture = capture;
    this.after = after;
    this.parts = [];
    this.valueStart = i;
    this.valueLine = this.line;
    this.valueColumn = this.base + i - this.lineStart + 1;
    this.inString = false;
    this.escaped = false;
    this.closers = [];
    this.state = VALUE;
    if (c === 123 || c === 91) {
      this.valueKind = "container";
      this.closers.push(c === 123 ? 125 : 93);
    } else if (c === 34) {
      this.valueKind = "string";
      this.inString = true;
    } else {
      this.valueKind = "literal";
    }
  }

  private stepValue(c: number, text: string, i: number, out: ArrayItem[]): boolean {
    if (this.valueKind === "literal") {
      if (isLiteralChar(c)) return true;
      this.finishValue(text, i, out);
      return false; // the delimiter belongs to the enclosing state
    }
    // A string value (containers are scanned by scanContainer).
    if (this.escaped) this.escaped = false;
    else if (c === 92) this.escaped = true;
    else if (c === 34) this.finishValue(text, i + 1, out);
    return true;
  }

  /**
   * The hot loop: scans inside an object or array value until it closes or the
   * chunk ends, tracking only strings, brackets and newlines. Returns the index
   * of the next unread character.
   */
  private scanContainer(text: string, from: number, out: ArrayItem[]): number {
    const n = text.length;
    const closers = this.closers;
    let inString = this.inString;
    let escaped = this.escaped;
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        else if (c === 10) this.newline(i);
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 10) this.newline(i);
      else if (c === 123) closers.push(125);
      else if (c === 91) closers.push(93);
      else if (c === 125 || c === 93) {
        const expected = closers.pop();
        if (expected !== c) {
          const want = expected === undefined ? "nothing" : `"${String.fromCharCode(expected)}"`;
          this.fail(`unexpected "${String.fromCharCode(c)}" (expected ${want})`, this.base + i, out);
          return n;
        }
        if (closers.length === 0) {
          this.inString = false;
          this.escaped = false;
          this.finishValue(text, i + 1, out);
          return i + 1;
        }
      }
    }
    this.inString = inString;
    this.escaped = escaped;
    return i;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  /** Ends the current value at `endIdx` (exclusive) of `text`. */
  private finishValue(text: string, endIdx: number, out: ArrayItem[]): void {
    this.state = this.after;
    if (!this.capture) return;
    const raw = this.parts.length ? this.parts.join("") + text.slice(0, endIdx) : text.slice(this.valueStart, endIdx);
    this.parts = [];
    const index = this.index++;
    try {
      out.push({ ok: true, index, line: this.valueLine, value: JSON.parse(raw) });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(msg);
      let line = this.valueLine;
      let column = this.valueColumn;
      if (pos) {
        const before = raw.slice(0, Number(pos[1]));
        const nl = before.lastIndexOf("\n");
        line += countNewlines(before);
        column = nl === -1 ? column + before.length : before.length - nl;
      }
      this.state = FAILED;
      out.push({ ok: false, index, line, column, message: `invalid JSON in entry ${index}: ${msg} (line ${line}, column ${column})` });
    }
  }

  private closeWrapper(i: number, out: ArrayItem[]): void {
    if (!this.sawArray) this.fail(`top-level object has no "${this.wrapperKey}" array`, this.base + i, out);
    else this.state = DONE;
  }

  private expectedTop(): string {
    return this.wrapperKey === undefined ? "an array" : `an array or an object with a "${this.wrapperKey}" array`;
  }

  private fail(message: string, absOffset: number, out: ArrayItem[]): void {
    this.state = FAILED;
    const column = absOffset - this.lineStart + 1;
    out.push({ ok: false, index: this.index, line: this.line, column, message: `${message} at line ${this.line}, column ${column}` });
  }
}

function describeStart(c: number): string {
  if (c === 34) return "a string";
  if (c === 123) return "an object";
  if (c === 91) return "an array";
  if (c === 45 || (c >= 48 && c <= 57)) return "a number";
  // true, false, null or plain text: one character cannot tell which.
  return `a bare word or text (starts with "${String.fromCharCode(c)}")`;
}

function decodeKey(raw: string): string {
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
