import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import type { RecommendationInput, RecommendationStatus } from '#shared/inspections/schemas.ts';
import { inspectionPlans, inspections, recommendations } from './tables.ts';

const topics = [
  'Thanh tra việc quản lý, sử dụng ngân sách',
  'Thanh tra trách nhiệm thực hiện pháp luật về phòng, chống tham nhũng',
  'Thanh tra công tác đấu thầu, mua sắm tài sản công',
  'Thanh tra việc quản lý đất đai, giao đất, cho thuê đất',
  'Thanh tra việc thực hiện dự án đầu tư xây dựng',
  'Thanh tra công tác tiếp công dân, giải quyết khiếu nại, tố cáo',
];
const kinds: Array<readonly [RecommendationInput['kind'], number]> = [
  ['recovery', 3],
  ['discipline', 3],
  ['administrative', 1],
  ['institutional', 2],
  ['referral', 0.3],
  ['other', 0.7],
];

/**
 * The inspectorate's years (issue 19's scale: ~600 inspections a year, ~5,000 recommendations over
 * three years): each year's approved plan, its inspections — past years concluded, this year's spread
 * over the timeline, a tenth ad hoc — and the recommendations of each conclusion, owed by the inspected
 * unit, carried out on time, late, or still open. Same seed, same numbers.
 */
async function generate(w: ProvinceWorld) {
  const { db, r, shape, progress, now, count, inspectorate, departments, communes } = w;
  const today = vnToday(now);
  // Never the inspectorate itself (it would judge itself: org/inspectorate.ts).
  const subjects = [...departments, ...communes].filter((u) => u.id !== inspectorate.id);
  const plans: (typeof inspectionPlans.$inferInsert)[] = [];
  const rows: (typeof inspections.$inferInsert)[] = [];
  const recs: (typeof recommendations.$inferInsert)[] = [];
  // Concluded inspections by subject: a later one may follow them up (it re-checks their recommendations).
  const concludedBySubject = new Map<string, string>();
  for (const year of GENERATED_YEARS) {
    const planId = r.uuid();
    plans.push({
      id: planId,
      unitId: inspectorate.id,
      year,
      status: 'approved',
      decisionNo: `${r.int(100, 250)}/QĐ-TTr`,
      decisionDate: `${year - 1}-12-${String(r.int(10, 19)).padStart(2, '0')}`,
    });
    for (let n = 0; n < shape.inspectionsPerYear; n++) {
      const id = r.uuid();
      const adHoc = r.chance(0.1);
      const subject = r.pick(subjects);
      const quarter = r.int(1, 4);
      const decisionDate = addDaysStr(`${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`, r.int(0, 80));
      const onSiteFrom = addDaysStr(decisionDate, r.int(3, 10));
      const resultsOn = addDaysStr(onSiteFrom, r.int(30, 50));
      const draftReceivedOn = addDaysStr(resultsOn, r.int(10, 30));
      const concludedOn = addDaysStr(draftReceivedOn, r.int(5, 18));
      // Where today falls in its timeline decides its status (a past year's are all concluded).
      const status =
        decisionDate > today
          ? 'planned'
          : resultsOn > today
            ? 'decided'
            : concludedOn > today
              ? 'reported'
              : addDaysStr(concludedOn, 15) > today
                ? 'concluded'
                : 'directed';
      const concluded = status === 'concluded' || status === 'directed';
      // One in twenty re-checks an earlier conclusion about the same unit.
      const followUpOf = r.chance(0.05) ? concludedBySubject.get(subject.id) : undefined;
      const wrongdoing = concluded && r.chance(0.7) ? r.int(1, 400) * 10_000_000 : 0;
      const toRecover = Math.floor((wrongdoing * r.float() * 0.8) / 1_000_000) * 1_000_000;
      rows.push({
        id,
        planId: adHoc ? null : planId,
        unitId: inspectorate.id,
        subjectUnitId: subject.id,
        title: `${r.pick(topics)} năm ${year - 1}`,
        periodFrom: `${year - 1}-01-01`,
        periodTo: `${year - 1}-12-31`,
        quarter: adHoc ? null : quarter,
        teamSize: r.int(3, 7),
        legalGround: adHoc ? 'Đơn tố cáo và chỉ đạo của Chủ tịch UBND tỉnh' : null,
        status,
        decisionNo: status === 'planned' ? null : `${r.int(1, 400)}/QĐ-TTr`,
        decisionDate: status === 'planned' ? null : decisionDate,
        onSiteFrom: status === 'planned' ? null : onSiteFrom,
        resultsOn: ['planned', 'decided'].includes(status) ? null : resultsOn,
        draftAssignedOn: ['planned', 'decided'].includes(status) ? null : addDaysStr(resultsOn, 3),
        draftReceivedOn: ['planned', 'decided'].includes(status) ? null : draftReceivedOn,
        conclusionNo: concluded ? `${r.int(1, 400)}/KL-TTr` : null,
        concludedOn: concluded ? concludedOn : null,
        directedOn: status === 'directed' ? addDaysStr(concludedOn, r.int(5, 15)) : null,
        summary: concluded ? 'Kết luận thanh tra (dữ liệu sinh).' : null,
        wrongdoingVnd: concluded ? wrongdoing : null,
        toRecoverVnd: concluded ? toRecover : null,
        nextDueOn: concluded || status === 'planned' ? null : addDaysStr(today, r.int(-10, 40)),
        followUpOf: followUpOf ?? null,
      });
      if (!concluded) continue;
      concludedBySubject.set(subject.id, id);
      // ~2.8 recommendations a concluded inspection (issue 19: 5,000 over three years).
      const many = r.int(1, 5);
      let recoverLeft = toRecover;
      for (let k = 0; k < many; k++) {
        const kind = r.weighted(kinds);
        const dueOn = addDaysStr(concludedOn, r.int(30, 180));
        const amount = kind === 'recovery' && recoverLeft > 0 ? Math.min(recoverLeft, toRecover) : null;
        if (amount) recoverLeft -= amount;
        const late = dueOn < today;
        const status: RecommendationStatus = late
          ? r.weighted([
              ['closed', 7],
              ['not_done', 0.5],
              ['in_progress', 1.5],
              ['open', 1],
            ] as const)
          : r.weighted([
              ['open', 4],
              ['in_progress', 3],
              ['reported_done', 1],
              ['closed', 2],
            ] as const);
        const closedOn =
          status === 'closed' || status === 'not_done'
            ? addDaysStr(dueOn, r.int(-40, r.chance(0.8) ? 0 : 60))
            : null;
        recs.push({
          id: r.uuid(),
          sourceKind: 'inspection',
          sourceId: id,
          issuerUnitId: inspectorate.id,
          kind,
          content: `Kiến nghị ${k + 1} của kết luận (dữ liệu sinh)`,
          ownerUnitId: r.chance(0.92) ? subject.id : null,
          ownerOutside: null,
          ownerContact: null,
          amountVnd: amount,
          issuedOn: concludedOn,
          dueOn,
          status,
          closedOn: closedOn && closedOn > today ? today : closedOn,
        });
      }
    }
  }
  // The state audit's and other bodies' recommendations the inspectorate records to follow (a tenth
  // of the inspections' count), owed by a department or commune.
  for (const year of GENERATED_YEARS)
    for (let n = 0; n < Math.round(shape.inspectionsPerYear / 10); n++) {
      const issuedOn = addDaysStr(`${year}-01-01`, r.int(0, 330));
      if (issuedOn > today) continue;
      const dueOn = addDaysStr(issuedOn, r.int(60, 180));
      const done = dueOn < today ? r.chance(0.7) : r.chance(0.2);
      const closedOn = addDaysStr(dueOn, -r.int(0, 40));
      recs.push({
        id: r.uuid(),
        sourceKind: 'audit',
        sourceId: null,
        sourceRef: `${r.int(1, 300)}/BC-KTNN ngày ${issuedOn.slice(8, 10)}/${issuedOn.slice(5, 7)}/${year}`,
        issuerUnitId: inspectorate.id,
        kind: r.weighted(kinds),
        content: `Kiến nghị của Kiểm toán nhà nước (dữ liệu sinh)`,
        ownerUnitId: r.pick(subjects).id,
        ownerOutside: null,
        ownerContact: null,
        amountVnd: null,
        issuedOn,
        dueOn,
        status: done
          ? 'closed'
          : r.weighted([
              ['open', 2],
              ['in_progress', 2],
            ] as const),
        closedOn: done
          ? addDaysStr(dueOn, -r.int(0, 40)) > today
            ? today
            : addDaysStr(dueOn, -r.int(0, 40))
          : null,
      });
    }
  // Recommendations with no owner unit are owed by an outside body.
  for (const rec of recs)
    if (!rec.ownerUnitId)
      Object.assign(rec, { ownerOutside: 'Công ty TNHH (dữ liệu sinh)', ownerContact: '—' });
  await insertRows(db, inspectionPlans, plans);
  await insertRows(db, inspections, rows, (k) => progress.add(k));
  await insertRows(db, recommendations, recs, (k) => progress.add(k));
  count('inspections', rows.length);
  count('recommendations', recs.length);
}

export const inspectionsGenerator: GeneratorStep = {
  label: 'thanh tra / inspections',
  work: (s) => s.inspectionsPerYear * GENERATED_YEARS.length * 4,
  run: generate,
};
