import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric, MetricResult } from '#server/platform/metrics.ts';
import { recordNumberSql } from './common.ts';

interface Judged {
  id: string;
  on_time: boolean;
  /** Not done and its deadline not passed: neither on time nor late yet. */
  pending: boolean;
  label: string;
}

/**
 * The share done by their deadline, of the records whose deadline has come or which are done; those still
 * within their time are named in the drill-down and counted apart (`pending`), never as late (rev28).
 */
function onTimeShare(r: Judged[]): MetricResult {
  const judged = r.filter((x) => !x.pending);
  const pending = r.length - judged.length;
  const done = judged.filter((x) => x.on_time).length;
  const records = {
    records: r.map((x) => x.id),
    labels: r.map((x) => x.label),
    pendingRecords: r.filter((x) => x.pending).map((x) => x.id),
  };
  if (r.length === 0) return { value: null, detail: 'none_due', records: [] };
  if (judged.length === 0) return { value: null, detail: 'all_pending', pending, ...records };
  return { value: done / judged.length, detail: `${done}/${judged.length}`, pending, ...records };
}

/**
 * What the integrity registers count for the PCTN index's part B (codes of conduct, conflict-of-interest
 * control) and the statutory reports: whether gifts and conflicts went through their clocks in time. The
 * records behind a figure are opened by their handlers only.
 */
export const integrityMetrics: Metric[] = [
  {
    code: 'gifts_handed_over_on_time',
    kind: 'gift',
    name: {
      vi: 'Tỷ lệ quà tặng được báo cáo, nộp lại đúng hạn (5 ngày làm việc)',
      en: 'Share of gifts reported and handed over on time (5 working days)',
    },
    ratio: { vi: '{{ratio}} quà tặng nộp lại đúng hạn', en: '{{ratio}} handed over on time' },
    details: {
      none_due: { vi: 'không có quà tặng phải nộp lại trong năm', en: 'no gift to hand over in the year' },
      all_pending: {
        vi: 'các quà tặng trong năm còn trong thời hạn nộp lại',
        en: "the year's gifts are still within their hand-over time",
      },
    },
    /**
     * Of the gifts received in the year by officials of the subtree, those handed over by their due date;
     * one not handed over counts against once its date has passed, and not before.
     */
    async compute(db, { unitPath, year, today }) {
      const r = await rows<Judged>(
        db,
        sql`select g.id, (g.handed_over_on is not null and g.handed_over_on <= g.hand_over_by) as on_time,
            (g.handed_over_on is null and g.hand_over_by >= ${today ?? `${year}-12-31`}::date) as pending,
            ${recordNumberSql('QT', sql`g.seq`, sql`g.reported_on`)} as label
          from gifts g join units u on u.id = g.unit_id
          where extract(year from g.received_on) = ${year} and u.path like ${`${unitPath}%`}`,
      );
      return onTimeShare(r);
    },
  },
  {
    code: 'conflicts_decided_on_time',
    kind: 'conflict',
    name: {
      vi: 'Tỷ lệ xung đột lợi ích được quyết định biện pháp kiểm soát đúng hạn',
      en: 'Share of conflicts of interest with a measure decided on time',
    },
    ratio: { vi: '{{ratio}} xung đột lợi ích xử lý đúng hạn', en: '{{ratio}} decided on time' },
    details: {
      none_due: {
        vi: 'không có xung đột lợi ích được báo cáo trong năm',
        en: 'no conflict reported in the year',
      },
      all_pending: {
        vi: 'các xung đột lợi ích trong năm còn trong thời hạn quyết định',
        en: "the year's conflicts are still within their decision time",
      },
    },
    /**
     * Of the conflicts reported in the year in the subtree, those whose measure was decided by the 5
     * working days (Decree 59 Art. 31); one undecided counts against once its date has passed.
     */
    async compute(db, { unitPath, year, today }) {
      const r = await rows<Judged>(
        db,
        sql`select c.id, (c.decided_on is not null and c.decided_on <= c.decide_by) as on_time,
            (c.decided_on is null and c.decide_by >= ${today ?? `${year}-12-31`}::date) as pending,
            ${recordNumberSql('XDLI', sql`c.seq`, sql`c.reported_on`)} as label
          from conflicts c join units u on u.id = c.unit_id
          where extract(year from c.reported_on) = ${year} and u.path like ${`${unitPath}%`}`,
      );
      return onTimeShare(r);
    },
  },
];
