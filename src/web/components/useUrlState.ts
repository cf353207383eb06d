import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** List state (page, size, sort, filters) kept in the URL: deep links, reload and back/forward work. */
export function useUrlState<K extends string>() {
  const [params, setParams] = useSearchParams();
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
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (resetPage && !('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setParams],
  );
  return [state, set] as const;
}
