// Migration 0010: a log of changed and deleted papers, for the in-memory postings index (search/postings).
//
// The postings index covers new papers by seq, like the FTS index; a paper
// whose text, categories or date changed, or that was deleted, is appended
// here by trigger. Each index remembers the last entry it applied, so several
// processes (a server, a CLI import) can each catch up from their own place.
// PostgreSQL gets the same table and triggers, so both schemas stay alike.
import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "./dialect-of.js";

const WATCHED = ["title", "abstract", "author_names", "categories", "published_at"];

export const m0010PostingsChanges: Migration = {
  async up(db: Kysely<any>) {
    const changed = WATCHED.map((c) => `old.${c} IS DISTINCT FROM new.${c}`).join(" OR ");
    if (dialectOf(db) === "sqlite") {
      await sql`CREATE TABLE postings_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL)`.execute(db);
      await sql.raw(
        `CREATE TRIGGER postings_changes_update AFTER UPDATE OF ${WATCHED.join(", ")} ON papers
         WHEN ${changed.replaceAll("IS DISTINCT FROM", "IS NOT")}
         BEGIN INSERT INTO postings_changes (seq) VALUES (new.seq); END`,
      ).execute(db);
      await sql`CREATE TRIGGER postings_changes_delete AFTER DELETE ON papers BEGIN INSERT INTO postings_changes (seq) VALUES (old.seq); END`.execute(db);
      return;
    }
    await sql`CREATE TABLE postings_changes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seq integer NOT NULL)`.execute(db);
    await sql.raw(
      `CREATE FUNCTION postings_changes_log() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN INSERT INTO postings_changes (seq) VALUES (OLD.seq); RETURN OLD; END IF;
         IF ${changed.replaceAll("old.", "OLD.").replaceAll("new.", "NEW.")} THEN INSERT INTO postings_changes (seq) VALUES (NEW.seq); END IF;
         RETURN NEW;
       END $$`,
    ).execute(db);
    await sql`CREATE TRIGGER postings_changes_log AFTER UPDATE OR DELETE ON papers FOR EACH ROW EXECUTE FUNCTION postings_changes_log()`.execute(db);
  },
};
