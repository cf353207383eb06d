import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { openPgliteDir, openPostgres, rows } from './client.ts';
import { migrate, migrationsApplied } from './migrate.ts';
import { keepPlans } from './prepared.ts';

describe('embedded database directory', () => {
  it('refuses a second process with a clear message, and reopens after the first closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liem-lock-'));
    try {
      const first = await openPgliteDir(dir);
      const script = `import { openPgliteDir } from '#server/db/client.ts'; try { await openPgliteDir(${JSON.stringify(dir)}); console.log('opened'); } catch (e) { console.log(e.message); process.exit(3); }`;
      const other = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });
      expect(other.status).toBe(3);
      expect(other.stdout).toContain('is in use by another Liêm process');
      await first.close();
      const again = await openPgliteDir(dir);
      await again.query('select 1');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(inject('engine') === 'pg')('migrations on PostgreSQL', () => {
  it('two instances migrating at once both succeed and migrate once', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const admin = await openPostgres(url.toString(), 1);
    const name = `liem_t_${inject('run')}_${Date.now().toString(16)}`;
    await admin.query(`create database ${name}`);
    url.pathname = `/${name}`;
    const [a, b] = [await openPostgres(url.toString(), 2), await openPostgres(url.toString(), 2)];
    try {
      await Promise.all([migrate(a), migrate(b)]);
      expect(await migrationsApplied(a)).toBe(true);
      const rows = await a.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
      const hashes = await a.query<{ n: string }>(
        'select count(distinct hash) as n from drizzle.__drizzle_migrations',
      );
      expect(rows[0]!.n).toBe(hashes[0]!.n);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.close();
    }
  });
});

describe.runIf(inject('engine') === 'pg')('kept plans on PostgreSQL', () => {
  it('names hot-path statements so a connection prepares them once; leaves others unnamed', async () => {
    const pg = await openPostgres(process.env.DATABASE_URL!, 1);
    try {
      const prepared = (text: string) =>
        pg.db.execute(
          sql`select name from pg_prepared_statements where statement = ${text} and name like 'liem\\_%'`,
        ) as unknown as Promise<{ rows: Array<{ name: string }> }>;
      const hot = 'select $1::int + 41 as answer';
      const cold = 'select $1::int + 42 as answer';
      await keepPlans(async () => {
        const first = await rows(pg.db, sql`select ${1}::int + 41 as answer`);
        const again = await rows(pg.db, sql`select ${2}::int + 41 as answer`);
        expect([first, again]).toEqual([[{ answer: 42 }], [{ answer: 43 }]]);
      });
      await pg.db.execute(sql`select ${1}::int + 42 as answer`);
      // One pooled connection: the statements were prepared on the connection asked here.
      expect((await prepared(hot)).rows).toHaveLength(1);
      expect((await prepared(cold)).rows).toHaveLength(0);
    } finally {
      await pg.close();
    }
  });
});
