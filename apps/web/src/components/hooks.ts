import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type Page } from '../lib/api-client';
import { newUuid } from '../lib/ids';

export type Async<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

/**
 * Loads data when its inputs change; a later answer never overwrites a newer one. A reload (after a command)
 * keeps showing the data it has until the new answer comes, so the page and the focus stay where they were.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> & { reload(): void } {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reloading = useRef(false);
  useEffect(() => {
    let current = true;
    if (!reloading.current) setState({ status: 'loading' });
    reloading.current = false;
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
    // The caller names the inputs that should trigger a reload, as with useEffect.
  }, [...deps, generation]);
  const reload = useCallback(() => {
    reloading.current = true;
    setGeneration((value) => value + 1);
  }, []);
  return { ...state, reload };
}

/** Cursor paging with a way back: the cursors of the pages before this one are kept in order. */
export function usePagedList<P extends Page<unknown>>(loadPage: (cursor: string | null) => Promise<P>, deps: readonly unknown[]) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  // A change of list (new filters) starts again from its first page.
  useEffect(() => setCursors([null]), deps);
  const page = useAsync(() => loadPage(cursor), [...deps, cursor]);
  const nextCursor = page.status === 'ready' ? page.data.next : null;
  return {
    page,
    pageNumber: cursors.length,
    previous: cursors.length > 1 ? () => setCursors((list) => list.slice(0, -1)) : undefined,
    next: page.status === 'ready' && page.data.next !== null ? () => setCursors((list) => [...list, nextCursor]) : undefined,
  };
}

/**
 * A form's submission: one idempotency key per attempt at the same command (a double click or a retry after a
 * lost answer is one effect), a fresh one after success.
 */
export function useCommand() {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const key = useRef(newUuid());
  const submit = useCallback(async (send: (idempotencyKey: string) => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await send(key.current);
      key.current = newUuid();
      return true;
    } catch (caught) {
      // A refusal is final for this body: a corrected form is a new request with a new key.
      if (caught instanceof ApiError && caught.status !== 0 && caught.status < 500) key.current = newUuid();
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { submit, error, busy, clearError: () => setError(undefined) };
}
