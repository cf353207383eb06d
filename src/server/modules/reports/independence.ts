import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import { reportExclusions } from './tables.ts';

/**
 * A report about a unit's head is kept from everyone who belongs to that unit (ADR 0031, 0032): working in
 * it or below it, or holding any grant there or below — whatever its role, the head's own included, once
 * in force (one still waiting for a second administrator makes no one a member: else one administrator
 * could close the channel about a head by granting every desk officer a seat in the head's unit, sec23b
 * N5; a key holder's grants all wait) — and from everyone who did when it arrived (`report_exclusions`: someone who leaves the unit
 * afterwards stays excluded; re-test sec22c C1). The unit is kept on the report (`independent_of_unit_id`),
 * and this one rule decides who receives it, who any key is ever sealed to later, and who finds it.
 */
export function belongsTo(userId: string, unitId: SQL | AnyColumn): SQL {
  return sql`(exists (select 1 from grants g join units gu on gu.id = g.unit_id join units h on h.id = ${unitId}
      where g.user_id = ${userId} and g.status <> 'awaiting_approval' and gu.path like h.path || '%')
    or exists (select 1 from users p join units pu on pu.id = p.unit_id join units h on h.id = ${unitId}
      where p.id = ${userId} and pu.path like h.path || '%'))`;
}

/** Is the user kept from the report (its id and kept-from unit as SQL or columns)? */
export function keptFrom(userId: string, reportId: SQL | AnyColumn, unitId: SQL | AnyColumn): SQL {
  return sql`(${unitId} is not null and (${belongsTo(userId, unitId)}
    or exists (select 1 from report_exclusions x where x.report_id = ${reportId} and x.user_id = ${userId})))`;
}

/** Everyone who belongs to the unit now, as above. */
export async function peopleOf(db: Db, unitId: string): Promise<Set<string>> {
  const found = await rows<{ user_id: string }>(
    db,
    sql`with h as (select path from units where id = ${unitId})
      select g.user_id from grants g join units u on u.id = g.unit_id, h
        where g.status <> 'awaiting_approval' and u.path like h.path || '%'
      union
      select p.id from users p join units u on u.id = p.unit_id, h where u.path like h.path || '%'`,
  );
  return new Set(found.map((r) => r.user_id));
}

/** Everyone a report is kept from: who belongs to its unit now, and who did when it arrived. */
export async function excludedFrom(db: Db, reportId: string, unitId: string): Promise<Set<string>> {
  const now = await peopleOf(db, unitId);
  const kept = await rows<{ user_id: string }>(
    db,
    sql`select user_id from ${reportExclusions} where report_id = ${reportId}`,
  );
  for (const k of kept) now.add(k.user_id);
  return now;
}

/** The recipients a key may go to: all, or all but those excluded. */
export function withoutExcluded<T extends { userId: string }>(
  excluded: ReadonlySet<string> | null,
  recipients: readonly T[],
): T[] {
  return excluded ? recipients.filter((r) => !excluded.has(r.userId)) : [...recipients];
}
