import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Arbitrary but fixed: every instance takes the same advisory lock before migrating. */
const MIGRATION_LOCK = 7_405_001;

/**
 * Applies committed migrations. On PostgreSQL two instances starting together serialise on an
 * advisory lock held on one connection, so only one of them migrates.
 */
export async function migrate(database: Database): Promise<void> {
  await database.withConnection(async (db, query) => {
    await query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (database.kind === 'pglite') await migratePglite(db as never, { migrationsFolder });
      else await migrateNodePg(db as never, { migrationsFolder });
    } finally {
      await query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when every committed migration has been applied. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  try {
    const [row] = await database.query<{ n: string | number }>(
      'select count(*) as n from drizzle.__drizzle_migrations',
    );
    return Number(row?.n ?? 0) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
