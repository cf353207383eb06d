import type { ReactNode } from 'react';

/** A table cell's text that wraps at `width` px: a wide table keeps its other columns in sight. */
export const Wrap = ({ width, children }: { width: number; children: ReactNode }) => (
  <span style={{ display: 'inline-block', maxWidth: width, whiteSpace: 'normal' }}>{children}</span>
);
