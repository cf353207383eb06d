import { type AnyColumn, eq, like, or, type SQL, sql } from 'drizzle-orm';
import { type Action, type Actor, scopesFor } from '#shared/permissions.ts';

/**
 * SQL condition keeping rows whose unit path lies in the actor's scopes for `action`.
 * Paths are "/<uuid>/…/": uuids hold no LIKE metacharacters, and the prefix match uses the
 * text_pattern_ops index on units.path.
 */
export function scopeFilter(actor: Actor, action: Action, pathColumn: AnyColumn): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  const scopes = scopesFor(actor, action);
  if (scopes.length === 0) return sql`false`;
  return or(
    ...scopes.map((g) => (g.subtree ? like(pathColumn, `${g.unitPath}%`) : eq(pathColumn, g.unitPath))),
  );
}
