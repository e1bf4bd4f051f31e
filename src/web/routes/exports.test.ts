// One paper as BibTeX, RIS and CSL-JSON at /papers/{id}.{bib,ris,csl.json}; the admins' streamed JSON-lines download.
import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HIDDEN_ID, seedExportStore } from "../../export/test-support/export-fixtures.js";
import { exportApp } from "../../export/test-support/export-app.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { WebClient } from "../test-support/web-client.js";

const backend = sqliteBackend();
let store: Store;
const app = () => exportApp(store);
const get = (path: string) => app().request(`http://hub.test${path}`);

beforeAll(async () => {
  store = await backend.open();
  await seedExportStore(store);
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("GET /papers/{id}.bib|.ris|.csl.json", () => {
  it("gives one paper as BibTeX that a BibTeX parser reads back", async () => {
    const res = await get("/papers/2406.00001.bib");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-bibtex; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="2406.00001.bib"');
    const lib = parseBibtex(await res.text(), { english: false });
    expect(lib.errors).toEqual([]);
    const [e] = lib.entries;
    expect(e!.key).toBe("muller2024script");
    expect(e!.fields.title).toBe("R&D <script>alert(1)</script> at 100% of O(n²) for #1_top ~ BERT & co");
    expect(e!.fields.author![0]).toEqual({ lastName: "Müller", firstName: "Jörg" });
    expect(e!.fields.author![1]).toEqual({ lastName: "O'Brien", firstName: "Patrick" });
    expect(e!.fields.doi).toBe("10.1000/x_y");
  });

  it("takes old-style ids with a slash and other spellings of an arXiv id", async () => {
    const ris = await get("/papers/hep-th/9901001.ris");
    expect(ris.status).toBe(200);
    expect(ris.headers.get("content-type")).toBe("application/x-research-info-systems; charset=utf-8");
    expect(await ris.text()).toContain("AN  - arXiv:hep-th/9901001\r\n");
    const csl = await get("/papers/hep-th/9901001v2.csl.json");
    expect(csl.status).toBe(200);
    expect(csl.headers.get("content-type")).toBe("application/vnd.citationstyles.csl+json; charset=utf-8");
    expect(JSON.parse(await csl.text())).toMatchObject([{ id: "king1999strings", number: "arXiv:hep-th/9901001" }]);
  });

  it("answers 404 for unknown and hidden papers, and leaves the paper page alone", async () => {
    expect((await get("/papers/2406.99999.bib")).status).toBe(404);
    expect((await get(`/papers/${HIDDEN_ID}.ris`)).status).toBe(404);
    const page = await get("/papers/2406.00001");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});

describe("GET /admin/export.jsonl", () => {
  it("is refused to visitors and to signed-in users who are not admins", async () => {
    expect((await get("/admin/export.jsonl")).status).toBe(403);
    const user = new WebClient(app());
    await user.signUp("carol");
    expect((await user.get("/admin/export.jsonl")).status).toBe(403);
  });

  it("streams every paper (hidden ones too) as JSON lines to an admin, or as Kaggle lines", async () => {
    const admin = new WebClient(app());
    await admin.signUp("alice");
    await store.db.updateTable("users").set({ role: "admin" }).where("name", "=", "alice").execute();
    const res = await admin.get("/admin/export.jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="paperboard-jsonl-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { id: string; hub: unknown });
    expect(lines.map((l) => l.id).sort()).toEqual(["2406.00001", "2406.00002", "2406.00003", HIDDEN_ID, "hep-th/9901001"].sort());
    expect(lines.find((l) => l.id === "2406.00001")!.hub).toMatchObject({ feedDay: "2024-06-05", upvotes: 12 });
    const kaggle = await admin.get("/admin/export.jsonl?format=kaggle");
    expect((await kaggle.text()).trim().split("\n").map((l) => (JSON.parse(l) as { versions: unknown[] }).versions.length)).toEqual([1, 1, 1, 1, 1]);
    expect((await admin.get("/admin/export.jsonl?format=csv")).status).toBe(400);
  });
});
