import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { plansKept, preparedClient, StatementCache } from './prepared.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both engines' Drizzle databases share this type; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  kind: 'pglite' | 'pg';
  db: Db;
  /** Raw parameterised query returning rows (used by the queue, backup and a few reports). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once; returns the rows of every statement (pg-boss needs them). */
  exec(text: string): Promise<Array<{ rows: Record<string, unknown>[] }>>;
  /** Runs fn on one connection (advisory locks are per connection). */
  withConnection<T>(fn: (db: Db, query: Database['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  pglite?: PGlite;
}

export const pgliteExtensions = { unaccent, pg_trgm };

/** pg returns bigint and numeric as strings (exact); keep it that way, and dates as plain strings. */
pg.types.setTypeParser(1082, (v: string) => v);

const statementNames = new Map<string, string>();

/**
 * node-postgres sends Drizzle's statements unnamed, so PostgreSQL parses and plans each one again; on
 * the hot paths (`keepPlans`) a statement gets a name derived from its text instead, which the
 * connection prepares once and afterwards only binds and executes (sign-in on the quick set: PostgreSQL's
 * CPU per request 4 → 2.3–2.8 ms). The name is the text's hash, so it means the same statement on every
 * connection; the hot paths' texts are a few dozen, the map stops naming past 1,000.
 */
class NamedStatementClient extends pg.Client {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (plansKept() && typeof config === 'object' && config !== null && !('name' in config && config.name)) {
      const text = (config as { text?: unknown }).text;
      if (typeof text === 'string') {
        let name = statementNames.get(text);
        if (!name && statementNames.size < 1000) {
          name = `liem_${createHash('sha1').update(text).digest('base64url')}`;
          statementNames.set(text, name);
        }
        if (name) config = { ...config, name };
      }
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // JIT compiling costs hundreds of milliseconds on queries the planner overestimates (a campaign's
  // ranking: 0.5 s with JIT, 0.1 s without) and never pays off for Liêm's short queries. Parallel
  // workers neither: starting them cost ~40 ms on the 2-core host that also runs Liêm (the deadline
  // list's count: 166 ms parallel, 150 ms alone; with its index 27 ms alone, 67–89 ms parallel).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'liem',
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
    Client: NamedStatementClient,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to do here.
  });
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'pg',
    db,
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async exec(text) {
      const res = await pool.query(text);
      const list = Array.isArray(res) ? res : [res];
      return list.map((r) => ({ rows: r.rows ?? [] }));
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        const single = drizzleNodePg({ client, schema }) as unknown as Db;
        return await fn(single, async (text, params) => (await client.query(text, params as unknown[])).rows);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function wrapPglite(client: PGlite, release: () => void = () => {}): Database {
  const statements = new StatementCache(client);
  const db = drizzlePglite({
    client: preparedClient(client, statements) as PGlite,
    schema,
  }) as unknown as Db;
  const query: Database['query'] = async (text, params) =>
    (await statements.run(text, params, undefined, false, () => client.query(text, params))).rows as never;
  return {
    kind: 'pglite',
    db,
    query,
    async exec(text) {
      const results = await client.exec(text);
      return results.map((r) => ({ rows: r.rows as Record<string, unknown>[] }));
    },
    withConnection: (fn) => fn(db, query),
    async close() {
      if (!client.closed) await client.close();
      release();
    },
    pglite: client,
  };
}

export class DataDirInUseError extends Error {}

/**
 * PGlite is single-process: a lock file with our pid keeps a second process from opening the same
 * directory (which would corrupt it). A lock left by a dead process is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // PGlite writes its files world-readable (the process umask): the directory itself is closed to
  // other local users, whatever the files' own modes.
  chmodSync(dir, 0o700);
  const lockPath = join(dir, 'liem.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(
          `Data directory ${dir} is in use by another Liêm process (pid ${pid}). Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock data directory ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPgliteDir(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir: join(dataDir, 'db'), extensions: pgliteExtensions });
    return wrapPglite(client, release);
  } catch (e) {
    release();
    throw e;
  }
}

export async function openDatabase(cfg: {
  databaseUrl?: string;
  dataDir: string;
  databasePoolSize?: number;
}) {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl, cfg.databasePoolSize) : openPgliteDir(cfg.dataDir);
}

/** Rows of a raw Drizzle `sql` query on either engine. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
