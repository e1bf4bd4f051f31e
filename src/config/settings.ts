// The table of every setting: its environment variable, default, validator and whether it is secret.
import { z } from "zod";

const bool = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"])])
  .transform((v) => (typeof v === "boolean" ? v : ["1", "true", "yes", "on"].includes(v)));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as UTC or Europe/Berlin");
const url = z.string().url();

export interface Setting {
  key: string;
  env: string[];
  schema: z.ZodType;
  default?: unknown;
  secret?: boolean;
  doc: string;
}

export const SETTINGS = [
  { key: "dataDir", env: ["PAPERBOARD_DATA_DIR"], schema: z.string().min(1), default: "./data", doc: "Directory for the SQLite database and other local state." },
  { key: "databaseUrl", env: ["PAPERBOARD_DATABASE_URL", "DATABASE_URL"], schema: z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, "must start with postgres://, postgresql:// or sqlite:").optional(), secret: true, doc: "postgres://user:pass@host/db to use PostgreSQL; empty for SQLite at <dataDir>/paperboard.db." },
  { key: "host", env: ["PAPERBOARD_HOST", "HOST"], schema: z.string().min(1), default: "127.0.0.1", doc: "Address the web server binds to (0.0.0.0 to serve your network)." },
  { key: "port", env: ["PAPERBOARD_PORT", "PORT"], schema: int(0, 65535), default: 3000, doc: "HTTP port of the web server." },
  { key: "publicUrl", env: ["PAPERBOARD_PUBLIC_URL"], schema: url.optional(), doc: "Public base URL of the hub, used in links that leave the page." },
  { key: "secureCookies", env: ["PAPERBOARD_SECURE_COOKIES"], schema: bool, default: false, doc: "Mark session and CSRF cookies Secure on every response. Off: they are Secure only on HTTPS requests (or X-Forwarded-Proto: https with trustProxy)." },
  { key: "trustProxy", env: ["PAPERBOARD_TRUST_PROXY"], schema: bool, default: false, doc: "The hub runs behind a reverse proxy: take the client address from the last X-Forwarded-For entry (the one your proxy added; assumes one proxy) and the scheme from X-Forwarded-Proto. Leave off when clients reach the hub directly, or they can forge both." },
  { key: "sessionDays", env: ["PAPERBOARD_SESSION_DAYS"], schema: int(1, 365), default: 30, doc: "Days a sign-in lasts without a visit; each visit extends it (sliding expiry)." },
  { key: "logLevel", env: ["PAPERBOARD_LOG_LEVEL", "LOG_LEVEL"], schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), default: "info", doc: "Log level." },
  { key: "logFormat", env: ["PAPERBOARD_LOG_FORMAT"], schema: z.enum(["auto", "json", "pretty"]), default: "auto", doc: "auto: human-readable on a terminal, JSON otherwise." },
  { key: "feedTimeZone", env: ["PAPERBOARD_FEED_TZ"], schema: timeZone, default: "UTC", doc: "Time zone of the daily feed's calendar." },
  { key: "feedRolloverHour", env: ["PAPERBOARD_FEED_ROLLOVER_HOUR"], schema: int(0, 23), default: 17, doc: "Local hour from which a submission is listed on the next feed day (0 = midnight). 17 matches the public Daily Papers feed in UTC." },
  { key: "trendingHalfLifeHours", env: ["PAPERBOARD_TRENDING_HALF_LIFE_HOURS"], schema: z.coerce.number().positive().max(24 * 365), default: 48, doc: "Hours after which a paper's upvotes, comments and stars count half on the trending page (48: yesterday's papers still trend, last week's fade)." },
  { key: "forYouWindowDays", env: ["PAPERBOARD_FOR_YOU_DAYS"], schema: int(1, 90), default: 14, doc: "The personal \"for you\" list ranks the papers of this many recent feed days (plus recent papers like the reader's likes)." },
  { key: "submitWindowDays", env: ["PAPERBOARD_SUBMIT_WINDOW_DAYS"], schema: int(1, 3650), default: 14, doc: "Papers can be submitted to the feed until this many days after their arXiv publication." },
  { key: "submitDailyLimit", env: ["PAPERBOARD_SUBMIT_DAILY_LIMIT"], schema: int(1, 1000), default: 5, doc: "Most papers one user may submit to the feed in any 24 hours." },
  { key: "apiRateLimit", env: ["PAPERBOARD_API_RATE_LIMIT"], schema: int(1, 100_000).optional(), doc: "JSON API requests a minute from one address without a token (a burst of this many, then refilled evenly). Default 120." },
  { key: "apiTokenRateLimit", env: ["PAPERBOARD_API_TOKEN_RATE_LIMIT"], schema: int(1, 100_000).optional(), doc: "JSON API requests a minute per personal access token (and per signed-in session). Default 600." },
  { key: "smtpUrl", env: ["PAPERBOARD_SMTP_URL"], schema: z.string().regex(/^smtps?:\/\/[^/?#]+/i, "must be smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS)").optional(), secret: true, doc: "Mail server for subscription confirmations and digests: smtp://user:pass@host:587 or smtps://user:pass@host:465 (query options such as ?ignoreTLS=true pass to nodemailer). Empty: no mail, and no subscribe forms." },
  { key: "mailFrom", env: ["PAPERBOARD_MAIL_FROM"], schema: z.string().min(3).max(320).regex(/@/, "must hold an address, e.g. Paperboard <digest@example.org>").optional(), doc: "From header of the hub's mails, e.g. Paperboard <digest@example.org>. Default: paperboard@ the public URL's host." },
  { key: "mailRatePerSecond", env: ["PAPERBOARD_MAIL_RATE_PER_SECOND"], schema: z.coerce.number().min(0).max(10_000), default: 10, doc: "Most digest mails sent per second, spread evenly (relays cap senders: Amazon SES starts at 14/s). 0: no limit." },
  { key: "autosync", env: ["PAPERBOARD_AUTOSYNC"], schema: bool, default: true, doc: "Back-fill the Daily Papers feed in the background when the server starts." },
  { key: "autosyncDays", env: ["PAPERBOARD_AUTOSYNC_DAYS"], schema: int(1, 365), default: 7, doc: "How many days the start-up back-fill covers." },
  { key: "hfApiUrl", env: ["PAPERBOARD_HF_API_URL"], schema: url, default: "https://huggingface.co", doc: "Base URL of the Daily Papers API (…/api/daily_papers)." },
  { key: "arxivOaiUrl", env: ["PAPERBOARD_ARXIV_OAI_URL"], schema: url, default: "https://export.arxiv.org/oai2", doc: "arXiv OAI-PMH endpoint." },
  { key: "arxivApiUrl", env: ["PAPERBOARD_ARXIV_API_URL"], schema: url, default: "https://export.arxiv.org/api/query", doc: "arXiv API query endpoint." },
  { key: "arxivDelayMs", env: ["PAPERBOARD_ARXIV_DELAY_MS"], schema: int(0, 600_000), default: 3000, doc: "Minimum time between requests to arXiv (its terms ask for 3 s; lower values apply only to non-arxiv.org hosts)." },
  { key: "httpTimeoutMs", env: ["PAPERBOARD_HTTP_TIMEOUT_MS"], schema: int(100, 600_000), default: 30_000, doc: "Timeout of one request to a remote source." },
  { key: "searchLexicalWeight", env: ["PAPERBOARD_SEARCH_LEXICAL_WEIGHT"], schema: z.coerce.number().min(0).max(1).optional(), doc: "Weight of full-text ranking in hybrid search (the rest is semantic). Default: 0.4, which measured best on machine-learning papers, rising to 0.65 when the builtin model leans on word vectors learned from the hub's own papers." },
  { key: "searchRerank", env: ["PAPERBOARD_SEARCH_RERANK"], schema: bool, default: true, doc: "Re-rank the top hybrid results with the words of the best of them (pseudo-relevance feedback), strongest for questions worded unlike the papers; keyword queries are left as they are." },
  { key: "embeddingProvider", env: ["PAPERBOARD_EMBEDDING_PROVIDER"], schema: z.enum(["builtin", "onnx", "http"]), default: "builtin", doc: "Where semantic-search vectors come from: builtin (offline, no download), onnx (a sentence-embedding model run in-process) or http (an OpenAI-compatible /v1/embeddings server)." },
  { key: "embeddingModel", env: ["PAPERBOARD_EMBEDDING_MODEL"], schema: z.string().min(1).optional(), doc: "Model name: for onnx a Hugging Face model id (e.g. Xenova/bge-small-en-v1.5) or a local folder; for http the server's model name. Defaults: builtin paperboard-sif-v1, onnx Xenova/all-MiniLM-L6-v2." },
  { key: "embeddingUrl", env: ["PAPERBOARD_EMBEDDING_URL"], schema: url.optional(), doc: "Base URL of the OpenAI-compatible embeddings server for the http provider (…/v1/embeddings is appended unless the URL already ends in /embeddings), e.g. http://127.0.0.1:11434/v1 for Ollama." },
  { key: "embeddingApiKey", env: ["PAPERBOARD_EMBEDDING_API_KEY", "OPENAI_API_KEY"], schema: z.string().min(1).optional(), secret: true, doc: "Bearer token for the http provider." },
  { key: "embeddingDimensions", env: ["PAPERBOARD_EMBEDDING_DIMENSIONS"], schema: int(1, 16384).optional(), doc: "For http models that can shorten their vectors (OpenAI text-embedding-3): the `dimensions` to ask for." },
  { key: "embeddingBatchSize", env: ["PAPERBOARD_EMBEDDING_BATCH_SIZE"], schema: int(1, 2048), default: 32, doc: "Texts per embedding request (http) or per model run (onnx)." },
  { key: "embeddingQueryPrefix", env: ["PAPERBOARD_EMBEDDING_QUERY_PREFIX"], schema: z.string().optional(), doc: "Text put before every query, for models trained with instructions (bge: \"Represent this sentence for searching relevant passages: \", e5: \"query: \")." },
  { key: "embeddingDocumentPrefix", env: ["PAPERBOARD_EMBEDDING_DOCUMENT_PREFIX"], schema: z.string().optional(), doc: "Text put before every paper (e5: \"passage: \")." },
  { key: "embeddingCacheDir", env: ["PAPERBOARD_EMBEDDING_CACHE_DIR"], schema: z.string().min(1).optional(), doc: "Where the onnx provider looks for (and, when allowed, downloads) models. Default: <dataDir>/models." },
  { key: "embeddingAllowDownload", env: ["PAPERBOARD_EMBEDDING_ALLOW_DOWNLOAD"], schema: bool, default: true, doc: "Let the onnx provider download a model from the Hugging Face hub on first use. Off: only local folders and the cache are used." },
  { key: "embeddingTimeoutMs", env: ["PAPERBOARD_EMBEDDING_TIMEOUT_MS"], schema: int(100, 600_000), default: 60_000, doc: "Timeout of one embeddings request (http provider)." },
] as const satisfies readonly Setting[];

export type SettingKey = (typeof SETTINGS)[number]["key"];
