// The parser for each import format, in one table the import pipeline looks formats up in.
import type { ImportFormat, Parser } from "../../domain/ingest-types.js";
import { parseArxivAtom } from "./arxiv-atom.js";
import { parseArxivOai } from "./arxiv-oai.js";
import { parseHfDaily } from "./hf-daily.js";
import { parseGenericJsonl } from "./jsonl.js";
import { parseKaggle } from "./kaggle.js";
import { parseListing } from "./listing.js";

export const parsers: Record<ImportFormat, Parser> = {
  kaggle: parseKaggle,
  "arxiv-atom": parseArxivAtom,
  "arxiv-oai": parseArxivOai,
  "hf-daily": parseHfDaily,
  listing: parseListing,
  jsonl: parseGenericJsonl,
};
