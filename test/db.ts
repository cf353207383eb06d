import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from '#server/db/client.ts';

/** A fresh migrated database of the engine under test (PGlite in memory, or a PostgreSQL database). */
export async function openTestDatabase(): Promise<Database> {
  const template = inject('template');
  if (inject('engine') === 'pglite') {
    const blob = new Blob([readFileSync(template)]);
    const client = new PGlite({ loadDataDir: blob, extensions: pgliteExtensions });
    await client.waitReady;
    return wrapPglite(client);
  }
  const url = process.env.DATABASE_URL!;
  const name = `liem_t_${inject('run')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openPostgres(dbUrl.toString(), 4);
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
  return database;
}
