import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '#server/modules/system/tables.ts';
import { openTestDatabase } from '#test/db.ts';
import { insertRows, writeTogether } from './bulk.ts';
import type { Database } from './client.ts';

describe('writeTogether', () => {
  let d: Database;
  beforeAll(async () => {
    d = await openTestDatabase();
  });
  afterAll(() => d.close());
  const keysOf = async (keys: string[]) =>
    (await d.db.select({ key: settings.key }).from(settings).where(inArray(settings.key, keys)))
      .map((r) => r.key)
      .sort();

  it('writes every part', async () => {
    await writeTogether(d.db, [
      d.db.insert(settings).values({ key: 'bulk.a', value: 1 }),
      d.db.insert(settings).values([
        { key: 'bulk.b', value: 2 },
        { key: 'bulk.c', value: { nested: true } },
      ]),
    ]);
    expect(await keysOf(['bulk.a', 'bulk.b', 'bulk.c'])).toEqual(['bulk.a', 'bulk.b', 'bulk.c']);
  });

  it('insertRows keeps every value when rows name different columns', async () => {
    await insertRows(d.db, settings, [
      { key: 'rows.a', value: 1 },
      { key: 'rows.b', value: { n: 2 }, updatedAt: new Date('2026-01-02T03:04:05Z') },
      { key: 'rows.c', updatedAt: new Date('2026-01-02T03:04:05Z'), value: 'ba' },
    ]);
    const got = await d.db
      .select()
      .from(settings)
      .where(inArray(settings.key, ['rows.a', 'rows.b', 'rows.c']));
    const byKey = new Map(got.map((r) => [r.key, r]));
    expect(byKey.get('rows.b')!.value).toEqual({ n: 2 });
    expect(byKey.get('rows.b')!.updatedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(byKey.get('rows.c')!.value).toBe('ba');
    expect(byKey.get('rows.a')!.updatedAt).toBeInstanceOf(Date);
  });

  it('insertRows writes many rows of the same columns in one pass', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => ({ key: `many.${i}`, value: { i } }));
    await insertRows(d.db, settings, rows);
    const all = await d.query<{ n: number }>(
      `select count(*)::int as n from settings where key like 'many.%'`,
    );
    expect(all[0]!.n).toBe(6000);
  });

  it('insertRows gives a column left undefined its default, as a multi-row insert does', async () => {
    await insertRows(d.db, settings, [
      { key: 'undef.a', value: 1, updatedAt: undefined },
      { key: 'undef.b', value: 2, updatedAt: undefined },
    ]);
    const got = await d.db
      .select()
      .from(settings)
      .where(inArray(settings.key, ['undef.a', 'undef.b']));
    expect(got).toHaveLength(2);
    for (const row of got) expect(row.updatedAt).toBeInstanceOf(Date);
  });

  it('writes nothing when one part fails: it is one statement', async () => {
    await expect(
      writeTogether(d.db, [
        d.db.insert(settings).values({ key: 'bulk.d', value: 4 }),
        d.db.insert(settings).values({ key: 'bulk.a', value: 'again' }),
      ]),
    ).rejects.toThrow();
    expect(await keysOf(['bulk.d'])).toEqual([]);
  });
});
