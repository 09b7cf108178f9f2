// A list's filters live in the URL query string, so a filtered view can be bookmarked,
// shared and reloaded as it is.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type Filters<K extends string> = Partial<Record<K, string>>;

export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Filters<K>, (changes: Filters<K> | null) => void] {
  const [params, setParams] = useSearchParams();
  // `keys` should be a module-level constant so the filters keep their identity between renders.
  const filters = useMemo(() => {
    const result: Filters<K> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [params, keys]);

  /** Merges changes into the URL (empty values remove the key); null clears every filter. */
  const update = useCallback(
    (changes: Filters<K> | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(changes === null ? '' : prev);
          for (const [key, value] of Object.entries(changes ?? {}) as [K, string | undefined][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [filters, update];
}
