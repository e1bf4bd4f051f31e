// Finding one paper for the API and its Markdown view: by id or any arXiv spelling of it, hidden papers refused.
import { parseArxivId } from "../domain/arxiv-id.js";
import { NotFoundError } from "../domain/errors.js";
import type { FeedService } from "../feed/feed-service.js";
import type { Store } from "../storage/store.js";
import type { ShownPaper } from "./daily-papers-shapes.js";

export async function shownPaper(store: Pick<Store, "getPaper">, feed: Pick<FeedService, "visible">, id: string): Promise<ShownPaper> {
  let paper = await store.getPaper(id);
  const arxiv = paper ? null : parseArxivId(id);
  if (arxiv && arxiv.id !== id) paper = await store.getPaper(arxiv.id);
  const [shown] = paper ? await feed.visible([paper]) : [];
  if (!shown) throw new NotFoundError(`No paper with id ${id} in this hub.`);
  return shown;
}
