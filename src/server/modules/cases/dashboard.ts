import { sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { rows } from '#server/db/client.ts';
import { openReviewCutoff } from '#server/modules/inspections/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { Dashboard } from '#shared/cases/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';

type DashboardData = import('zod').infer<typeof Dashboard>;

/**
 * The inspectorate's year at a glance, in one statement over the units in scope: the plan's progress,
 * cases by source and stage, referrals waiting, recommendations past due or open too long (as of
 * today, whatever year issued) and closed in the year, and the recovery ledger by measure.
 */
export function dashboardSql(scope: ReturnType<typeof scopeFilter>, year: number, on: string) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  // "Open too long" is the review rule in force today (the clock engine's data), as in the lists.
  return sql`with scope as (select id from units where ${scope ?? sql`true`}),
    cut as (select ${openReviewCutoff(on)}::date as d),
    insp as (select i.status, i.plan_id from inspections i
      left join inspection_plans p on p.id = i.plan_id
      where i.unit_id in (select id from scope) and i.status <> 'cancelled'
        and coalesce(p.year, extract(year from coalesce(i.decision_date, i.created_at::date))::int) = ${year}),
    cs as (select source, stage, kind from cases
      where unit_id in (select id from scope) and detected_on between ${from} and ${to}),
    refs as (select r.decision, r.answer_due_on, r.decision_on from referrals r join cases c on c.id = r.case_id
      where c.unit_id in (select id from scope)),
    recs as (select status, issued_on, due_on, closed_on from recommendations
      where issuer_unit_id in (select id from scope)),
    items as (select i.measure, i.recommended_vnd, i.decided_vnd, i.recovered_vnd
      from recovery_items i join cases c on c.id = i.case_id
      where c.unit_id in (select id from scope)
        and coalesce(i.decided_on, c.detected_on) between ${from} and ${to})
    select json_build_object(
      'plan', (select json_build_object(
        'planned', count(*) filter (where plan_id is not null),
        'plannedDone', count(*) filter (where plan_id is not null and status in ('concluded', 'directed')),
        'done', count(*) filter (where status in ('concluded', 'directed')),
        'inProgress', count(*) filter (where status in ('decided', 'reported')),
        'adHoc', count(*) filter (where plan_id is null)) from insp),
      'casesBySource', (select coalesce(json_agg(json_build_object('source', source, 'n', n) order by n desc), '[]')
        from (select source, count(*)::int n from cs group by source) x),
      'casesByStage', (select coalesce(json_agg(json_build_object('stage', stage, 'n', n)
          order by array_position(array['verifying', 'handling', 'referred', 'concluded', 'closed'], stage)), '[]')
        from (select stage, count(*)::int n from cs group by stage) x),
      'retaliation', (select count(*)::int from cs where kind = 'retaliation'),
      'referrals', (select json_build_object(
        'waiting', count(*) filter (where decision is null or decision = 'verify_further'),
        'overdue', count(*) filter (where (decision is null or decision = 'verify_further') and answer_due_on < ${on}),
        'answered', count(*) filter (where decision is not null and decision <> 'verify_further'
          and decision_on between ${from} and ${to})) from refs),
      'recommendations', (select json_build_object(
        'open', count(*) filter (where status not in ('closed', 'not_done')),
        'pastDue', count(*) filter (where status not in ('closed', 'not_done') and due_on < ${on}),
        'tooLong', count(*) filter (where status not in ('closed', 'not_done') and issued_on <= (select d from cut)),
        'closed', count(*) filter (where status = 'closed' and closed_on between ${from} and ${to})) from recs),
      'closedByMonth', (select json_agg(json_build_object('month', m,
          'issued', (select count(*) from recs where extract(month from issued_on) = m and issued_on between ${from} and ${to}),
          'closed', (select count(*) from recs where status = 'closed' and extract(month from closed_on) = m
            and closed_on between ${from} and ${to})) order by m)
        from generate_series(1, 12) m),
      'recovery', (select json_agg(json_build_object('measure', m.measure,
          'recommendedVnd', coalesce((select sum(recommended_vnd) from items where measure = m.measure), 0),
          'decidedVnd', coalesce((select sum(decided_vnd) from items where measure = m.measure), 0),
          'recoveredVnd', coalesce((select sum(recovered_vnd) from items where measure = m.measure), 0),
          'items', (select count(*) from items where measure = m.measure)) order by m.measure)
        from (values ('administrative'), ('judicial')) m(measure))
    ) as d`;
}

export async function dashboard(ctx: Ctx, year: number): Promise<DashboardData> {
  if (!canAnywhere(ctx.actor, 'inspections.manage')) throw new AppError('not_found');
  const on = vnToday(ctx.clock.now());
  const [r] = await rows<{ d: Omit<DashboardData, 'year'> }>(
    ctx.db,
    dashboardSql(scopeFilter(ctx.actor, 'inspections.manage', units.path), year, on),
  );
  const d = r!.d;
  // json sums of bigint arrive as numbers or numeric strings, whichever the driver gives.
  return {
    year,
    ...d,
    recovery: d.recovery.map((m) => ({
      ...m,
      recommendedVnd: Number(m.recommendedVnd),
      decidedVnd: Number(m.decidedVnd),
      recoveredVnd: Number(m.recoveredVnd),
    })),
  };
}
