import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** List state (page, size, sort, filters) kept in the URL: deep links, reload and back/forward work. */
export function useUrlState<K extends string>() {
  const [params, setParams] = useSearchParams();
  // Two changes in a row (close a dialog, then switch tab) must both hold: React Router gives each
  // functional update the params of the last render, so the second undid the first (a dialog reopened
  // after saving, and a second click saved the record twice — review rev20 P2).
  const latest = useRef(params);
  latest.current = params;
  const state = useMemo(() => {
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of params.entries()) out[k] = v;
    return out as Partial<Record<K | 'page' | 'pageSize' | 'sort', string>>;
  }, [params]);
  const set = useCallback(
    (
      patch: Partial<Record<K | 'page' | 'pageSize' | 'sort', string | undefined | null>>,
      resetPage = true,
    ) => {
      setParams(() => {
        const next = new URLSearchParams(latest.current);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (resetPage && !('page' in patch)) next.delete('page');
        latest.current = next;
        return next;
      });
    },
    [setParams],
  );
  return [state, set] as const;
}
