import { describe, expect, it } from 'vitest';
import { navGroupOf, navItems } from './nav.ts';

describe('the sidebar', () => {
  const assessments = navItems.find((i) => i.path === '/assessments')!;

  it('puts an enterprise’s self-assessment under the non-state sector, a unit’s under leadership', () => {
    expect(navGroupOf(assessments, ['enterprise_rep'])).toBe('ui.group.nonState');
    expect(navGroupOf(assessments, ['unit_head'])).toBe('ui.group.leadership');
    // Someone who also holds a state role keeps it where the state's task is.
    expect(navGroupOf(assessments, ['enterprise_rep', 'coordinator'])).toBe('ui.group.leadership');
  });

  it('lists every page once, each under a group or at the top', () => {
    expect(new Set(navItems.map((i) => i.path)).size).toBe(navItems.length);
  });
});
