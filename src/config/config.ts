// Loads the one validated configuration object from defaults, an optional JSON file, the environment and CLI flags.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../domain/errors.js";
import { SETTINGS } from "./settings.js";

const shape = Object.fromEntries(
  SETTINGS.map((s) => [s.key, "default" in s ? (s.schema as z.ZodType).default(s.default as never) : s.schema]),
) as { [S in (typeof SETTINGS)[number] as S["key"]]: S extends { default: unknown } ? z.ZodDefault<S["schema"]> : S["schema"] };

export const ConfigSchema = z.strictObject(shape);
export type Config = z.output<typeof ConfigSchema>;

/** Environment variables with our prefix that are not settings but are allowed (USER_PASSWORD: for `paperboard user add`). */
const RESERVED_ENV = /^PAPERBOARD_(TEST_|CONFIG$|BENCH_|USER_PASSWORD$)/;

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON config file; default PAPERBOARD_CONFIG, else ./paperboard.config.json when present. */
  file?: string | undefined;
  /** Values from command-line flags; they win over everything else. */
  overrides?: Partial<Record<string, unknown>>;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const raw: Record<string, unknown> = {};
  /** Where each value came from, so an error names what the user actually set. */
  const from: Record<string, string> = {};

  const file = opts.file ?? env.PAPERBOARD_CONFIG ?? (existsSync("paperboard.config.json") ? "paperboard.config.json" : undefined);
  if (file) {
    const values = readConfigFile(file);
    Object.assign(raw, values);
    for (const k of Object.keys(values)) from[k] = `in ${file}`;
  }

  const known = new Set<string>(SETTINGS.flatMap((s) => s.env as readonly string[]));
  for (const name of Object.keys(env)) {
    if (name.startsWith("PAPERBOARD_") && !known.has(name) && !RESERVED_ENV.test(name)) {
      throw new ConfigError(`unknown setting ${name} in the environment (known: ${[...known].filter((k) => k.startsWith("PAPERBOARD_")).join(", ")})`);
    }
  }
  for (const s of SETTINGS) {
    for (const name of s.env) {
      const v = env[name];
      if (v !== undefined && v !== "") {
        raw[s.key] = v;
        from[s.key] = name;
        break;
      }
    }
  }
  for (const [k, v] of Object.entries(opts.overrides ?? {})) {
    if (v === undefined) continue;
    raw[k] = v;
    from[k] = "command-line flag";
  }

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, from));
  return parsed.data;
}

function readConfigFile(file: string): Record<string, unknown> {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  return value as Record<string, unknown>;
}

function describeIssues(error: z.ZodError, from: Record<string, string>): string {
  return error.issues
    .map((i) => {
      if (i.code === "unrecognized_keys") return `unknown setting${i.keys.length > 1 ? "s" : ""} ${i.keys.join(", ")}`;
      const key = String(i.path[0] ?? "");
      const setting = SETTINGS.find((s) => s.key === key);
      const where = `${key} (${from[key] ?? setting?.env[0] ?? "default"})`;
      return `invalid setting ${where}: ${i.message}`;
    })
    .join("; ");
}

/** The configuration with secrets replaced, safe to print or log. */
export function redactConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const s of SETTINGS) if ("secret" in s && s.secret && out[s.key] != null) out[s.key] = redactUrl(String(out[s.key]));
  return out;
}

function redactUrl(v: string): string {
  return v.replace(/\/\/([^:/@]+):([^@]+)@/, "//$1:***@");
}
