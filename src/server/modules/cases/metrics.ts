import { sql } from 'drizzle-orm';
import { rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/** A case's number as the register shows it (caseNumber in service.ts), in SQL. */
const numberSql = sql.raw(
  `'VV-' || extract(year from c.detected_on)::int || '-' || lpad(c.seq::text, 5, '0')`,
);

/**
 * Part D of the PCTN index (recovering corrupt assets) and the statutory reports (Decree 59 Art. 20):
 * of what was decided to be recovered in the year, in cases where the subtree was concerned (where it
 * happened, else who handled it), the share recovered — by administrative or by judicial measures.
 */
function recoveryRate(measure: 'administrative' | 'judicial', vi: string, en: string): Metric {
  return {
    code: `recovery_${measure}_rate`,
    kind: 'case',
    name: { vi, en },
    ratio: {
      vi: '{{ratio}} đồng đã thu hồi trên số quyết định thu hồi',
      en: '{{ratio}} VND recovered of the amount decided',
    },
    details: {
      none_decided: {
        vi: 'không có quyết định thu hồi trong năm',
        en: 'nothing decided to recover in the year',
      },
    },
    async compute(db, { unitPath, year }) {
      const found = await rows<{
        id: string;
        label: string;
        verifying: boolean;
        decided: string;
        recovered: string;
      }>(
        db,
        sql`select c.id, ${numberSql} as label, c.stage = 'verifying' as verifying,
            sum(i.decided_vnd)::text as decided, sum(i.recovered_vnd)::text as recovered
          from recovery_items i join cases c on c.id = i.case_id
          join units u on u.id = coalesce(c.subject_unit_id, c.unit_id)
          where i.measure = ${measure} and i.decided_vnd > 0
            and i.decided_on between ${`${year}-01-01`} and ${`${year}-12-31`}
            and u.path like ${`${unitPath}%`}
          group by c.id
          order by c.seq`,
      );
      const decided = found.reduce((s, r) => s + Number(r.decided), 0);
      // Nothing to count: no basis for a score, not a zero (rev20 P5, rev29).
      if (decided === 0) return { value: null, detail: 'none_decided', records: [] };
      const recovered = found.reduce((s, r) => s + Number(r.recovered), 0);
      // The detail names the amounts (VND) so the reviewer sees what the share is of.
      return {
        value: recovered / decided,
        detail: `${recovered}/${decided}`,
        // The figures count every case (they reconcile with the ledger's totals); a case still being
        // verified is not named to the unit it concerns, as in the head's metric (re-test sec30 F5).
        records: found.filter((r) => !r.verifying).map((r) => r.id),
        labels: found.filter((r) => !r.verifying).map((r) => r.label),
      };
    },
  };
}

/**
 * For a head-of-agency scorecard (task 5; Law Arts. 72–73): the cases found in the year, concluded or
 * closed, in which the head of this unit answers for what happened — directly (people they manage: the
 * whole deduction) or jointly (a deputy's field: half). A case still being verified counts for no one:
 * its findings are not yet the head's to answer for, and its existence may be kept from them.
 */
const headResponsibleCases: Metric = {
  code: 'head_responsible_cases',
  kind: 'case',
  name: {
    vi: 'Vụ việc tham nhũng đã kết luận thuộc trách nhiệm người đứng đầu',
    en: "Concluded corruption cases under the head's responsibility",
  },
  ratio: { vi: '{{ratio}} vụ việc', en: '{{ratio}} cases' },
  details: {
    none: {
      vi: 'không có vụ việc thuộc trách nhiệm người đứng đầu',
      en: "no case under the head's responsibility",
    },
    direct: { vi: 'người đứng đầu chịu trách nhiệm trực tiếp', en: 'the head answers directly' },
    joint: { vi: 'người đứng đầu chịu trách nhiệm liên đới', en: 'the head answers jointly' },
  },
  async compute(db, { unitId, year }) {
    const found = await rows<{ id: string; label: string; responsibility: 'direct' | 'joint' }>(
      db,
      sql`select c.id, ${numberSql} as label, c.head_responsibility as responsibility from cases c
        where c.head_unit_id = ${unitId} and c.head_responsibility in ('direct', 'joint')
          and c.stage in ('concluded', 'closed')
          and c.detected_on between ${`${year}-01-01`} and ${`${year}-12-31`}
        order by c.seq`,
    );
    if (found.length === 0) return { value: 0, detail: 'none', records: [] };
    const direct = found.some((c) => c.responsibility === 'direct');
    return {
      value: direct ? 1 : 0.5,
      detail: direct ? 'direct' : 'joint',
      records: found.map((c) => c.id),
      labels: found.map((c) => c.label),
    };
  },
};

export const caseMetrics: Metric[] = [
  headResponsibleCases,
  recoveryRate(
    'administrative',
    'Tỷ lệ thu hồi tiền, tài sản tham nhũng bằng biện pháp hành chính',
    'Share of corrupt assets recovered by administrative measures',
  ),
  recoveryRate(
    'judicial',
    'Tỷ lệ thu hồi tiền, tài sản tham nhũng qua giải quyết vụ án hình sự',
    'Share of corrupt assets recovered through criminal proceedings',
  ),
];
