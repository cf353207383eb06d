import { describe, expect, it } from 'vitest';
import { shortLabel } from './metrics.ts';

describe("a suggestion's record label", () => {
  it('keeps a short name, and cuts a long one after its last whole word', () => {
    expect(shortLabel('Hội nghị tuyên truyền năm 2026')).toBe('Hội nghị tuyên truyền năm 2026');
    const title = 'Hội nghị quán triệt Luật Phòng, chống tham nhũng cho cán bộ cấp xã';
    const cut = shortLabel(title);
    expect(cut).toBe('Hội nghị quán triệt Luật Phòng, chống…');
    expect(cut.length).toBeLessThanOrEqual(40);
    // A name with no break to cut at is cut at 39 characters.
    expect(shortLabel('x'.repeat(60))).toBe(`${'x'.repeat(39)}…`);
  });
});
