// Alerts as searches: the query each followed search, author, category or organisation runs, and the reason line each paper gets.
import type { StoredPaper } from "../domain/paper.js";
import type { SearchSort } from "../search/search-service.js";
import type { LexicalFilters } from "../storage/lexical-index.js";
import type { Follow } from "../subscriptions/follow.js";
import { searchLabel } from "../subscriptions/follow.js";

export interface AlertQuery {
  text: string;
  sort: SearchSort;
  filters: LexicalFilters;
}

/**
 * The search behind an alert, limited to papers published on or after
 * `since` (a saved search's own "after" wins when later). A saved search
 * keeps its relevance order; the others list the newest first.
 */
export function alertQuery(f: Follow, since: string): AlertQuery | null {
  switch (f.kind) {
    case "search": {
      const after = f.after && f.after > since ? f.after : since;
      if (f.before && f.before < after) return null;
      return { text: f.q, sort: "relevance", filters: { after, before: f.before, categories: f.category ? [f.category] : [], hasCode: f.hasCode } };
    }
    case "author":
      return { text: "", sort: "date", filters: { after: since, authors: [f.name] } };
    case "category":
      return { text: "", sort: "date", filters: { after: since, categories: [f.category] } };
    case "organisation":
      return { text: "", sort: "date", filters: { after: since, organizations: [f.name] } };
    default:
      return null;
  }
}

/** "matches your search 'state space models'", "new paper by Yann LeCun", "in cs.CL", "from Meta AI". */
export function alertReason(f: Follow, paper: StoredPaper): string {
  switch (f.kind) {
    case "search":
      return `matches your search '${searchLabel(f)}'`;
    case "author": {
      const want = f.name.toLowerCase();
      const author = paper.authors.find((a) => a.name.toLowerCase().includes(want));
      return `new paper by ${author?.name ?? f.name}`;
    }
    case "category": {
      const cats = [paper.primaryCategory, ...paper.categories].filter((c): c is string => !!c);
      const hit = cats.find((c) => c.toLowerCase() === f.category || c.toLowerCase().startsWith(`${f.category}.`));
      return `in ${hit ?? f.category}`;
    }
    case "organisation": {
      const org = paper.hub?.organization;
      return `from ${org?.fullname || org?.name || f.name}`;
    }
    default:
      return "";
  }
}
