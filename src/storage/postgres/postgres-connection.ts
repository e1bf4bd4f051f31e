// Opens a PostgreSQL database through a pg pool as a Kysely instance.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../schema.js";
import type { StoreCapabilities } from "../store.js";

export const postgresCapabilities: StoreCapabilities = {
  dialect: "postgres",
  // The wire protocol counts parameters in 16 bits.
  maxParams: 65535,
  lexicalSyntax: "tsquery",
};

export interface PostgresOptions {
  url: string;
  /** Schema to work in (sets search_path); tests use a throwaway schema. */
  schema?: string;
  maxConnections?: number;
}

export function openPostgres(opts: PostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.maxConnections ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
