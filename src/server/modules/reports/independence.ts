import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';

/**
 * A report about a unit's head is kept from everyone who belongs to that unit (ADR 0031, 0032): working in
 * it or below it, or holding any grant there or below — whatever its role or state, the head's own
 * included. The unit is kept on the report (`independent_of_unit_id`), and this one rule decides who
 * receives it, who any key is ever sealed to later, and who finds it in an inbox.
 */
export function belongsTo(userId: string, unitId: SQL | AnyColumn): SQL {
  return sql`(exists (select 1 from grants g join units gu on gu.id = g.unit_id join units h on h.id = ${unitId}
      where g.user_id = ${userId} and gu.path like h.path || '%')
    or exists (select 1 from users p join units pu on pu.id = p.unit_id join units h on h.id = ${unitId}
      where p.id = ${userId} and pu.path like h.path || '%'))`;
}

/** Everyone who belongs to the unit, as above. */
export async function peopleOf(db: Db, unitId: string): Promise<Set<string>> {
  const found = await rows<{ user_id: string }>(
    db,
    sql`with h as (select path from units where id = ${unitId})
      select g.user_id from grants g join units u on u.id = g.unit_id, h where u.path like h.path || '%'
      union
      select p.id from users p join units u on u.id = p.unit_id, h where u.path like h.path || '%'`,
  );
  return new Set(found.map((r) => r.user_id));
}

/** The recipients a report's key may go to: all, or all but those who belong to the unit it is kept from. */
export async function independentRecipients<T extends { userId: string }>(
  db: Db,
  independentOf: string | null | undefined,
  recipients: readonly T[],
): Promise<T[]> {
  if (!independentOf || recipients.length === 0) return [...recipients];
  const excluded = await peopleOf(db, independentOf);
  return recipients.filter((r) => !excluded.has(r.userId));
}
