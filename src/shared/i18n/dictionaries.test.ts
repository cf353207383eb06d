import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
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
