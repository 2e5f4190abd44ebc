/**
 * One page of a list. `nextCursor` is opaque to callers (pass it back unchanged to get the next
 * page) and present only when more items exist. A malformed cursor is a ValidationError on
 * pointer `/cursor`.
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  /** 1–100; adapters clamp larger values. */
  limit: number;
  cursor?: string;
}

export const MAX_PAGE_SIZE = 100;
