import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../domain/errors.js";
import { loadConfig, redactConfig, type LoadOptions } from "./config.js";
import { SETTINGS } from "./settings.js";

let dir: string;
let cwd: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "paperboard-config-"));
  cwd = process.cwd();
  // Run from an empty directory so no ./paperboard.config.json is picked up by accident.
  process.chdir(dir);
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function writeFile(content: string): string {
  const file = join(dir, `config-${++n}.json`);
  writeFileSync(file, content);
  return file;
}
const writeJson = (value: unknown) => writeFile(JSON.stringify(value));

/** The ConfigError thrown by loadConfig; fails the test if it does not throw one. */
function configError(opts: LoadOptions): ConfigError {
  try {
    loadConfig(opts);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected loadConfig to throw");
}

const DEFAULTS = {
  dataDir: "./data",
  host: "127.0.0.1",
  port: 3000,
  secureCookies: false,
  trustProxy: false,
  sessionDays: 30,
  logLevel: "info",
  logFormat: "auto",
  feedTimeZone: "UTC",
  feedRolloverHour: 17,
  submitWindowDays: 14,
  submitDailyLimit: 5,
  trendingHalfLifeHours: 48,
  autosync: true,
  autosyncDays: 7,
  hfApiUrl: "https://huggingface.co",
  arxivOaiUrl: "https://export.arxiv.org/oai2",
  arxivApiUrl: "https://export.arxiv.org/api/query",
  arxivDelayMs: 3000,
  httpTimeoutMs: 30_000,
  searchRerank: true,
  embeddingProvider: "builtin",
  embeddingBatchSize: 32,
  embeddingAllowDownload: true,
  embeddingTimeoutMs: 60_000,
  mailRatePerSecond: 10,
  forYouWindowDays: 14,
};

describe("loadConfig: defaults", () => {
  it("gives every default with an empty environment", () => {
    const config = loadConfig({ env: {} });
    expect(config).toEqual(DEFAULTS);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
  });

  it("treats empty environment values as unset", () => {
    expect(loadConfig({ env: { PORT: "", PAPERBOARD_DATA_DIR: "" } })).toEqual(DEFAULTS);
  });

  it("every setting with a default has a documented env var", () => {
    for (const s of SETTINGS) expect(s.env.length).toBeGreaterThan(0);
  });
});

describe("loadConfig: environment", () => {
  it("environment variables override defaults, with values coerced", () => {
    const config = loadConfig({
      env: {
        PORT: "8080",
        PAPERBOARD_DATA_DIR: "/var/lib/paperboard",
        PAPERBOARD_AUTOSYNC: "0",
        PAPERBOARD_FEED_TZ: "America/New_York",
        PAPERBOARD_FEED_ROLLOVER_HOUR: "0",
        PAPERBOARD_DATABASE_URL: "postgres://u:p@db/pb",
      },
    });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe("/var/lib/paperboard");
    expect(config.autosync).toBe(false);
    expect(config.feedTimeZone).toBe("America/New_York");
    expect(config.feedRolloverHour).toBe(0);
    expect(config.databaseUrl).toBe("postgres://u:p@db/pb");
    expect(config.host).toBe(DEFAULTS.host);
  });

  it.each([
    ["1", true],
    ["true", true],
    ["yes", true],
    ["on", true],
    ["0", false],
    ["false", false],
    ["no", false],
    ["off", false],
  ])("PAPERBOARD_AUTOSYNC=%s -> %s", (v, expected) => {
    expect(loadConfig({ env: { PAPERBOARD_AUTOSYNC: v } }).autosync).toBe(expected);
  });

  it("accepts the documented aliases", () => {
    const config = loadConfig({ env: { PAPERBOARD_PORT: "4001", HOST: "0.0.0.0", DATABASE_URL: "sqlite:/tmp/x.db", LOG_LEVEL: "debug" } });
    expect(config.port).toBe(4001);
    expect(config.host).toBe("0.0.0.0");
    expect(config.databaseUrl).toBe("sqlite:/tmp/x.db");
    expect(config.logLevel).toBe("debug");
  });

  it("prefers the PAPERBOARD_ name over a generic alias", () => {
    const config = loadConfig({ env: { PAPERBOARD_HOST: "10.0.0.1", HOST: "0.0.0.0" } });
    expect(config.host).toBe("10.0.0.1");
  });

  it("rejects an unknown PAPERBOARD_* variable, naming it", () => {
    const err = configError({ env: { PAPERBOARD_PROT: "8080" } });
    expect(err.message).toContain("PAPERBOARD_PROT");
    expect(err.message).toMatch(/unknown setting/);
  });

  it("allows PAPERBOARD_TEST_* and PAPERBOARD_BENCH_* and ignores non-prefixed variables", () => {
    expect(loadConfig({ env: { PAPERBOARD_TEST_FOO: "x", PAPERBOARD_BENCH_N: "3", HOME: "/root", SOMETHING_ELSE: "y" } })).toEqual(DEFAULTS);
  });
});

describe("loadConfig: config file", () => {
  it("reads a JSON config file", () => {
    const file = writeJson({ port: 4000, dataDir: "/from-file", feedTimeZone: "Europe/Berlin", autosync: false });
    const config = loadConfig({ env: {}, file });
    expect(config).toEqual({ ...DEFAULTS, port: 4000, dataDir: "/from-file", feedTimeZone: "Europe/Berlin", autosync: false });
  });

  it("environment wins over the file, flags win over the environment", () => {
    const file = writeJson({ port: 4000, dataDir: "/from-file", logLevel: "warn" });
    const env = { PORT: "5000", PAPERBOARD_LOG_LEVEL: "error" };
    const fromEnv = loadConfig({ env, file });
    expect(fromEnv.port).toBe(5000);
    expect(fromEnv.logLevel).toBe("error");
    expect(fromEnv.dataDir).toBe("/from-file");

    const fromFlags = loadConfig({ env, file, overrides: { port: 6000, dataDir: undefined } });
    expect(fromFlags.port).toBe(6000);
    expect(fromFlags.logLevel).toBe("error");
    expect(fromFlags.dataDir).toBe("/from-file");
  });

  it("uses PAPERBOARD_CONFIG as the file path", () => {
    const file = writeJson({ autosyncDays: 30 });
    expect(loadConfig({ env: { PAPERBOARD_CONFIG: file } }).autosyncDays).toBe(30);
  });

  it("picks up ./paperboard.config.json when no file is given", () => {
    const local = join(process.cwd(), "paperboard.config.json");
    writeFileSync(local, JSON.stringify({ host: "::1" }));
    try {
      expect(loadConfig({ env: {} }).host).toBe("::1");
    } finally {
      rmSync(local);
    }
    expect(loadConfig({ env: {} }).host).toBe(DEFAULTS.host);
  });

  it("rejects an unknown key in the file, naming it", () => {
    const err = configError({ env: {}, file: writeJson({ port: 4000, prot: 4001 }) });
    expect(err.message).toContain("prot");
    expect(err.message).toMatch(/unknown setting/);
  });

  it("rejects an unknown override key", () => {
    expect(configError({ env: {}, overrides: { colour: "blue" } }).message).toContain("colour");
  });

  it("rejects a file that is not JSON, with its path", () => {
    const file = writeFile("{ port: 4000 ");
    const err = configError({ env: {}, file });
    expect(err.message).toContain(resolve(file));
    expect(err.message).toMatch(/not valid JSON/);
  });

  it.each([["[1, 2]"], ["null"], ["42"], ['"port"']])("rejects a file holding %s, with its path", (content) => {
    const file = writeFile(content);
    const err = configError({ env: {}, file });
    expect(err.message).toContain(resolve(file));
    expect(err.message).toMatch(/JSON object/);
  });

  it("rejects a missing file, with its path", () => {
    const file = join(dir, "does-not-exist.json");
    expect(configError({ env: {}, file }).message).toContain(file);
  });

  it("validates values from the file too", () => {
    const err = configError({ env: {}, file: writeJson({ feedRolloverHour: 30 }) });
    expect(err.message).toContain("feedRolloverHour");
    expect(err.message).toMatch(/feedRolloverHour \(in .*\.json\)/);
  });
});

describe("loadConfig: invalid values", () => {
  it.each([
    [{ PORT: "abc" }, "port", "PORT"],
    [{ PORT: "70000" }, "port", "PORT"],
    [{ PORT: "80.5" }, "port", "PORT"],
    [{ PAPERBOARD_FEED_ROLLOVER_HOUR: "24" }, "feedRolloverHour", "PAPERBOARD_FEED_ROLLOVER_HOUR"],
    [{ PAPERBOARD_FEED_ROLLOVER_HOUR: "-1" }, "feedRolloverHour", "PAPERBOARD_FEED_ROLLOVER_HOUR"],
    [{ PAPERBOARD_FEED_TZ: "Mars/Base" }, "feedTimeZone", "PAPERBOARD_FEED_TZ"],
    [{ PAPERBOARD_DATABASE_URL: "mysql://x" }, "databaseUrl", "PAPERBOARD_DATABASE_URL"],
    [{ PAPERBOARD_AUTOSYNC: "maybe" }, "autosync", "PAPERBOARD_AUTOSYNC"],
    [{ PAPERBOARD_LOG_LEVEL: "verbose" }, "logLevel", "PAPERBOARD_LOG_LEVEL"],
    [{ PAPERBOARD_PUBLIC_URL: "not a url" }, "publicUrl", "PAPERBOARD_PUBLIC_URL"],
    [{ PAPERBOARD_AUTOSYNC_DAYS: "0" }, "autosyncDays", "PAPERBOARD_AUTOSYNC_DAYS"],
  ])("%j fails naming %s and %s", (env, key, envName) => {
    const err = configError({ env });
    expect(err.message).toContain(`invalid setting ${key} (${envName})`);
  });

  it("reports an invalid override by setting name", () => {
    expect(configError({ env: {}, overrides: { port: -1 } }).message).toContain("port (command-line flag)");
  });
});

describe("redactConfig", () => {
  it("hides the password of a postgres URL but keeps user, host and database", () => {
    const config = loadConfig({ env: { PAPERBOARD_DATABASE_URL: "postgres://alice:s3cr3t@db.example.com:5432/paperboard" } });
    const redacted = redactConfig(config);
    expect(redacted.databaseUrl).toBe("postgres://alice:***@db.example.com:5432/paperboard");
    expect(JSON.stringify(redacted)).not.toContain("s3cr3t");
    // The original config is untouched and other settings are copied as they are.
    expect(config.databaseUrl).toBe("postgres://alice:s3cr3t@db.example.com:5432/paperboard");
    expect(redacted.port).toBe(3000);
    expect(redacted.dataDir).toBe("./data");
  });

  it("leaves URLs without a password and an unset database alone", () => {
    const noPass = loadConfig({ env: { PAPERBOARD_DATABASE_URL: "postgresql://alice@db.example.com/paperboard" } });
    expect(redactConfig(noPass).databaseUrl).toBe("postgresql://alice@db.example.com/paperboard");
    expect(redactConfig(loadConfig({ env: {} })).databaseUrl).toBeUndefined();
  });
});
