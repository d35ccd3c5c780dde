import { useEffect, useState, type ReactNode } from 'react';
import { Pagination } from './govuk';

/**
 * A list already on the page, shown a page at a time (an imported contract can hold hundreds of placements): the
 * items of the current page, their place in the list for captions, and the Previous and Next controls.
 */
export function useLocalPages<T>(items: readonly T[], perPage = 20, of?: string): { shown: T[]; first: number; last: number; pagination: ReactNode } {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  // A list that shrank (a reload, a filter) must not leave the page past its end.
  useEffect(() => {
    if (page >= pages) setPage(pages - 1);
  }, [page, pages]);
  const current = Math.min(page, pages - 1);
  const shown = items.slice(current * perPage, (current + 1) * perPage);
  return {
    shown,
    first: current * perPage + 1,
    last: current * perPage + shown.length,
    pagination: (
      <Pagination of={of} pageNumber={current + 1} previous={current > 0 ? () => setPage(current - 1) : undefined} next={current + 1 < pages ? () => setPage(current + 1) : undefined} />
    ),
  };
}

/** "1 to 20 of 45" for a caption, or nothing when everything fits on one page. */
export function rangeOf({ first, last }: { first: number; last: number }, total: number): string {
  return total > last || first > 1 ? ` (${first} to ${last} of ${total})` : '';
}
