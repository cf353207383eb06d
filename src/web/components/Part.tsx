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
  return (
    <Suspense fallback={null}>
      <Taken />
      {children}
    </Suspense>
  );
}

/**
 * Counts its part as taken over once React has hydrated it from the drawn page: true from the server
 * snapshot while hydrating, false for a part first drawn in the browser (a page's data arriving later).
 * It sits inside the boundary: the re-render React forces where the two snapshots differ is synchronous,
 * and on the Part itself it would give the boundary new props and so hydrate it all in one task.
 */
function Taken() {
  const drawn = useSyncExternalStore(subscribeNever, notDrawn, wasDrawn);
  useEffect(() => {
    if (!drawn) return;
    pending -= 1;
    settle();
  }, [drawn]);
  return null;
}
