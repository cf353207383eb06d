import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import { type Metric, shortLabel } from '#server/platform/metrics.ts';

/** What self-inspection counts for the PCTN index's "detection through internal self-inspection". */
export const selfInspectionMetrics: Metric[] = [
  {
    code: 'self_inspections_done',
    kind: 'self_inspection',
    name: {
      vi: 'Tỷ lệ đợt tự kiểm tra theo kế hoạch đã thực hiện',
      en: 'Share of planned self-inspections carried out',
    },
    ratio: { vi: '{{ratio}} đợt tự kiểm tra đã thực hiện', en: '{{ratio}} self-inspections carried out' },
    details: {
      none_planned: {
        vi: 'không có kế hoạch tự kiểm tra trong năm',
        en: 'no self-inspection planned in the year',
      },
    },
    /**
     * Of the self-inspections the subtree planned for the year (not cancelled), the share carried out.
     * No plan at all counts nothing: the law asks every head to organise them.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ id: string; done: boolean; label: string }>(
        db,
        sql`select s.id, s.status = 'done' as done, s.area as label
          from self_inspections s join units u on u.id = s.unit_id
          where s.year = ${year} and s.status <> 'cancelled' and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'none_planned', records: [] };
      const done = r.filter((x) => x.done).length;
      return {
        value: done / r.length,
        detail: `${done}/${r.length}`,
        records: r.map((x) => x.id),
        labels: r.map((x) => shortLabel(x.label)),
      };
    },
  },
];
