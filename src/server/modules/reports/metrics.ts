import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';
import { reportNumber } from './common.ts';

/** The reports behind a figure, each by the number its page and letters carry (review rev28). */
const numbered = (r: Array<{ id: string; seq: number; received_on: string }>) => ({
  records: r.map((x) => x.id),
  labels: r.map((x) => reportNumber(Number(x.seq), x.received_on)),
});

/** Reports' metrics: citizens' reports handled on time; officials' reports of their unit handled on time. */
export const reportMetrics: Metric[] = [
  {
    code: 'reports_on_time',
    kind: 'report',
    name: { vi: 'Tỷ lệ tin báo, tố cáo giải quyết đúng hạn', en: 'Share of reports handled on time' },
    ratio: { vi: '{{ratio}} tin báo giải quyết đúng hạn', en: '{{ratio}} reports handled on time' },
    details: { no_reports: { vi: 'chưa có tin báo kết thúc trong năm', en: 'no reports closed this year' } },
    /** Of the reports handled in the unit's subtree and closed in the year, the share that met their clock. */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ id: string; on_time: boolean; seq: number; received_on: string }>(
        db,
        sql`select r.id, r.on_time, r.seq, r.received_on::text from reports r join units u on u.id = r.unit_id
          where u.path like ${`${unitPath}%`} and r.closed_on between ${`${year}-01-01`} and ${`${year}-12-31`}
            and r.on_time is not null`,
      );
      // Nothing to count: no basis for a score, not a zero (rev20 P5, rev29).
      if (r.length === 0) return { value: null, detail: 'no_reports', records: [] };
      const ok = r.filter((x) => x.on_time).length;
      return { value: ok / r.length, detail: `${ok}/${r.length}`, ...numbered(r) };
    },
  },
  {
    code: 'internal_reports_on_time',
    kind: 'report',
    name: {
      vi: 'Tỷ lệ báo cáo của cán bộ về tham nhũng trong cơ quan được xử lý, chuyển đúng hạn',
      en: "Share of officials' reports of corruption in their unit handled or transferred on time",
    },
    ratio: { vi: '{{ratio}} báo cáo xử lý đúng hạn', en: '{{ratio}} reports handled on time' },
    details: {
      none_due: { vi: 'không có báo cáo nào của cán bộ trong năm', en: "no official's report in the year" },
    },
    /**
     * Of the officials' reports (Law Art. 66) received in the year by a desk in the subtree, those handled
     * or transferred by their 15/30-day date; one still open counts against until it is (read at year end,
     * as the integrity registers' figures are).
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ id: string; on_time: boolean; seq: number; received_on: string }>(
        db,
        sql`select r.id, (c.done_on is not null and c.done_on <= c.due_on) as on_time, r.seq, r.received_on::text
          from reports r join units u on u.id = r.received_unit_id
          join started_clocks c on c.subject_id = r.id and c.code = 'internal_report.handling'
          where r.channel = 'internal' and u.path like ${`${unitPath}%`}
            and r.received_on between ${`${year}-01-01`} and ${`${year}-12-31`}`,
      );
      // Nothing to count: no basis for a score, not a zero (rev20 P5, rev29).
      if (r.length === 0) return { value: null, detail: 'none_due', records: [] };
      const ok = r.filter((x) => x.on_time).length;
      return { value: ok / r.length, detail: `${ok}/${r.length}`, ...numbered(r) };
    },
  },
];
