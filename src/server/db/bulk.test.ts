import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '#server/modules/system/tables.ts';
import { openTestDatabase } from '#test/db.ts';
import { writeTogether } from './bulk.ts';
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
