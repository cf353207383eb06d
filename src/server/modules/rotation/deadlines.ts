import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { scopesFor } from '#shared/permissions.ts';

/**
 * The head's: the year's rotation plan of each unit they handle, due by 31/03 (drafted and issued in the
 * first quarter, MoF Circular 27/2024 Art. 3(2)), while it is not issued and someone there is due.
 */
const planToIssue: DeadlineSource = async (ctx, w) => {
  const grants = scopesFor(ctx.actor, 'integrity.handle');
  if (grants.length === 0) return { items: [], total: 0 };
  const year = Number(w.today.slice(0, 4));
  const dueBy = `${year}-03-31`;
  if (w.purpose === 'remind' && dueBy > w.riskEnd) return { items: [], total: 0 };
  const ids = [...new Set(grants.map((g) => g.unitId))];
  const found = await rows<{ id: string; name: string }>(
    ctx.db,
    sql`select u.id, u.name from units u
      where u.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})
        and not exists (select 1 from rotation_plans p where p.unit_id = u.id and p.year = ${year} and p.stage <> 'draft')
        and exists (select 1 from rotation_assignments a join units au on au.id = a.unit_id
          where au.path like u.path || '%' and a.ended_on is null and a.due_on <= ${`${year}-12-31`}::date)
      order by u.name limit ${w.limit}`,
  );
  return {
    items: found.map((u) => ({
      kind: 'rotation_plan' as const,
      id: `${u.id}:${year}`,
      // By its year alone, as the other yearly items: Home names the kind, and the unit beside it.
      title: String(year),
      unitId: u.id,
      unitName: u.name,
      dueOn: dueBy,
      state: w.state(dueBy),
      link: `/rotation?year=${year}`,
    })),
    total: found.length,
  };
};

export const rotationDeadlines: DeadlineSource[] = [planToIssue];
