import { describe, expect, it } from "vitest";
import { IMPORT_FORMATS } from "../../domain/ingest-types.js";
import { parseHfDaily } from "./hf-daily.js";
import { parsers } from "./index.js";
import { parseGenericJsonl } from "./jsonl.js";
import { parseKaggle } from "./kaggle.js";
import { parseListing } from "./listing.js";

describe("parsers", () => {
  it("has a parser for every import format", () => {
    expect(Object.keys(parsers).sort()).toEqual([...IMPORT_FORMATS].sort());
    for (const f of IMPORT_FORMATS) expect(typeof parsers[f]).toBe("function");
    expect(parsers.kaggle).toBe(parseKaggle);
    expect(parsers["hf-daily"]).toBe(parseHfDaily);
    expect(parsers.listing).toBe(parseListing);
    expect(parsers.jsonl).toBe(parseGenericJsonl);
  });
});
