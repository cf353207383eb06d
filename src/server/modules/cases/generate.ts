import { randomUUIDv7 } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { personName } from '#server/generate/names.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import { inspections } from '#server/modules/inspections/tables.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import type { CaseSource, CaseStage } from '#shared/cases/schemas.ts';
import { casePersons, cases, recoveryItems, recoveryPayments, referrals } from './tables.ts';

const sources: Array<readonly [CaseSource, number]> = [
  ['inspection', 35],
  ['check', 10],
  ['audit', 8],
  ['declaration_verification', 5],
  ['citizen_report', 22],
  ['staff_report', 8],
  ['press', 5],
  ['investigation', 5],
  ['other', 2],
];
const CASES_PER_INSPECTION = 0.83;

/**
 * The cases of three years (issue 19's scale: ~1,500 for ~1,800 inspections): by every source, a third
 * from the inspections just generated; their persons; a fifth referred to investigators (answered, or
 * waiting — some past their period); half with money or assets to recover, decided and paid back in
 * instalments whose sum is the item's recovered total (the ledger reconciles). Same seed, same numbers.
 */
async function generate(w: ProvinceWorld) {
  const { db, r, shape, progress, now, count, inspectorate, departments, communes } = w;
  const today = vnToday(now);
  // Never the inspectorate itself (it would judge itself: org/inspectorate.ts).
  const subjects = [...departments, ...communes].filter((u) => u.id !== inspectorate.id);
  const concluded = await db
    .select({ id: inspections.id, subject: inspections.subjectUnitId, on: inspections.concludedOn })
    .from(inspections)
    .where(
      and(eq(inspections.unitId, inspectorate.id), inArray(inspections.status, ['concluded', 'directed'])),
    );
  const caseRows: (typeof cases.$inferInsert)[] = [];
  const persons: (typeof casePersons.$inferInsert)[] = [];
  const refs: (typeof referrals.$inferInsert)[] = [];
  const items: (typeof recoveryItems.$inferInsert)[] = [];
  const payments: (typeof recoveryPayments.$inferInsert)[] = [];
  const total = Math.round(shape.inspectionsPerYear * GENERATED_YEARS.length * CASES_PER_INSPECTION);
  for (let n = 0; n < total; n++) {
    const year = GENERATED_YEARS[n % GENERATED_YEARS.length]!;
    let source = r.weighted(sources);
    const fromInspection = source === 'inspection' ? concluded[r.int(0, concluded.length - 1)] : undefined;
    if (source === 'inspection' && !fromInspection?.on) source = 'check';
    const detectedOn = fromInspection?.on ?? addDaysStr(`${year}-01-01`, r.int(0, year === 2026 ? 320 : 364));
    if (detectedOn > today) continue;
    const age = (Date.parse(today) - Date.parse(detectedOn)) / 86_400_000;
    const stage: CaseStage =
      age > 400
        ? r.weighted([
            ['closed', 8],
            ['concluded', 2],
          ] as const)
        : age > 120
          ? r.weighted([
              ['concluded', 4],
              ['closed', 3],
              ['handling', 2],
              ['referred', 1],
            ] as const)
          : r.weighted([
              ['verifying', 4],
              ['handling', 3],
              ['referred', 1],
            ] as const);
    const id = r.uuid();
    const damage = r.chance(0.7) ? r.int(1, 500) * 10_000_000 : 0;
    caseRows.push({
      id,
      unitId: inspectorate.id,
      subjectUnitId: (fromInspection?.subject as string | undefined) ?? r.pick(subjects).id,
      title: `Vụ việc ${n + 1} (dữ liệu sinh)`,
      kind: r.chance(0.02) ? 'retaliation' : 'corruption',
      source,
      inspectionId: fromInspection?.id ?? null,
      detectedOn,
      stage,
      damageVnd: damage,
      seriousness:
        stage === 'concluded' || stage === 'closed' ? r.pick(['less_serious', 'serious'] as const) : null,
      closedOn: stage === 'closed' ? addDaysStr(detectedOn, r.int(30, 300)) : null,
    });
    for (let k = r.int(1, 3); k > 0; k--)
      persons.push({
        id: r.uuid(),
        caseId: id,
        fullName: personName(r),
        position: r.pick(['Chuyên viên', 'Trưởng phòng', 'Phó Trưởng phòng', 'Kế toán', 'Chủ tịch UBND xã']),
        disciplineForm: stage === 'closed' ? r.pick(['reprimand', 'warning', 'demotion'] as const) : null,
      });
    // A fifth go to investigators: answered within their period, or still waiting (some past it).
    if (stage === 'referred' || (stage !== 'verifying' && r.chance(0.15))) {
      const sentOn = addDaysStr(detectedOn, r.int(0, 20));
      if (sentOn <= today) {
        const answered = sentOn < addDaysStr(today, -90) || r.chance(0.5);
        const decisionOn = addDaysStr(sentOn, r.int(10, 50));
        refs.push({
          id: r.uuid(),
          caseId: id,
          bodyKind: r.weighted([
            ['police', 8],
            ['procuracy', 1.5],
            ['army', 0.5],
          ] as const),
          bodyName: 'Cơ quan Cảnh sát điều tra Công an tỉnh',
          stage: 'during',
          sentOn,
          sendBy: detectedOn,
          documentNo: `${r.int(1, 300)}/TTr-KNKT`,
          receivedOn: addDaysStr(sentOn, r.int(1, 3)),
          answerDueOn: answered && decisionOn <= today ? null : addDaysStr(sentOn, 20),
          decision:
            answered && decisionOn <= today
              ? r.weighted([
                  ['prosecute', 5],
                  ['not_prosecute', 3],
                  ['transfer', 1],
                  ['suspend', 1],
                ] as const)
              : null,
          decisionOn: answered && decisionOn <= today ? decisionOn : null,
          decisionNo: answered && decisionOn <= today ? `${r.int(1, 90)}/QĐ-CSĐT` : null,
        });
      }
    }
    // Half with money or assets to recover, decided and paid back in instalments.
    if (damage > 0 && r.chance(0.7)) {
      for (let k = r.int(1, 2); k > 0; k--) {
        const itemId = r.uuid();
        const recommended = Math.floor((damage * (0.3 + r.float() * 0.7)) / 1_000_000) * 1_000_000;
        const decidedOn = addDaysStr(detectedOn, r.int(15, 120));
        const decided = decidedOn <= today && r.chance(0.85) ? recommended : null;
        let recovered = 0;
        if (decided) {
          let paidOn = decidedOn;
          for (let p = r.int(0, 4); p > 0; p--) {
            paidOn = addDaysStr(paidOn, r.int(10, 90));
            if (paidOn > today) break;
            const amount = Math.min(decided - recovered, r.int(1, 40) * 5_000_000);
            if (amount <= 0) break;
            recovered += amount;
            payments.push({
              id: randomUUIDv7(),
              itemId,
              paidOn,
              amountVnd: amount,
              at: new Date(`${paidOn}T03:00:00Z`),
            });
          }
        }
        items.push({
          id: itemId,
          caseId: id,
          kind: r.chance(0.8) ? 'money' : 'asset',
          description: 'Khoản phải thu hồi (dữ liệu sinh)',
          measure: r.chance(0.65) ? 'administrative' : 'judicial',
          returnTo: r.chance(0.9) ? 'budget' : 'owner',
          recommendedVnd: recommended,
          decidedVnd: decided,
          decidedOn: decided ? decidedOn : null,
          decisionNo: decided ? `${r.int(1, 300)}/QĐ` : null,
          recoveredVnd: recovered,
        });
      }
    }
  }
  await insertRows(db, cases, caseRows, (k) => progress.add(k));
  await insertRows(db, casePersons, persons);
  await insertRows(db, referrals, refs);
  await insertRows(db, recoveryItems, items);
  await insertRows(db, recoveryPayments, payments);
  count('cases', caseRows.length);
  count('recovery items', items.length);
}

export const casesGenerator: GeneratorStep = {
  label: 'vụ việc / cases',
  work: (s) => Math.round(s.inspectionsPerYear * GENERATED_YEARS.length * CASES_PER_INSPECTION),
  run: generate,
};
