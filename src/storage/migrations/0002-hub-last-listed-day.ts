// Migration 0002: remember the newest listing day of each paper's hub facts, so older listings cannot roll counters back.
import type { Kysely, Migration } from "kysely";

export const m0002HubLastListedDay: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable("paper_hub").addColumn("last_listed_day", "text").execute();
    await db.updateTable("paper_hub").set((eb) => ({ last_listed_day: eb.ref("feed_day") })).execute();
  },
};
