import { describe, expect, it } from 'vitest';
import { outlineOf } from './outline.ts';

const c = (id: string, parentId: string | null = null) => ({ id, parentId });

describe('a part’s outline', () => {
  it('lists groups as headings over their criteria, without the part itself', () => {
    const all = [c('A'), c('A.1', 'A'), c('A.2', 'A'), c('A.2.1', 'A.2'), c('A.2.2', 'A.2'), c('B')];
    expect(outlineOf(all, all[0]!).map((x) => [x.c.id, x.group])).toEqual([
      ['A.1', false],
      ['A.2', true],
      ['A.2.1', false],
      ['A.2.2', false],
    ]);
  });

  it('answers a part without sub-criteria as itself', () => {
    const all = [c('1'), c('2')];
    expect(outlineOf(all, all[1]!)).toEqual([{ c: all[1], group: false }]);
  });
});
