import {
  createContext,
  type ReactNode,
  Suspense,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';

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

/** A part of the drawn page, counted once as taken over. */
interface Token {
  drawn: boolean;
  counted: boolean;
}

function taken(token: Token) {
  if (!token.drawn || token.counted) return;
  token.counted = true;
  pending -= 1;
  settle();
}

/**
 * A part of a page the app takes over on its own from a page the server drew (ADR 0045): React hydrates
 * each Suspense boundary in a render and commit of its own, so no single task takes the whole page over
 * (with its layout effects and the re-renders they ask for). Nothing inside is expected to suspend; if
 * something does, the part stays empty for that moment rather than the whole page showing a spinner.
 */
export function Part({ children }: { children: ReactNode }) {
  const counter = useContext(PartCounter);
  if (counter) counter.parts += 1;
  // True while React hydrates the part from the drawn page (the server snapshot), false for a part first
  // drawn in the browser (a page's data arriving later): only the drawn ones are counted.
  const drawn = useSyncExternalStore(subscribeNever, notDrawn, wasDrawn);
  const [token] = useState<Token>(() => ({ drawn, counted: false }));
  // A drawn part gone before React hydrated it (the page drawn for a wider screen than this one) counts too.
  useEffect(() => () => taken(token), [token]);
  // The same element on every render: React re-renders this component synchronously once hydrated (its
  // two snapshots differ), and a boundary given new props then would be hydrated all in that one task.
  return useMemo(
    () => (
      <Suspense fallback={null}>
        <Taken token={token} />
        {children}
      </Suspense>
    ),
    [children, token],
  );
}

/** Counts its part once React has hydrated it, or drawn it afresh where the drawn one did not match. */
function Taken({ token }: { token: Token }) {
  useEffect(() => taken(token), [token]);
  return null;
}
