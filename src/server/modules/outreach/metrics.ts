import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import { type Metric, shortLabel } from '#server/platform/metrics.ts';
import { staffUnder } from './service.ts';

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
    details: {
      no_staff: {
        vi: 'đơn vị chưa nêu số cán bộ và số đã được tập huấn trong năm',
        en: 'the unit has not stated its staff and how many were trained',
      },
    },
    /**
     * The different staff trained over the staff, as the unit (or the units below it) stated them for the
     * year from their attendance sheets — not the events' attendances, not Liêm accounts (rev20 P1). The
     * year's events are the records behind it.
     */
    async compute(db, { unitPath, year }) {
      const [r] = await rows<{ staff: number | null; trained: number | null }>(
        db,
        staffUnder(year, unitPath),
      );
      const events = await rows<{ id: string; label: string }>(
        db,
        sql`select e.id, e.title as label from outreach_events e join units u on u.id = e.unit_id
          where u.path like ${`${unitPath}%`} and extract(year from e.started_on) = ${year}`,
      );
      const records = events.map((e) => e.id);
      const labels = events.map((e) => shortLabel(e.label));
      if (!r?.staff) return { value: null, detail: 'no_staff', records, labels };
      const trained = r.trained ?? 0;
      return { value: trained / r.staff, detail: `${trained}/${r.staff}`, records, labels };
    },
  },
];
