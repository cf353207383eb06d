import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import { type Metric, shortLabel } from '#server/platform/metrics.ts';

/** Plans' metrics: whether a unit's yearly plan was issued on time, and its tasks done on time. */
export const planMetrics: Metric[] = [
  {
    code: 'plan_issued_on_time',
    kind: 'plan',
    name: { vi: 'Kế hoạch năm ban hành đúng hạn', en: 'Yearly plan issued on time' },
    ratio: { vi: '{{ratio}}', en: '{{ratio}}' },
    details: {
      no_plan: { vi: 'chưa có kế hoạch năm', en: 'no plan for the year' },
      issued_on_time: { vi: 'kế hoạch ban hành đúng hạn', en: 'plan issued on time' },
      late_or_draft: { vi: 'kế hoạch chậm hoặc chưa ban hành', en: 'plan late or not issued' },
    },
    /** The unit's own plan for the year (the first made) was issued by its due date (1) or not (0). */
    async compute(db, { unitId, year }) {
      const [p] = await rows<{ id: string; on_time: boolean | null; title: string }>(
        db,
        sql`select id, title, (status <> 'draft' and (due_date is null or issued_at::date <= due_date)) as on_time
          from plans where unit_id = ${unitId} and year = ${year} order by created_at limit 1`,
      );
      if (!p) return { value: 0, detail: 'no_plan', records: [] };
      return {
        value: p.on_time ? 1 : 0,
        detail: p.on_time ? 'issued_on_time' : 'late_or_draft',
        records: [p.id],
        labels: [shortLabel(p.title)],
      };
    },
  },
  {
    code: 'plan_items_on_time',
    kind: 'plan',
    name: { vi: 'Tỷ lệ nhiệm vụ kế hoạch hoàn thành đúng hạn', en: 'Share of plan tasks done on time' },
    ratio: { vi: '{{ratio}} nhiệm vụ hoàn thành đúng hạn', en: '{{ratio}} tasks done on time' },
    details: { no_tasks: { vi: 'chưa có nhiệm vụ đến hạn trong năm', en: 'no tasks due this year' } },
    /**
     * Of the tasks due in the year in the issued plans of the unit's subtree (cancelled ones aside), the
     * share reported done by their deadline; the records are their plans.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ plan_id: string; on_time: boolean; title: string }>(
        db,
        sql`select i.plan_id, p.title, exists (
            select 1 from progress_reports pr where pr.item_id = i.id and pr.status = 'done'
              and pr.submitted_at::date <= i.deadline) as on_time
          from plan_items i join plans p on p.id = i.plan_id join units u on u.id = p.unit_id
          where u.path like ${`${unitPath}%`} and i.deadline between ${`${year}-01-01`} and ${`${year}-12-31`}
            and i.status <> 'cancelled' and p.status <> 'draft'`,
      );
      // Nothing to count: no basis for a score, not a zero (rev20 P5, rev29).
      if (r.length === 0) return { value: null, detail: 'no_tasks', records: [] };
      const done = r.filter((x) => x.on_time).length;
      return {
        value: done / r.length,
        detail: `${done}/${r.length}`,
        records: [...new Set(r.map((x) => x.plan_id))],
        labels: [...new Map(r.map((x) => [x.plan_id, shortLabel(x.title)])).values()],
      };
    },
  },
];
