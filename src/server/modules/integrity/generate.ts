import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { personName } from '#server/generate/names.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { conflictSituations, type GiftKind } from '#shared/integrity/schemas.ts';
import { conflicts, gifts } from './tables.ts';

/** Gifts reported per official and year, and conflicts of interest (a province's registers, estimated). */
const GIFTS_PER_OFFICIAL_YEAR = 0.02;
const CONFLICTS_PER_OFFICIAL_YEAR = 0.005;
const kinds: Array<readonly [GiftKind, number]> = [
  ['goods', 55],
  ['cash', 20],
  ['service', 10],
  ['perishable', 10],
  ['valuable_papers', 5],
];

/**
 * Three years of each unit's gift and conflict-of-interest registers, their steps done mostly in time:
 * older records closed, this year's spread over every stage, a few late. Dates are computed here with
 * calendar days (the clocks' working days are the services'); the lists and their order are what is measured.
 */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, declarants } = w;
  const today = vnToday(now);
  // A step dated after today has not happened yet.
  const upTo = (d: string | null) => (d && d <= today ? d : null);
  const giftRows: (typeof gifts.$inferInsert)[] = [];
  const conflictRows: (typeof conflicts.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS) {
    const nGifts = Math.round(declarants.length * GIFTS_PER_OFFICIAL_YEAR);
    for (let n = 0; n < nGifts; n++) {
      const who = r.pick(declarants);
      const receivedOn = addDaysStr(`${year}-01-01`, r.int(0, 364));
      if (receivedOn > today) continue;
      const age = (Date.parse(today) - Date.parse(receivedOn)) / 86_400_000;
      const kind = r.weighted(kinds);
      const value = kind === 'cash' ? r.int(1, 50) * 500_000 : r.chance(0.7) ? r.int(1, 100) * 100_000 : null;
      const handOverBy = addDaysStr(receivedOn, 7);
      const handedOverOn = upTo(
        age > 10 || r.chance(0.5) ? addDaysStr(receivedOn, r.chance(0.9) ? r.int(0, 6) : r.int(8, 20)) : null,
      );
      const handled =
        handedOverOn && (age > 60 || r.chance(0.4)) ? addDaysStr(handedOverOn, r.int(5, 40)) : null;
      const handledOn = handled && handled <= today ? handled : null;
      const notifiedOn = upTo(
        handledOn && (age > 90 || r.chance(0.5)) ? addDaysStr(handledOn, r.int(1, 9)) : null,
      );
      const reportedOn = upTo(addDaysStr(receivedOn, r.int(0, 3))) ?? today;
      const proceeds = kind === 'goods' && handledOn ? Math.round((value ?? 1_000_000) * 0.9) : null;
      const remittedOn =
        handledOn && (kind === 'cash' || kind === 'valuable_papers' || (kind === 'goods' && notifiedOn))
          ? handledOn
          : null;
      const done = notifiedOn && (kind !== 'goods' || remittedOn);
      const stage = done ? 'closed' : handledOn ? 'handled' : handedOverOn ? 'handed_over' : 'reported';
      const notifyBy = handledOn ? addDaysStr(handledOn, 7) : null;
      giftRows.push({
        id: r.uuid(),
        unitId: who.unitId,
        recipientId: who.id,
        recipientName: who.name,
        reportedBy: who.id,
        receivedOn,
        reportedOn,
        place: 'Trụ sở cơ quan',
        circumstances: 'Gửi kèm hồ sơ công việc (dữ liệu sinh)',
        giverName: personName(r),
        giverAgency: `Công ty TNHH ${r.int(1, 900)} (dữ liệu sinh)`,
        relationship: 'Doanh nghiệp có hồ sơ đang giải quyết',
        kind,
        description: kind === 'cash' ? 'Phong bì tiền mặt' : 'Quà tặng (dữ liệu sinh)',
        valueVnd: value,
        stage,
        handOverBy,
        handedOverOn,
        receivedBy: handedOverOn ? 'Văn phòng' : null,
        handledOn,
        proceedsVnd: proceeds,
        costsVnd: proceeds ? 0 : null,
        remitBy: kind === 'goods' && handledOn ? addDaysStr(handledOn, 30) : null,
        remittedOn,
        remittedVnd: remittedOn ? (proceeds ?? value ?? 0) : null,
        notifyBy,
        notifiedOn,
        notifiedBody: notifiedOn ? 'Cơ quan quản lý người tặng' : null,
        published: done ? r.chance(0.3) : false,
        nextDueOn: done ? null : !handedOverOn ? handOverBy : notifyBy && !notifiedOn ? notifyBy : null,
      });
    }
    const nConflicts = Math.round(declarants.length * CONFLICTS_PER_OFFICIAL_YEAR);
    for (let n = 0; n < nConflicts; n++) {
      const who = r.pick(declarants);
      const arisenOn = addDaysStr(`${year}-01-01`, r.int(0, 360));
      const reportedOn = addDaysStr(arisenOn, r.chance(0.85) ? r.int(0, 6) : r.int(8, 30));
      if (reportedOn > today) continue;
      const age = (Date.parse(today) - Date.parse(reportedOn)) / 86_400_000;
      const decideBy = addDaysStr(reportedOn, 7);
      const decidedOn = upTo(
        age > 14 || r.chance(0.5)
          ? addDaysStr(reportedOn, r.chance(0.85) ? r.int(0, 6) : r.int(8, 15))
          : null,
      );
      const measure = decidedOn
        ? r.weighted([
            ['supervision', 50],
            ['temporary_transfer', 20],
            ['none', 25],
            ['temporary_suspension', 5],
          ] as const)
        : null;
      const notifiedOn = upTo(
        decidedOn && (age > 30 || r.chance(0.6)) ? addDaysStr(decidedOn, r.int(0, 6)) : null,
      );
      const ended = upTo(notifiedOn && age > 120 ? addDaysStr(notifiedOn, r.int(30, 90)) : null);
      const stage = !decidedOn
        ? 'reported'
        : !notifiedOn
          ? 'decided'
          : measure === 'none' || ended
            ? 'closed'
            : 'in_force';
      conflictRows.push({
        id: r.uuid(),
        unitId: who.unitId,
        personId: who.id,
        personName: who.name,
        reporter: r.chance(0.8) ? 'self' : 'colleague',
        reportedBy: who.id,
        situation: r.pick(conflictSituations),
        task: 'Nhiệm vụ được giao (dữ liệu sinh)',
        description: 'Xung đột lợi ích (dữ liệu sinh)',
        arisenOn,
        reportedOn,
        reportBy: addDaysStr(arisenOn, 7),
        impact: 'Có thể ảnh hưởng tính khách quan',
        stage,
        measure,
        decideBy,
        decidedOn,
        decisionNo: measure && measure !== 'none' ? `${r.int(1, 300)}/QĐ` : null,
        supervisor: measure === 'supervision' ? personName(r) : null,
        notifyBy: decidedOn ? addDaysStr(decidedOn, 7) : null,
        notifiedOn,
        endedOn: ended && stage === 'closed' ? ended : null,
        endReason: ended && stage === 'closed' && measure !== 'none' ? 'conflict_ended' : null,
        nextDueOn: stage === 'reported' ? decideBy : stage === 'decided' ? addDaysStr(decidedOn!, 7) : null,
      });
    }
  }
  await insertRows(db, gifts, giftRows, (k) => progress.add(k));
  await insertRows(db, conflicts, conflictRows, (k) => progress.add(k));
  count('gifts', giftRows.length);
  count('conflicts of interest', conflictRows.length);
}

export const integrityGenerator: GeneratorStep = {
  label: 'quà tặng, xung đột lợi ích / gifts, conflicts',
  work: (s) =>
    Math.round(s.users * GENERATED_YEARS.length * (GIFTS_PER_OFFICIAL_YEAR + CONFLICTS_PER_OFFICIAL_YEAR)),
  run: generate,
};
