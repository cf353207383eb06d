import { type ReactNode, Suspense } from 'react';

/**
 * A part of a page the app takes over on its own from a page the server drew (ADR 0045): React hydrates
 * each Suspense boundary in a render and commit of its own, so no single task takes the whole page over
 * (with its layout effects and the re-renders they ask for). Nothing inside is expected to suspend; if
 * something does, the part stays empty for that moment rather than the whole page showing a spinner.
 */
export function Part({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}
