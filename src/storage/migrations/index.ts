// The append-only list of migrations. Never edit or reorder an entry; add a new numbered one.
import type { Migration, MigrationProvider } from "kysely";
import { m0001Papers } from "./0001-papers.js";
import { m0002HubLastListedDay } from "./0002-hub-last-listed-day.js";
import { m0003Search } from "./0003-search.js";
import { m0004Vectors } from "./0004-vectors.js";
import { m0005Community } from "./0005-community.js";
import { m0006FilterIndex } from "./0006-filter-index.js";
import { m0007ApiTokens } from "./0007-api-tokens.js";
import { m0008Subscriptions } from "./0008-subscriptions.js";
import { m0009Personal } from "./0009-personal.js";
import { m0010PostingsChanges } from "./0010-postings-changes.js";

const migrations: Record<string, Migration> = {
  "0001-papers": m0001Papers,
  "0002-hub-last-listed-day": m0002HubLastListedDay,
  "0003-search": m0003Search,
  "0004-vectors": m0004Vectors,
  "0005-community": m0005Community,
  "0006-filter-index": m0006FilterIndex,
  "0007-api-tokens": m0007ApiTokens,
  "0008-subscriptions": m0008Subscriptions,
  "0009-personal": m0009Personal,
  "0010-postings-changes": m0010PostingsChanges,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
