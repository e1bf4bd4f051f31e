// The Store written once over Kysely; what differs between SQLite and Postgres comes in as capabilities.
import { Migrator, type Kysely, type Transaction } from "kysely";
import { isOlderListing, mergeHub, mergePaper } from "../domain/paper-merge.js";
import type { HubFacts, ImportRecord, Paper, StoredPaper } from "../domain/paper.js";
import { titleId } from "../domain/title.js";
import { migrationProvider } from "./migrations/index.js";
import {
  HUB_ROW_COLUMNS,
  ID,
  PAPER_READ_COLUMNS,
  PAPER_ROW_COLUMNS,
  TITLE,
  TITLE_KEY,
  hubToFields,
  paperToFields,
  prepareRecord,
  preparedHub,
  preparedPaper,
  rowToHub,
  rowToPaper,
  sameFields,
  toStoredPaper,
  type HubRow,
  type PaperRow,
  type PreparedRecord,
} from "./paper-rows.js";
import { ValidationError } from "../domain/errors.js";
import type { LexicalIndex } from "./lexical-index.js";
import type { RowWriter } from "./row-writer.js";
import type { Database } from "./schema.js";
import type { VectorStore } from "./vector-store.js";
import type { ListPapersOptions, PaperPage, Store, StoreCapabilities, UpsertOutcome } from "./store.js";

export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly capabilities: StoreCapabilities,
    private readonly rowWriter: RowWriter,
    readonly lexical: LexicalIndex,
    readonly vectors: VectorStore,
    /** Schema holding Kysely's migration tables (Postgres with a non-default search_path). */
    private readonly migrationSchema?: string,
  ) {}

  /** Applies pending migrations; throws with the failing migration's name. */
  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider,
      ...(this.migrationSchema ? { migrationTableSchema: this.migrationSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
      throw new Error(`database migration ${failed} failed: ${String(error)}`, { cause: error });
    }
  }

  async upsertPapers(records: ImportRecord[]): Promise<UpsertOutcome[]> {
    return this.upsertPrepared(records.map(prepareRecord));
  }

  async upsertPrepared(batch: PreparedRecord[]): Promise<UpsertOutcome[]> {
    if (batch.length === 0) return [];
    return this.db.transaction().execute((trx) => this.upsertIn(trx, batch));
  }

  private async upsertIn(trx: Transaction<Database>, batch: PreparedRecord[]): Promise<UpsertOutcome[]> {
    const ids = await this.resolveIds(trx, batch);
    const existingPapers = new Map<string, PaperRow>();
    const existingHubs = new Map<string, HubRow>();
    const unique = [...new Set(ids)];
    const withHub = batch.some((r) => r.hub);
    for (const chunk of chunks(unique, 900)) {
      for (const r of await trx.selectFrom("papers").select(PAPER_READ_COLUMNS).where("id", "in", chunk).execute()) existingPapers.set(r.id, r);
      // Hub rows only matter to records that bring hub facts (not, say, a Kaggle snapshot).
      if (!withHub) continue;
      for (const r of await trx.selectFrom("paper_hub").selectAll().where("paper_id", "in", chunk).execute())
        existingHubs.set(r.paper_id, r);
    }
    const occurrences = new Map<string, number>();
    for (const id of ids) occurrences.set(id, (occurrences.get(id) ?? 0) + 1);

    const now = new Date().toISOString();
    const paperRows: unknown[][] = [];
    const hubRows: unknown[][] = [];
    // Records that need merging, applied in order to an in-memory view so duplicates within a batch merge like separate runs.
    const papers = new Map<string, Paper>();
    const hubs = new Map<string, HubFacts | null>();
    const outcomes: UpsertOutcome[] = [];
    batch.forEach((rec, i) => {
      const id = ids[i]!;
      if (!existingPapers.has(id) && occurrences.get(id) === 1) {
        // The bulk-import path: a paper new to the store, written as prepared.
        const row = rec.paper.slice();
        row[ID] = id;
        row.push(now, now);
        paperRows.push(row);
        if (rec.hub) {
          const hubRow = rec.hub.slice();
          hubRow[0] = id;
          hubRow.push(now);
          hubRows.push(hubRow);
        }
        outcomes.push("inserted");
        return;
      }
      const prevPaper = papers.get(id) ?? (existingPapers.has(id) ? rowToPaper(existingPapers.get(id)!) : undefined);
      const prevHubRow = existingHubs.get(id);
      const prevHub = hubs.has(id) ? hubs.get(id)! : prevHubRow ? rowToHub(prevHubRow) : null;
      const incomingHub = rec.hub ? preparedHub(rec.hub) : undefined;
      const incoming = preparedPaper(rec.paper);
      incoming.id = id;
      const nextPaper = mergePaper(prevPaper, incoming, isOlderListing(prevHub, incomingHub));
      const nextHub = mergeHub(prevHub, incomingHub);
      papers.set(id, nextPaper);
      hubs.set(id, nextHub);
      if (!prevPaper) outcomes.push("inserted");
      else {
        const paperChanged = !sameFields(paperToFields(prevPaper), paperToFields(nextPaper));
        const hubChanged = nextHub != null && (prevHub == null || !sameFields(hubToFields(id, prevHub), hubToFields(id, nextHub)));
        outcomes.push(paperChanged || hubChanged ? "updated" : "unchanged");
      }
    });

    for (const [id, paper] of papers) {
      const old = existingPapers.get(id);
      const row: Omit<PaperRow, "seq"> = { ...paperToFields(paper), created_at: old?.created_at ?? now, modified_at: now };
      if (!old || !sameFields(row, old, PAPER_TIMES)) paperRows.push(PAPER_ROW_COLUMNS.map((c) => row[c]));
      const hub = hubs.get(id);
      if (hub) {
        const hubRow: HubRow = { ...hubToFields(id, hub), modified_at: now };
        const oldHub = existingHubs.get(id);
        if (!oldHub || !sameFields(hubRow, oldHub, HUB_TIMES)) hubRows.push(HUB_ROW_COLUMNS.map((c) => hubRow[c]));
      }
    }
    // Papers first: hub rows reference them.
    await this.rowWriter.upsert(trx, "papers", PAPER_ROW_COLUMNS, paperRows);
    await this.rowWriter.upsert(trx, "paper_hub", HUB_ROW_COLUMNS, hubRows);
    return outcomes;
  }

  /** Ids for a batch: the record's own id, else an existing paper with the same normalised title, else titleId. */
  private async resolveIds(trx: Transaction<Database>, batch: PreparedRecord[]): Promise<string[]> {
    const keyless = batch.filter((r) => !r.paper[ID]);
    const byKey = new Map<string, string>();
    if (keyless.length > 0) {
      const keys = [...new Set(keyless.map((r) => r.paper[TITLE_KEY] as string))];
      for (const chunk of chunks(keys, 900)) {
        const rows = await trx.selectFrom("papers").select(["id", "title_key"]).where("title_key", "in", chunk).orderBy("id").execute();
        for (const r of rows) if (!byKey.has(r.title_key)) byKey.set(r.title_key, r.id);
      }
    }
    return batch.map((r) => {
      if (r.paper[ID]) return r.paper[ID] as string;
      const key = r.paper[TITLE_KEY] as string;
      let id = byKey.get(key);
      if (!id) {
        id = titleId(r.paper[TITLE] as string);
        byKey.set(key, id);
      }
      return id;
    });
  }

  async getPaper(id: string): Promise<StoredPaper | null> {
    const p = await this.db.selectFrom("papers").select(PAPER_READ_COLUMNS).where("id", "=", id).executeTakeFirst();
    if (!p) return null;
    const h = await this.db.selectFrom("paper_hub").selectAll().where("paper_id", "=", id).executeTakeFirst();
    return toStoredPaper(p, h);
  }

  async getPapers(ids: string[]): Promise<StoredPaper[]> {
    const rows = new Map<string, PaperRow>();
    for (const chunk of chunks([...new Set(ids)], 900)) {
      for (const r of await this.db.selectFrom("papers").select(PAPER_READ_COLUMNS).where("id", "in", chunk).execute()) rows.set(r.id, r);
    }
    const found = ids.map((id) => rows.get(id)).filter((r): r is PaperRow => r !== undefined);
    return this.attachHubs(found);
  }

  async listPapers(opts: ListPapersOptions): Promise<PaperPage> {
    const limit = Math.max(1, Math.min(opts.limit, 1000));
    let q = this.db
      .selectFrom("papers")
      .select(PAPER_READ_COLUMNS)
      .orderBy("published_at", (ob) => ob.desc().nullsLast())
      .orderBy("id", "desc")
      .limit(limit + 1);
    const after = decodeCursor(opts.cursor);
    if (after && after.at === null) {
      q = q.where((eb) => eb.and([eb("published_at", "is", null), eb("id", "<", after.id)]));
    } else if (after) {
      const at = after.at;
      q = q.where((eb) =>
        eb.or([
          eb("published_at", "<", at),
          eb.and([eb("published_at", "=", at), eb("id", "<", after.id)]),
          eb("published_at", "is", null),
        ]),
      );
    }
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    const papers = await this.attachHubs(page);
    const last = page[page.length - 1];
    return { papers, nextCursor: rows.length > limit && last ? encodeCursor(last.published_at, last.id) : null };
  }

  private async attachHubs(rows: PaperRow[]): Promise<StoredPaper[]> {
    const hubs = new Map<string, HubRow>();
    for (const chunk of chunks(rows.map((r) => r.id), 900)) {
      for (const h of await this.db.selectFrom("paper_hub").selectAll().where("paper_id", "in", chunk).execute()) hubs.set(h.paper_id, h);
    }
    return rows.map((r) => toStoredPaper(r, hubs.get(r.id)));
  }

  async countPapers(): Promise<number> {
    const r = await this.db.selectFrom("papers").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async samplePapers(count: number): Promise<StoredPaper[]> {
    const top = await this.db.selectFrom("papers").select((eb) => eb.fn.max("seq").as("top")).executeTakeFirst();
    const max = Number(top?.top ?? 0);
    if (!(max > 0) || count <= 0) return [];
    // Evenly spaced seqs: a lookup each, so the sample costs the same in a hub of any size.
    const step = Math.max(1, max / count);
    const seqs = [...new Set(Array.from({ length: Math.min(count, max) }, (_, k) => 1 + Math.floor(k * step)))];
    const rows: PaperRow[] = [];
    for (const chunk of chunks(seqs, 900)) rows.push(...(await this.db.selectFrom("papers").select(PAPER_READ_COLUMNS).where("seq", "in", chunk).execute()));
    return this.attachHubs(rows);
  }

  async *streamPapers(pageSize = 1000): AsyncIterable<StoredPaper> {
    let after: string | null = null;
    for (;;) {
      let q = this.db.selectFrom("papers").select(PAPER_READ_COLUMNS).orderBy("id").limit(pageSize);
      if (after !== null) q = q.where("id", ">", after);
      const rows = await q.execute();
      if (rows.length === 0) return;
      yield* await this.attachHubs(rows);
      after = rows[rows.length - 1]!.id;
      if (rows.length < pageSize) return;
    }
  }

  async getSyncState(key: string): Promise<string | null> {
    const r = await this.db.selectFrom("sync_state").select("value").where("key", "=", key).executeTakeFirst();
    return r?.value ?? null;
  }

  async setSyncState(key: string, value: string): Promise<void> {
    const updated_at = new Date().toISOString();
    await this.db
      .insertInto("sync_state")
      .values({ key, value, updated_at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Row bookkeeping columns that do not count as a change. */
const PAPER_TIMES = new Set(["created_at", "modified_at"]);
const HUB_TIMES = new Set(["modified_at"]);

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  const n = Math.max(1, size);
  for (let i = 0; i < items.length; i += n) yield items.slice(i, i + n);
}

function encodeCursor(at: string | null, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: string | null; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && (typeof v[0] === "string" || v[0] === null) && typeof v[1] === "string") return { at: v[0], id: v[1] };
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError(`invalid cursor: ${cursor.slice(0, 40)}`);
}

