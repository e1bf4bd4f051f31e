// The structured logger (pino): JSON lines to stderr, human-readable when stderr is a terminal.
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

export interface LoggerOptions {
  level: string;
  format: "auto" | "json" | "pretty";
}

export function createLogger(opts: LoggerOptions): Logger {
  const usePretty = opts.format === "pretty" || (opts.format === "auto" && process.stderr.isTTY === true);
  const base = {
    level: opts.level,
    // Credentials that might reach a log line through an error or a URL are never written.
    redact: { paths: ["password", "*.password", "databaseUrl", "*.databaseUrl", "authorization", "*.authorization"], censor: "***" },
  };
  if (usePretty) {
    return pino(base, pretty({ destination: 2, sync: true, colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" }));
  }
  return pino(base, pino.destination({ dest: 2, sync: true }));
}
