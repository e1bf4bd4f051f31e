// "Index this paper": fetching an arXiv paper a reader asked for, at most a few at once, each id once however often it is asked.
import { parseArxivId } from "../domain/arxiv-id.js";
import { RateLimitError, ValidationError } from "../domain/errors.js";
import type { FetchedPaper } from "../ingest/fetch-arxiv-paper.js";

/** Fetches one paper by arXiv id through the importer (fetchArxivPaper bound to the store and the arXiv client). */
export type FetchArxiv = (input: string) => Promise<FetchedPaper>;

/**
 * The arXiv client is paced at one request per 3 s and shared with sync jobs,
 * so requests from the web beyond a few would only queue behind each other
 * (and hold connections open); past the limit the reader is asked to retry.
 */
export const MAX_IN_FLIGHT = 3;
const RETRY_AFTER_SECONDS = 10;

export class PaperIndexer {
  private readonly inFlight = new Map<string, Promise<FetchedPaper>>();

  constructor(private readonly fetchArxiv: FetchArxiv) {}

  /** The paper with this arXiv id (any spelling), fetched when the store lacks it. */
  async index(input: string): Promise<FetchedPaper> {
    const parsed = parseArxivId(input);
    if (!parsed) throw new ValidationError(`"${input.slice(0, 100)}" is not an arXiv id (expected e.g. 2407.21783 or hep-th/9901001).`);
    const running = this.inFlight.get(parsed.id);
    if (running) return running;
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      throw new RateLimitError("Other papers are being fetched from arXiv right now. Please try again in a few seconds.", RETRY_AFTER_SECONDS);
    }
    const job = this.fetchArxiv(parsed.id).finally(() => this.inFlight.delete(parsed.id));
    this.inFlight.set(parsed.id, job);
    return job;
  }
}
