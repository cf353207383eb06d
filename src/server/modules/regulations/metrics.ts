import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/** What regulation review counts for the PCTN index's A.2.2 and the statutory reports. */
export const regulationMetrics: Metric[] = [
  {
    code: 'regulation_gaps_proposed',
    kind: 'regulation_review',
    name: {
      vi: 'Tỷ lệ văn bản có bất cập được kiến nghị sửa đổi, bổ sung',
      en: 'Share of documents with gaps proposed for amendment',
    },
    ratio: { vi: '{{ratio}} văn bản bất cập đã kiến nghị', en: '{{ratio}} gaps proposed for amendment' },
    details: {
      none_reviewed: { vi: 'chưa rà soát văn bản nào trong năm', en: 'no document reviewed in the year' },
      no_gap: { vi: 'đã rà soát, không phát hiện bất cập', en: 'reviewed, no gap found' },
    },
    /**
     * Of the documents the subtree reviewed in the year and found wanting, the share it proposed to amend.
     * A year of reviews that found nothing counts in full; no review at all counts nothing.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ id: string; gap: boolean; proposed: boolean; label: string }>(
        db,
        sql`select v.id, v.document_no as label, v.result <> 'consistent' as gap, v.status <> 'none' as proposed
          from regulation_reviews v join units u on u.id = v.unit_id
          where extract(year from v.reviewed_on) = ${year} and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'none_reviewed', records: [] };
      const gaps = r.filter((x) => x.gap);
      if (gaps.length === 0)
        return { value: 1, detail: 'no_gap', records: r.map((x) => x.id), labels: r.map((x) => x.label) };
      const done = gaps.filter((x) => x.proposed).length;
      return {
        value: done / gaps.length,
        detail: `${done}/${gaps.length}`,
        records: gaps.map((x) => x.id),
        labels: gaps.map((x) => x.label),
      };
    },
  },
];
