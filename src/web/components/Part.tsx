import { createContext, type ReactNode, Suspense, useContext, useEffect, useSyncExternalStore } from 'react';

/** Counts the parts of a page as the server draws it (`draw.tsx`), for the app to know when all are its. */
export const PartCounter = createContext<{ parts: number } | null>(null);

// Parts of a drawn page the app has yet to take over, and what to do once none is left (`main.tsx`).
let pending = 0;
let whenAllTaken: (() => void) | null = null;

/** Calls `done` once the drawn page's `expected` parts have all been taken over (at once if none). */
export function takeOverParts(expected: number, done: () => void) {
  pending += expected;
  whenAllTaken = done;
  settle();
}

function settle() {
  if (pending > 0 || !whenAllTaken) return;
  const done = whenAllTaken;
  whenAllTaken = null;
  done();
}

const subscribeNever = () => () => undefined;
const notDrawn = () => false;
const wasDrawn = () => true;

/**
 * A part of a page the app takes over on its own from a page the server drew (ADR 0045): React hydrates
 * each Suspense boundary in a render and commit of its own, so no single task takes the whole page over
 * (with its layout effects and the re-renders they ask for). Nothing inside is expected to suspend; if
 * something does, the part stays empty for that moment rather than the whole page showing a spinner.
 */
export function Part({ children }: { children: ReactNode }) {
  const counter = useContext(PartCounter);
  if (counter) counter.parts += 1;
  // True while React hydrates this part from the drawn page (its server snapshot), false for a part first
  // drawn in the browser (a page's data arriving later): only the drawn ones are counted as taken over.
  const drawn = useSyncExternalStore(subscribeNever, notDrawn, wasDrawn);
  useEffect(() => {
    if (!drawn) return;
    pending -= 1;
    settle();
  }, [drawn]);
  return <Suspense fallback={null}>{children}</Suspense>;
}
