// Asks for a secret on the terminal without echoing it (raw mode), for passwords typed at the CLI.
import { ValidationError } from "../domain/errors.js";

/** Reads one line from a TTY stdin with echo off; Ctrl-C exits with 130, Ctrl-D ends the line. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new ValidationError("cannot prompt: stdin is not a terminal"));
  return new Promise((resolve) => {
    let typed = "";
    const done = (value: string) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          process.stderr.write("\n");
          process.exit(130);
        }
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return done(typed);
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    stdin.setEncoding("utf8");
    // Echo goes off before the question shows, so nothing typed at once is echoed.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    stdin.on("data", onData);
  });
}
