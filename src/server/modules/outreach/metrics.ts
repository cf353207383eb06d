import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/** What outreach counts for the PCTN index's A.2.3 and the statutory reports. */
export const outreachMetrics: Metric[] = [
  {
    code: 'staff_trained_share',
    kind: 'outreach_event',
    name: {
      vi: 'Tỷ lệ cán bộ, công chức được tập huấn, phổ biến pháp luật về PCTN trong năm',
      en: 'Share of staff trained on anti-corruption law in the year',
    },
    ratio: { vi: '{{ratio}} cán bộ được tập huấn', en: '{{ratio}} staff trained' },
    details: { no_staff: { vi: 'đơn vị chưa có tài khoản cán bộ', en: 'no staff accounts in the unit' } },
    /** Staff trained by the subtree's events in the year over its active staff (at most all of them). */
    async compute(db, { unitPath, year }) {
      const [r] = await rows<{ staff: number; trained: number; ids: string[] | null }>(
        db,
        sql`select (select count(*)::int from users s join units u on u.id = s.unit_id
            where s.status = 'active' and u.path like ${`${unitPath}%`}) as staff,
          coalesce(sum(e.staff_trained), 0)::float8 as trained, array_agg(e.id) as ids
          from outreach_events e join units u on u.id = e.unit_id
          where u.path like ${`${unitPath}%`} and extract(year from e.started_on) = ${year}`,
      );
      if (!r || r.staff === 0) return { value: 0, detail: 'no_staff', records: [] };
      const trained = Math.min(r.trained, r.staff);
      return {
        value: trained / r.staff,
        detail: `${trained}/${r.staff}`,
        records: (r.ids ?? []).filter(Boolean),
      };
    },
  },
];
