import { getTableColumns, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '#server/db/client.ts';

/** Postgres takes at most 65,535 parameters per statement; stay well below for both engines. */
const PARAMS_PER_STATEMENT = 30_000;

/**
 * Many rows into one table: one `insert … select * from unnest($1::type[], …)` per 5,000 rows, a
 * parameter per column rather than per value (building a 30,000-parameter statement cost the query
 * builder about as much as the database took to write it). Rows must share their keys; tables with
 * array columns, or rows whose keys differ, go through ordinary multi-row inserts.
 */
export async function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  onBatch?: (n: number) => void | Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0] as object);
  const byKey = getTableColumns(table) as Record<string, PgColumn>;
  const columns = keys.map((k) => byKey[k]!);
  const keySet = new Set(keys);
  // An undefined value means the column's default in a multi-row insert; unnest would write NULL.
  const sameKeys = rows.every((r) => {
    const own = Object.keys(r as object);
    const row = r as Record<string, unknown>;
    return own.length === keys.length && own.every((k) => keySet.has(k) && row[k] !== undefined);
  });
  const arrays = columns.some((c) => c.columnType === 'PgArray' || c.getSQLType().endsWith(']'));
  if (!sameKeys || arrays) return insertValues(db, table, rows, onBatch);
  const target = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += UNNEST_BATCH) {
    const batch = rows.slice(i, i + UNNEST_BATCH) as Array<Record<string, unknown>>;
    const lists = columns.map((c, j) => {
      const key = keys[j]!;
      const values = batch.map((r) => (r[key] == null ? null : c.mapToDriverValue(r[key])));
      return sql`${sql.param(values)}::${sql.raw(c.getSQLType())}[]`;
    });
    await db.execute(sql`insert into ${table} (${target}) select * from unnest(${sql.join(lists, sql`, `)})`);
    await onBatch?.(batch.length);
  }
}

const UNNEST_BATCH = 5000;

/** Multi-row inserts, as large as the parameter limit allows (one statement per batch, not per row). */
async function insertValues<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  onBatch?: (n: number) => void | Promise<void>,
): Promise<void> {
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
