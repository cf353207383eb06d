import type { ReactNode } from 'react';

/**
 * A table cell's text that wraps at `width` px: a wide table keeps its other columns in sight. A word
 * longer than that (an e-mail address, a document number) breaks where it must.
 */
export const Wrap = ({ width, children }: { width: number; children: ReactNode }) => (
  <span style={{ display: 'inline-block', maxWidth: width, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
    {children}
  </span>
);
