// Which database a migration runs on, for the few migrations whose SQL must differ.
import { SqliteAdapter, type Kysely } from "kysely";

export function dialectOf(db: Kysely<any>): "sqlite" | "postgres" {
  return db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "postgres";
}
