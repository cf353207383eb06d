import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from '#server/db/client.ts';
import { migrate } from '#server/db/migrate.ts';
import { startJobs } from '#server/jobs/queue.ts';
import { ensureReferenceData } from '#server/modules/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'pg';
    /** PGlite: path of a gzipped data dir; PostgreSQL: name of the template database. */
    template: string;
    /** Per-run prefix so concurrent runs on one server never drop each other's databases. */
    run: string;
  }
}

async function prepare(database: Database) {
  await migrate(database);
  const jobs = await startJobs(database, { supervise: false, log: pino({ level: 'silent' }) });
  await jobs.stop();
  await ensureReferenceData(database.db);
}

/** One migrated template per run; each test file restores or clones its own database from it. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `liem_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const database = await openPostgres(templateUrl.toString(), 2);
    await prepare(database);
    await database.close();
    project.provide('engine', 'pg');
    project.provide('template', name);
    project.provide('run', String(process.pid));
    return async () => {
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname ~ ('^liem_t_' || $2 || '_[0-9a-f]+$') or datname = $1`,
        [name, String(process.pid)],
      );
      for (const { datname } of left.rows)
        await admin.query(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'liem-test-'));
  const database = wrapPglite(new PGlite({ extensions: pgliteExtensions }));
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const file = join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('engine', 'pglite');
  project.provide('template', file);
  project.provide('run', String(process.pid));
  return () => rmSync(dir, { recursive: true, force: true });
}
