import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** Active/inactive as a tag with AA contrast (antd's preset green text is too light). */
export function StatusTag({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <Tag
      style={
        active
          ? { color: '#1b4d0e', background: '#eaf6e4', borderColor: '#9ccc86' }
          : { color: '#3d3d3d', background: '#f2f2f2', borderColor: '#c9c9c9' }
      }
    >
      {children}
    </Tag>
  );
}
