import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNameIn, hasVietnameseWords, legalSourceIn } from '#shared/referenceText.ts';
import { createWorld, type World } from '#test/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('reference data in English', () => {
  it('reads every source a module seeds in English, with its numbers and articles kept', async () => {
    // From the database every module seeded, so a new module's sources are checked too.
    const sources = (
      await w.database.query<{ s: string }>(
        `select legal_source as s from deadline_rules union select legal_source from reporting_regimes
         union select legal_source from declaration_parameters union select legal_source from rotation_positions
         union select source from calendar_days`,
      )
    ).map((r) => r.s);
    expect(sources.length).toBeGreaterThan(30);
    for (const s of sources) {
      const en = legalSourceIn(s, 'en');
      expect(hasVietnameseWords(en), `${s} → ${en}`).toBe(false);
      for (const n of s.match(/\d+/g) ?? []) expect(en, s).toContain(n);
    }
    expect(legalSourceIn('Luật Khiếu nại 02/2011/QH13, Điều 28', 'en')).toBe(
      'Law on Complaints 02/2011/QH13, Art. 28',
    );
    expect(legalSourceIn('Luật Khiếu nại 02/2011/QH13, Điều 28', 'vi')).toBe(
      'Luật Khiếu nại 02/2011/QH13, Điều 28',
    );
  });

  it('names every seeded calendar day in English, the lunar year by its animal', async () => {
    const names = (await w.database.query<{ name: string }>('select distinct name from calendar_days')).map(
      (r) => r.name,
    );
    expect(names.length).toBeGreaterThan(10);
    for (const n of names)
      expect(hasVietnameseWords(dayNameIn(n, 'en')), `${n} → ${dayNameIn(n, 'en')}`).toBe(false);
    expect(dayNameIn('Tết Nguyên đán Bính Ngọ', 'en')).toBe('Lunar New Year (Year of the Horse)');
    expect(dayNameIn('Nghỉ hoán đổi (làm bù thứ Bảy 10/01)', 'en')).toBe(
      'Day off swapped (worked on Saturday 10/01)',
    );
    expect(dayNameIn('Tết Nguyên đán Bính Ngọ', 'vi')).toBe('Tết Nguyên đán Bính Ngọ');
    expect(dayNameIn('Nghỉ theo quyết định của tỉnh', 'en')).toBe('Nghỉ theo quyết định của tỉnh');
  });

  it('shows what an administrator typed as written where it holds words it does not know', () => {
    expect(hasVietnameseWords('Circular 06/2025/TT-TTCP')).toBe(false);
    expect(hasVietnameseWords('Decree 59/2019/NĐ-CP, Art. 31')).toBe(false);
    expect(legalSourceIn('Công văn 12/UBND ngày 02/01/2026', 'en')).toBe('Công văn 12/UBND ngày 02/01/2026');
  });
});
