import { startTransition, useEffect, useState } from 'react';

/**
 * A long list drawn a few entries at a time: the first `step` at once, the rest in later tasks, so no
 * single task draws them all (antd's Table took ~250 ms for a province plan's 48 tasks in one go, the
 * page's whole blocking time; issue 17 §24). What is shown stays shown: a list that grows after a change
 * keeps its rows and gets the new ones the same way.
 */
export function useRevealed<T>(items: readonly T[] | undefined, step: number): readonly T[] | undefined {
  const [shown, setShown] = useState(step);
  const complete = !items || shown >= items.length;
  useEffect(() => {
    if (complete) return;
    // A timer between steps lets the browser paint and answer input before the next one.
    const timer = setTimeout(() => startTransition(() => setShown(shown + step)), 0);
    return () => clearTimeout(timer);
  }, [complete, shown, step]);
  return items && !complete ? items.slice(0, shown) : items;
}
