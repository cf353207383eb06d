import { sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';

export interface IndicatorResult {
  /** 0..1: the share of the criterion's points the data supports. */
  value: number;
  detail: string;
  /** Ids of the records behind the figure, for drill-down; `kind` says where they open. */
  records: string[];
  kind: 'plan' | 'report';
}

type Indicator = (db: Db, unitPath: string, unitId: string, year: number) => Promise<IndicatorResult>;

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

/**
 * Auto-indicators computed from data already in Liêm. Each is a suggestion shown beside the self score,
 * never a score by itself.
 */
export const indicators: Record<string, Indicator> = {
  /** The unit's plan for the year was issued by its due date (1) or not (0). */
  async plan_issued_on_time(db, _path, unitId, year) {
    const r = rows<{ id: string; on_time: boolean | null }>(
      await db.execute(sql`select id, (status <> 'draft' and (due_date is null or issued_at::date <= due_date)) as on_time
        from plans where unit_id = ${unitId} and year = ${year} order by created_at limit 1`),
    );
    const p = r[0];
    if (!p) return { value: 0, detail: 'no_plan', records: [], kind: 'plan' };
    return {
      value: p.on_time ? 1 : 0,
      detail: p.on_time ? 'issued_on_time' : 'late_or_draft',
      records: [p.id],
      kind: 'plan',
    };
  },
  /** Share of the year's tasks in the issued plans of the unit (and its sub-units) reported done by their deadline. */
  async plan_items_on_time(db, path, _unitId, year) {
    const r = rows<{ id: string; plan_id: string; on_time: boolean }>(
      await db.execute(sql`select i.id, i.plan_id, exists (
          select 1 from progress_reports pr where pr.item_id = i.id and pr.status = 'done'
            and pr.submitted_at::date <= i.deadline) as on_time
        from plan_items i join plans p on p.id = i.plan_id join units u on u.id = p.unit_id
        where u.path like ${`${path}%`} and i.deadline between ${`${year}-01-01`} and ${`${year}-12-31`}
          and i.status <> 'cancelled' and p.status <> 'draft'`),
    );
    if (r.length === 0) return { value: 0, detail: 'no_tasks', records: [], kind: 'plan' };
    const done = r.filter((x) => x.on_time).length;
    // Tasks open on their plan's page: the drill-down lists the plans they belong to.
    return {
      value: done / r.length,
      detail: `${done}/${r.length}`,
      records: [...new Set(r.map((x) => x.plan_id))],
      kind: 'plan',
    };
  },
  /** Share of citizens' reports handled by the unit's subtree, closed in the year, that met their clock. */
  async reports_on_time(db, path, _unitId, year) {
    const r = rows<{ id: string; on_time: boolean | null }>(
      await db.execute(sql`select r.id, r.on_time from reports r join units u on u.id = r.unit_id
        where u.path like ${`${path}%`} and r.closed_on between ${`${year}-01-01`} and ${`${year}-12-31`}
          and r.on_time is not null`),
    );
    if (r.length === 0) return { value: 0, detail: 'no_reports', records: [], kind: 'report' };
    const ok = r.filter((x) => x.on_time).length;
    return { value: ok / r.length, detail: `${ok}/${r.length}`, records: r.map((x) => x.id), kind: 'report' };
  },
};
