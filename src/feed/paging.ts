// Page numbers of the feed lists: parsed from ?page=, turned into limit/offset, counted.
import { ValidationError } from "../domain/errors.js";
import type { Paging } from "../storage/feed-repo.js";

/** Deep offsets cost the database more than any reader pages through; 1,000 pages of 50 cover any month. */
export const MAX_PAGE = 1000;

export interface PageInfo {
  /** 1-based. */
  page: number;
  /** At least 1, so an empty list still has its one (empty) page. */
  pageCount: number;
  total: number;
}

/** The page number in ?page= (1 when absent); anything but a whole number from 1 to MAX_PAGE is a ValidationError. */
export function parsePage(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 1;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw new ValidationError(`page must be a whole number from 1 to ${MAX_PAGE} (got "${raw.slice(0, 20)}").`);
  }
  return Number(raw);
}

export function paging(page: number, pageSize: number): Paging {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export function pageInfo(page: number, pageSize: number, total: number): PageInfo {
  return { page, pageCount: Math.max(1, Math.ceil(total / pageSize)), total };
}
