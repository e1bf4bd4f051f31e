// An in-memory SQLite FTS5 table shaped like the search index (title, abstract, authors), for query tests.
import Database from "better-sqlite3";

export interface Fts5Row {
  title: string;
  abstract: string;
  authors: string;
}

export interface Fts5Table {
  /** Row ids (1-based insertion order) matching the expression; throws what SQLite throws. */
  match(expression: string): number[];
  insert(row: Fts5Row): number;
  close(): void;
}

export function openFts5Table(rows: readonly Fts5Row[]): Fts5Table {
  const db = new Database(":memory:");
  db.exec(
    "CREATE VIRTUAL TABLE t USING fts5(title, abstract, authors, tokenize='porter unicode61 remove_diacritics 2')",
  );
  const insert = db.prepare("INSERT INTO t (title, abstract, authors) VALUES (?, ?, ?)");
  const select = db.prepare("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid").pluck();
  const table: Fts5Table = {
    match: (expression) => select.all(expression) as number[],
    insert: (row) => Number(insert.run(row.title, row.abstract, row.authors).lastInsertRowid),
    close: () => db.close(),
  };
  for (const row of rows) table.insert(row);
  return table;
}
