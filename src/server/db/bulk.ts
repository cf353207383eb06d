import { type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '#server/db/client.ts';

/** Postgres takes at most 65,535 parameters per statement; stay well below for both engines. */
const PARAMS_PER_STATEMENT = 30_000;

/** Multi-row inserts, as large as the parameter limit allows (one statement per batch, not per row). */
export async function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  onBatch?: (n: number) => void | Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(2000, Math.floor(PARAMS_PER_STATEMENT / columns)));
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    await db.insert(table).values(batch as never);
    await onBatch?.(batch.length);
  }
}

/** Splits a list into chunks for `in (…)` queries. */
export function chunks<T>(list: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Several independent writes as one statement (data-modifying CTEs): one round trip, parse and plan
 * instead of one per write. They run on one snapshot, so none may read what another writes; foreign
 * keys between them are checked when the statement ends, so a row may reference one written beside it.
 */
export async function writeTogether(db: Db, writes: readonly SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  const parts = writes.map((w, i) => sql`${sql.identifier(`w${i}`)} as (${w.getSQL()})`);
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
