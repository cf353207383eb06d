import { Tag } from 'antd';
import type { ReactNode } from 'react';

const tones = {
  ok: { color: '#1b4d0e', background: '#eaf6e4', borderColor: '#9ccc86' },
  muted: { color: '#3d3d3d', background: '#f2f2f2', borderColor: '#c9c9c9' },
  warn: { color: '#6b3500', background: '#fff3e0', borderColor: '#f0b46c' },
  danger: { color: '#8a1414', background: '#fdecec', borderColor: '#ef9a9a' },
  info: { color: '#0b3d6e', background: '#e6f0fb', borderColor: '#9cbfe6' },
} as const;

/** A state as a tag whose text keeps AA contrast (antd's preset tag colours are too light). */
export function StatusTag({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return <Tag style={tones[tone]}>{children}</Tag>;
}
