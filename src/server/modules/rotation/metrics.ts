import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/** What the rotation register counts for the PCTN index's B.1.6 (job rotation) and the statutory reports. */
export const rotationMetrics: Metric[] = [
  {
    code: 'rotation_plan_executed',
    kind: 'rotation_plan',
    name: {
      vi: 'Tỷ lệ chuyển đổi vị trí công tác thực hiện theo kế hoạch đã ban hành',
      en: 'Share of planned job rotations carried out',
    },
    ratio: { vi: '{{ratio}} lượt chuyển đổi đã thực hiện', en: '{{ratio}} rotations carried out' },
    details: {
      no_plan: {
        vi: 'chưa ban hành kế hoạch chuyển đổi trong năm',
        en: 'no rotation plan issued for the year',
      },
    },
    /**
     * Of the rotations on the year's issued plans of the subtree, those carried out; a planned one still
     * open counts against (the figure is read at the year's end). The records are the plans.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ plan_id: string; done: boolean; unit_name: string }>(
        db,
        sql`select p.id as plan_id, i.status = 'done' as done, u.name as unit_name from rotation_plans p
          join units u on u.id = p.unit_id join rotation_plan_items i on i.plan_id = p.id
          where p.year = ${year} and p.stage <> 'draft' and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'no_plan', records: [] };
      const done = r.filter((x) => x.done).length;
      return {
        value: done / r.length,
        detail: `${done}/${r.length}`,
        records: [...new Set(r.map((x) => x.plan_id))],
        // Each plan by its unit: a province's subtree has one plan per unit that rotates people.
        labels: [...new Map(r.map((x) => [x.plan_id, x.unit_name])).values()],
      };
    },
  },
];
