import { sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import type { Metric } from '#server/platform/metrics.ts';

/**
 * Declarations' metrics (issue 18; counted for the PCTN index's auto-indicators and the statutory
 * reports): who declared on time, and what verifications concluded. Only counts leave the module; the
 * records behind them are the rounds (which only the unit's officers and the control agency open).
 */
/** The rounds behind a figure, each named by its control unit and year (review rev28: "đợt kê khai 1"). */
async function rounds(db: Db, found: Array<{ round_id: string }>) {
  const records = [...new Set(found.map((x) => x.round_id))];
  if (records.length === 0) return { records, labels: [] };
  const named = await rows<{ id: string; label: string }>(
    db,
    sql`select r.id, u.name || ' ' || r.year as label from declaration_rounds r join units u on u.id = r.unit_id
      where r.id in (${sql.join(
        records.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
  );
  return { records, labels: records.map((id) => named.find((x) => x.id === id)?.label ?? '') };
}

export const declarationMetrics: Metric[] = [
  {
    code: 'declarations_on_time',
    kind: 'declaration_round',
    name: {
      vi: 'Tỷ lệ người phải kê khai đã nộp bản kê khai đúng hạn',
      en: 'Share of declarants who declared on time',
    },
    ratio: { vi: '{{ratio}} người nộp đúng hạn', en: '{{ratio}} declared on time' },
    details: { no_roster: { vi: 'chưa có danh sách kê khai năm', en: 'no roster for the year' } },
    /**
     * Of the people on the year's rosters in the unit's subtree (those taken off aside), the share whose
     * declaration of that round was submitted by the round's date.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ round_id: string; on_time: boolean }>(
        db,
        sql`select ro.round_id, exists (
            select 1 from declarations d where d.round_id = ro.round_id and d.user_id = ro.user_id
              and d.submitted_at is not null
              and (d.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date <= r.declare_due_on) as on_time
          from declaration_roster ro join declaration_rounds r on r.id = ro.round_id
            join units u on u.id = ro.unit_id
          where r.year = ${year} and ro.removed_reason is null and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'no_roster', records: [] };
      const done = r.filter((x) => x.on_time).length;
      return {
        value: done / r.length,
        detail: `${done}/${r.length}`,
        ...(await rounds(db, r)),
      };
    },
  },
  {
    code: 'declarations_verified_honest',
    kind: 'declaration_round',
    name: {
      vi: 'Tỷ lệ bản kê khai được xác minh kết luận trung thực',
      en: 'Share of verified declarations concluded honest',
    },
    ratio: { vi: '{{ratio}} kết luận trung thực', en: '{{ratio}} concluded honest' },
    details: {
      none_verified: { vi: 'không có kết luận xác minh trong năm', en: 'no verification concluded' },
    },
    /**
     * Of the verifications concluded in the year on declarations of the unit's subtree, the share found
     * honest (a dishonest declaration or an unreasonable explanation counts against; sanctions follow).
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ round_id: string; honest: boolean }>(
        db,
        sql`select d.round_id, (c.conclusion = 'honest') as honest
          from verification_cases c join declarations d on d.id = c.declaration_id
            join units u on u.id = d.unit_id
          where c.concluded_on between ${`${year}-01-01`} and ${`${year}-12-31`}
            and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'none_verified', records: [] };
      const honest = r.filter((x) => x.honest).length;
      return {
        value: honest / r.length,
        detail: `${honest}/${r.length}`,
        ...(await rounds(db, r)),
      };
    },
  },
  {
    code: 'declarations_dishonest_handled',
    kind: 'declaration_round',
    name: {
      vi: 'Tỷ lệ kết luận kê khai không trung thực đã được xử lý',
      en: 'Share of dishonest declarations on which a sanction was decided',
    },
    ratio: { vi: '{{ratio}} đã có quyết định xử lý', en: '{{ratio}} decided' },
    details: {
      none_dishonest: {
        vi: 'không có kết luận không trung thực trong năm',
        en: 'no declaration concluded dishonest',
      },
    },
    /**
     * Of the verifications concluded in the year that found a declaration of the unit's subtree dishonest
     * (or its explanation unreasonable), the share on which the competent body has decided — a sanction,
     * or none (Law 36/2018 Art. 51). What a head did about it counts in their scorecard.
     */
    async compute(db, { unitPath, year }) {
      const r = await rows<{ round_id: string; decided: boolean }>(
        db,
        sql`select d.round_id, (c.sanction_outcome is not null) as decided
          from verification_cases c join declarations d on d.id = c.declaration_id
            join units u on u.id = d.unit_id
          where c.concluded_on between ${`${year}-01-01`} and ${`${year}-12-31`}
            and c.conclusion <> 'honest' and u.path like ${`${unitPath}%`}`,
      );
      if (r.length === 0) return { value: 0, detail: 'none_dishonest', records: [] };
      const decided = r.filter((x) => x.decided).length;
      return {
        value: decided / r.length,
        detail: `${decided}/${r.length}`,
        ...(await rounds(db, r)),
      };
    },
  },
];
