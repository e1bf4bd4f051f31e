// Absolute links to the hub for mails (PAPERBOARD_PUBLIC_URL): papers, the page a digest comes from, and the signed subscription links.
import type { Follow } from "./follow.js";

export class HubLinks {
  readonly base: string;

  constructor(publicUrl: string) {
    this.base = publicUrl.replace(/\/+$/, "");
  }

  /** The host, for Message-IDs and List-Ids. */
  get host(): string {
    return new URL(this.base).hostname;
  }

  /** A paper's page; old-style ids keep their slash (hep-th/9901001), each segment encoded. */
  paper(id: string): string {
    return `${this.base}/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
  }

  confirm(token: string): string {
    return `${this.base}/subscriptions/confirm?token=${encodeURIComponent(token)}`;
  }

  /** The RFC 8058 one-click URL: a POST unsubscribes, a GET shows a page with a button. */
  unsubscribe(token: string): string {
    return `${this.base}/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  manage(token: string): string {
    return `${this.base}/subscriptions/manage?token=${encodeURIComponent(token)}`;
  }

  /** The hub page listing what a subscription follows. */
  followPage(f: Follow): string {
    const search = (params: Record<string, string>) => `${this.base}/papers/search?${new URLSearchParams(params)}`;
    switch (f.kind) {
      case "trending":
        return `${this.base}/papers/trending`;
      case "for-you":
        return `${this.base}/papers/for-you`;
      case "search": {
        const p: Record<string, string> = { q: f.q };
        if (f.after) p.after = f.after;
        if (f.before) p.before = f.before;
        if (f.category) p.category = f.category;
        if (f.hasCode) p.code = "1";
        return search(p);
      }
      case "author":
        return search({ q: `author:"${f.name.replace(/"/g, "")}"`, sort: "date" });
      case "category":
        return search({ q: "", category: f.category, sort: "date" });
      case "organisation":
        return `${this.base}/orgs/${encodeURIComponent(f.name)}`;
    }
  }
}
