import type { Page } from '../../shared/ports/page';
import { encodeCursor } from './table-layout';

/**
 * Builds a page from up to limit + 1 candidates: the extra one only proves that more exist.
 * The cursor is the sort key of the last item returned.
 */
export function toPage<T>(candidates: T[], limit: number, sortKeyOf: (item: T) => string): Page<T> {
  if (candidates.length <= limit) return { items: candidates };
  const items = candidates.slice(0, limit);
  const last = items[items.length - 1];
  return last === undefined ? { items } : { items, nextCursor: encodeCursor(sortKeyOf(last)) };
}
