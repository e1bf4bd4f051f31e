// Submitting papers against every backend, fetching unknown ones from a local server that speaks the arXiv Atom API.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { fetchArxivPaper } from "../ingest/fetch-arxiv-paper.js";
import { ImportPipeline } from "../ingest/import-pipeline.js";
import { send, useFixtureServer } from "../ingest/sync/__fixtures__/fixture-server.js";
import { PoliteHttp } from "../ingest/sync/polite-http.js";
import type { SyncDeps } from "../ingest/sync/sync-deps.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { CommunityService } from "./community-service.js";
import { AlreadyOnFeedError } from "./submissions.js";
import { insertPaper, insertUser, type TestUser } from "./test-support/community-fixtures.js";

// 18:30 UTC: past the 17:00 rollover, so today's submissions land on the next feed day.
const NOW = new Date("2024-08-05T18:30:00.000Z");
const ATOM = "application/atom+xml; charset=utf-8";

/** An arXiv API answer holding one entry per known id, published on the given instant. */
function atomFor(ids: string[], published: Record<string, string>): string {
  const entries = ids
    .filter((id) => published[id])
    .map(
      (id) => `<entry>
    <id>http://arxiv.org/abs/${id}v1</id>
    <updated>${published[id]}</updated>
    <published>${published[id]}</published>
    <title>Paper ${id} &lt;b&gt;</title>
    <summary>Abstract of ${id}.</summary>
    <author><name>Grace Hopper</name></author>
    <link href="http://arxiv.org/abs/${id}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${id}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>ArXiv Query</title>
  <id>http://arxiv.org/api/test</id>
  <updated>2024-08-05T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  ${entries.join("\n")}
</feed>`;
}

const PUBLISHED: Record<string, string> = {
  "2408.01234": "2024-08-01T17:59:00Z",
  "2407.11111": "2024-07-10T12:00:00Z",
  "2408.00001": "2024-08-02T00:00:00Z",
  "2408.00002": "2024-08-02T00:00:00Z",
  "2408.00003": "2024-08-02T00:00:00Z",
};

const server = useFixtureServer();

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`SubmissionService: ${backend.name}`, () => {
    let store: Store;
    let svc: CommunityService;
    let ann: TestUser;
    let now = NOW;
    beforeEach(async () => {
      store = await backend.open();
      now = NOW;
      server.handle((_req, res, a) => send(res, atomFor((a.query.get("id_list") ?? "").split(","), PUBLISHED), ATOM));
      const deps: SyncDeps = {
        sink: new ImportPipeline(store),
        state: store,
        http: new PoliteHttp({ userAgent: "paperboard-test/1.0", minIntervalMs: 0, timeoutMs: 2000, maxAttempts: 1 }),
        urls: { arxivOai: `${server.url}/oai2`, arxivApi: `${server.url}/api/query`, hfApi: server.url },
      };
      svc = new CommunityService(store, {
        feedRule: { timeZone: "UTC", rolloverHour: 17 },
        submitWindowDays: 14,
        submitDailyLimit: 2,
        fetchPaper: async (id) => (await fetchArxivPaper(store, deps, id)).paper,
        now: () => now,
      });
      ann = await insertUser(store, "ann", { displayName: "Ann A." });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("fetches an unknown paper from arXiv and places it on the current feed day", async () => {
      const r = await svc.submissions.submit(ann, "https://arxiv.org/abs/2408.01234v1");
      expect(r.feedDay).toBe("2024-08-06");
      expect(r.paper).toMatchObject({ id: "2408.01234", title: "Paper 2408.01234 <b>" });
      expect(server.arrivals.map((a) => a.query.get("id_list"))).toEqual(["2408.01234"]);
      const stored = await store.getPaper("2408.01234");
      expect(stored!.hub).toMatchObject({
        feedDay: "2024-08-06",
        submittedAt: NOW.toISOString(),
        submittedBy: { name: "ann", fullname: "Ann A." },
        upvotes: null,
      });
      expect((await svc.profile("ann", null))!.submitted.map((p) => p.id)).toEqual(["2408.01234"]);
    });

    it("uses the stored paper without asking arXiv", async () => {
      await insertPaper(store, "2408.05555", { publishedAt: "2024-08-04T00:00:00.000Z" });
      const r = await svc.submissions.submit(ann, "arXiv:2408.05555");
      expect(r.paper.id).toBe("2408.05555");
      expect(server.arrivals).toHaveLength(0);
    });

    it("refuses a paper already on a feed day, with its id and day, before any request", async () => {
      await insertPaper(store, "2408.01234", { hub: { feedDay: "2024-08-02", upvotes: 7 } });
      const err = await svc.submissions.submit(ann, "2408.01234").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AlreadyOnFeedError);
      expect(err).toMatchObject({ paperId: "2408.01234", feedDay: "2024-08-02", message: "2408.01234 is already on the feed of 2024-08-02." });
      await svc.submissions.submit(ann, "2408.00001");
      const bob = await insertUser(store, "bob");
      await expect(svc.submissions.submit(bob, "https://arxiv.org/pdf/2408.00001v2.pdf")).rejects.toMatchObject({ paperId: "2408.00001", feedDay: "2024-08-06" });
      expect(server.arrivals).toHaveLength(1);
    });

    it("refuses papers published before the window", async () => {
      await expect(svc.submissions.submit(ann, "2407.11111")).rejects.toThrow(
        "2407.11111 was published on arXiv on 2024-07-10, 26 days ago; papers can be submitted within 14 days of publication.",
      );
      expect(await store.getPaper("2407.11111")).not.toBeNull();
      expect((await store.getPaper("2407.11111"))!.hub).toBeNull();
    });

    it("refuses a user's submissions past the daily limit until 24 hours have passed", async () => {
      await svc.submissions.submit(ann, "2408.00001");
      now = new Date(NOW.getTime() + 3_600_000);
      await svc.submissions.submit(ann, "2408.00002");
      await expect(svc.submissions.submit(ann, "2408.00003")).rejects.toThrow(
        "You can submit at most 2 papers in 24 hours and have submitted 2; you can submit again after 2024-08-06 18:30 UTC.",
      );
      expect(server.arrivals).toHaveLength(2);
      now = new Date(NOW.getTime() + 86_400_000 + 1000);
      expect((await svc.submissions.submit(ann, "2408.00003")).feedDay).toBe("2024-08-07");
    });

    it("lets no more than the daily limit through when one user submits several at once", async () => {
      const ids = ["2408.07001", "2408.07002", "2408.07003", "2408.07004"];
      for (const id of ids) await insertPaper(store, id, { publishedAt: "2024-08-04T00:00:00.000Z" });
      const results = await Promise.allSettled(ids.map((id) => svc.submissions.submit(ann, id)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      for (const r of results.filter((x) => x.status === "rejected")) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
        expect(String((r as PromiseRejectedResult).reason.message)).toMatch(/at most 2 papers in 24 hours/);
      }
    });

    it("explains input that is no arXiv id, and ids arXiv does not know", async () => {
      await expect(svc.submissions.submit(ann, "https://example.org/paper")).rejects.toBeInstanceOf(ValidationError);
      await expect(svc.submissions.submit(ann, "2408.99999")).rejects.toBeInstanceOf(NotFoundError);
    });

    it("refuses a banned user and a hidden paper", async () => {
      const mod = await insertUser(store, "mo", { role: "moderator" });
      await insertPaper(store, "2408.05555", { publishedAt: "2024-08-04T00:00:00.000Z" });
      await svc.moderation.hidePaper(mod, "2408.05555");
      await expect(svc.submissions.submit(ann, "2408.05555")).rejects.toThrow(/hidden by a moderator/);
      await svc.moderation.banUser(mod, "ann");
      await expect(svc.submissions.submit(ann, "2408.01234")).rejects.toThrow(/suspended/);
    });

    it("only places stored papers when no fetcher is configured", async () => {
      const local = new CommunityService(store, { now: () => now });
      await expect(local.submissions.submit(ann, "2408.01234")).rejects.toThrow(/does not fetch papers from arXiv/);
      expect(server.arrivals).toHaveLength(0);
    });
  });
}
