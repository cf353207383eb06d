import { type AnyColumn, and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { AppError } from '#shared/errors.ts';
import { type Action, type Actor, can, scopesFor } from '#shared/permissions.ts';
import { units } from './tables.ts';

/**
 * SQL condition keeping rows whose unit path lies in the actor's scopes for `action`.
 * Paths are "/<uuid>/…/": uuids hold no LIKE metacharacters, and the prefix match uses the
 * text_pattern_ops index on units.path.
 */
export function scopeFilter(actor: Actor, action: Action, pathColumn: AnyColumn | SQL): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  const scopes = scopesFor(actor, action);
  if (scopes.length === 0) return sql`false`;
  const path = sql`${pathColumn}`;
  return or(...scopes.map((g) => (g.subtree ? like(path, `${g.unitPath}%`) : eq(path, g.unitPath))));
}

/**
 * Diacritic- and case-insensitive "contains", word by word, on a search column built with liem_fold();
 * the user's text is NFC-normalised and its LIKE metacharacters are taken literally.
 */
export function searchFilter(column: AnyColumn | SQL, q: string | undefined): SQL | undefined {
  // Every word, in any order ("thi nguyen" finds "Nguyễn Thị …"; rev20 P16: only the phrase matched).
  const words = (q?.normalize('NFC').trim().split(/\s+/) ?? []).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  return and(
    ...words.map(
      (w) => sql`${column} like '%' || liem_fold(${w.replace(/[\\%_]/g, (c) => `\\${c}`)}) || '%'`,
    ),
  );
}

/** Filter for a `?unitId=` list parameter: its subtree, if the unit is in scope for `action`; else not found. */
export async function subtreeFilter(
  ctx: Ctx,
  unitId: string | undefined,
  action: Action,
): Promise<SQL | undefined> {
  if (!unitId) return undefined;
  const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u || !can(ctx.actor, action, { unitPath: u.path })) throw new AppError('not_found');
  return like(units.path, `${u.path}%`);
}
