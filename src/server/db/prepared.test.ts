import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepPlans, preparedClient, StatementCache } from './prepared.ts';

describe('PGlite statement cache', () => {
  let pg: PGlite;
  let cache: StatementCache;
  let client: ReturnType<typeof preparedClient>;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec(`create table t (id uuid primary key, n int not null unique, at timestamptz, doc jsonb,
      raw bytea, tags text[], amount numeric)`);
    cache = new StatementCache(pg);
    client = preparedClient(pg, cache);
  });
  afterAll(() => pg.close());

  const row = (n: number) => [
    `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    n,
    new Date(Date.UTC(2026, 0, n)),
    { n, name: `Phường ${n}` },
    new Uint8Array([n, 0, 255]),
    ['a', `b${n}`],
    '12.50',
  ];
  const insert = 'insert into t (id, n, at, doc, raw, tags, amount) values ($1, $2, $3, $4, $5, $6, $7)';
  const select = 'select * from t where n = $1';

  it('answers as PGlite does, from the second run on through a named statement', () =>
    keepPlans(async () => {
      for (let n = 1; n <= 4; n++) await client.query(insert, row(n));
      expect(cache.size).toBe(1);
      for (let i = 0; i < 8; i++) {
        const n = 1 + (i % 4);
        const [mine, theirs] = [await client.query(select, [n]), await pg.query(select, [n])];
        expect(mine.rows).toEqual(theirs.rows);
        expect(mine.fields).toEqual(theirs.fields);
        const arrays = { rowMode: 'array' as const, parsers: { 1184: (v: string) => `at ${v}` } };
        expect((await client.query(select, [n], arrays)).rows).toEqual(
          (await pg.query(select, [n], arrays)).rows,
        );
      }
      expect(cache.size).toBe(2);
      const [only] = (await client.query<{ doc: { name: string }; tags: string[] }>(select, [3])).rows;
      expect(only).toMatchObject({ doc: { n: 3, name: 'Phường 3' }, tags: ['a', 'b3'] });
      const updated = await client.query('update t set amount = amount + 1 where n > $1', [2]);
      await client.query('update t set amount = amount + 1 where n > $1', [2]);
      expect(updated.affectedRows).toBe(2);
      expect((await pg.query('select sum(amount)::text as s from t')).rows).toEqual([{ s: '54.00' }]);
    }));

  it('passes errors through and leaves the session usable', () =>
    keepPlans(async () => {
      await client.query(insert, row(5));
      await expect(client.query(insert, row(5))).rejects.toMatchObject({ code: '23505' });
      await expect(client.query(select, ['not a number'])).rejects.toMatchObject({ code: '22P02' });
      expect((await client.query(select, [5])).rows).toHaveLength(1);
    }));

  it('rolls a transaction back whole and runs its statements in it', () =>
    keepPlans(async () => {
      await expect(
        client.transaction(async (tx) => {
          await tx.query(insert, row(6));
          expect((await tx.query(select, [6])).rows).toHaveLength(1);
          await tx.query(insert, row(6));
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await client.query(select, [6])).rows).toHaveLength(0);
      await client.transaction(async (tx) => {
        await tx.query(insert, row(6));
      });
      expect((await client.query(select, [6])).rows).toHaveLength(1);
    }));

  it('makes a query outside a transaction wait for the running one', () =>
    keepPlans(async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const count = 'select count(*)::int as c from t where n >= $1';
      await client.query(count, [0]);
      const tx = client.transaction(async (t) => {
        await t.query(insert, row(7));
        await held;
        await t.query(insert, row(8));
      });
      await new Promise((r) => setTimeout(r, 20));
      const outside = client.query<{ c: number }>(count, [7]);
      await new Promise((r) => setTimeout(r, 20));
      release();
      await tx;
      expect((await outside).rows).toEqual([{ c: 2 }]);
    }));

  it('prepares again when a schema change invalidates a kept plan', () =>
    keepPlans(async () => {
      const all = 'select * from t where n = $1';
      await client.query(all, [1]);
      await pg.exec('alter table t add column note text');
      // PostgreSQL refuses to give a kept statement a new result type once; the next run prepares anew.
      await client.query(all, [1]).catch((e) => expect(e).toMatchObject({ code: '0A000' }));
      expect(Object.keys((await client.query(all, [1])).rows[0]!)).toContain('note');
    }));

  it('keeps at most 300 statements and closes the least recently used', () =>
    keepPlans(async () => {
      for (let i = 0; i < 320; i++) {
        const text = `select $1::int + ${i} as v`;
        await client.query(text, [1]);
        expect((await client.query<{ v: number }>(text, [1])).rows).toEqual([{ v: 1 + i }]);
      }
      expect(cache.size).toBe(300);
      const kept = (await pg.query<{ c: number }>('select count(*)::int as c from pg_prepared_statements'))
        .rows[0]!.c;
      expect(kept).toBeLessThanOrEqual(301);
      expect((await client.query(select, [1])).rows).toHaveLength(1);
    }));

  it('leaves statements outside keepPlans to PGlite, as before', async () => {
    const text = 'select n from t where n = $1 and n > 0';
    const prepared = async () =>
      (await pg.query('select 1 from pg_prepared_statements where statement = $1', [text])).rows.length;
    for (let i = 0; i < 3; i++) await client.query(text, [1]);
    expect(await prepared()).toBe(0);
    await keepPlans(async () => {
      for (let i = 0; i < 3; i++) await client.query(text, [1]);
    });
    expect(await prepared()).toBe(1);
  });
});
