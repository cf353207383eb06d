import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/**
 * What detection and handling counts for the PCTN index's part C/D auto-indicators and the statutory
 * reports (issue 19): how the recommendations a unit's subtree owed were carried out. The records behind
 * a figure are the recommendations (opened by their owners and issuers only).
 */
export const inspectionMetrics: Metric[] = [
  {
    code: 'recommendations_done_on_time',
    kind: 'recommendation',
    name: {
      vi: 'Tỷ lệ kiến nghị sau thanh tra được thực hiện đúng hạn',
      en: 'Share of inspection recommendations carried out on time',
    },
    ratio: { vi: '{{ratio}} kiến nghị hoàn thành đúng hạn', en: '{{ratio}} done on time' },
    details: {
      none_due: { vi: 'không có kiến nghị đến hạn trong năm', en: 'no recommendation due in the year' },
    },
    /**
     * Of the recommendations owed by units of the subtree and due in the year, the share closed as done
     * by their due date (not done, still open or closed late count against).
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ id: string; on_time: boolean }>(
        db,
        sql`select r.id, (r.status = 'closed' and r.closed_on <= r.due_on) as on_time
          from recommendations r join units u on u.id = r.owner_unit_id
          where extract(year from r.due_on) = ${year} and u.path like ${`${unitPath}%`}`,
      );
      // Nothing to count: no basis for a score, not a zero (rev20 P5, rev29).
      if (r.length === 0) return { value: null, detail: 'none_due', records: [] };
      const done = r.filter((x) => x.on_time).length;
      return { value: done / r.length, detail: `${done}/${r.length}`, records: r.map((x) => x.id) };
    },
  },
];
