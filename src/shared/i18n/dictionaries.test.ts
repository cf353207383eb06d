import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { translate } from './index.ts';
import { singularEn } from './plurals.en.ts';
import { uiEn } from './ui.en.ts';
import { uiVi } from './ui.vi.ts';
import { vi } from './vi.ts';

// Each domain keeps its labels in its own file, spread into one dictionary: a key defined in two files
// would silently take the later one's text.
const domainFiles = import.meta.glob<Record<string, Record<string, string>>>('../*/messages.vi.ts', {
  eager: true,
});

describe('dictionaries', () => {
  it("no label is defined by two domains, and every domain's labels reach the dictionary", () => {
    const owner = new Map<string, string>();
    for (const [file, mod] of Object.entries(domainFiles))
      for (const key of Object.keys(Object.values(mod)[0]!)) {
        expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
        owner.set(key, file);
      }
    expect(owner.size).toBeGreaterThan(800);
    const ownKeys = Object.keys(uiVi).filter((k) => !owner.has(k));
    expect(ownKeys.length + owner.size).toBe(Object.keys(uiVi).length);
  });

  it('English has every Vietnamese key and no other, none empty', () => {
    expect(Object.keys(uiEn).sort()).toEqual(Object.keys(uiVi).sort());
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
  });
});

describe('English plurals', () => {
  it('says one thing in the singular and others in the plural; Vietnamese is the same for both', () => {
    expect(translate('en', 'ui.common.total', { total: 1 })).toBe('1 row');
    expect(translate('en', 'ui.common.total', { total: 2 })).toBe('2 rows');
    expect(translate('en', 'ui.common.total', { total: 0 })).toBe('0 rows');
    expect(translate('en', 'error.locked_out', { minutes: 1 })).toMatch(/in 1 minute\.$/);
    expect(translate('vi', 'ui.common.total', { total: 1 })).toBe(
      translate('vi', 'ui.common.total', { total: 2 }).replace('2', '1'),
    );
    // Every singular is of a message that exists and names the value it counts.
    for (const [key, { count, one }] of Object.entries(singularEn)) {
      expect(Object.hasOwn(en, key), key).toBe(true);
      expect(en[key as keyof typeof en], key).toContain(`{{${count}}}`);
      expect(one, key).toContain(`{{${count}}}`);
    }
  });
});
