import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue, extendClock, finishClocks, startClock } from '#server/modules/clocks/service.ts';
import { startedClocks } from '#server/modules/clocks/tables.ts';
import { referralMade } from '#server/modules/inspections/service.ts';
import { inspections } from '#server/modules/inspections/tables.ts';
import type { referralDecisions, referralEvents } from '#shared/cases/schemas.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type MessageKey, translate } from '#shared/i18n/index.ts';
import {
  addEvent,
  bump,
  checkDate,
  getCase,
  loadCase,
  type ReferralRow,
  refreshNextDue,
  stageOrder,
  waitingFor,
} from './service.ts';
import { cases, referrals } from './tables.ts';

/**
 * Referral of signs of crime to an investigating body (issue 19; DOMAIN-2 §5.2): sent on time, its
 * receipt and period (20 days, 2 months when complex, one extension) on the clock engine, a prompt when
 * no answer comes, and its decision, all recorded by the inspectorate (the body has no account).
 */

export async function addReferral(
  ctx: Ctx,
  caseId: string,
  input: {
    bodyKind: ReferralRow['bodyKind'];
    bodyName: string;
    bodyContact?: string | null | undefined;
    stage: ReferralRow['stage'];
    sentOn: string;
    documentNo: string;
    procuracyNotifiedOn?: string | null | undefined;
    note?: string | null | undefined;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, caseId, true);
    const c = r.c;
    if (c.stage === 'closed') throw fieldError('stage', 'field.case_closed');
    checkDate(ctx, 'sentOn', input.sentOn, c.detectedOn);
    // The procuracy is told of the referral: on or after the day it is sent (re-test N6).
    if (input.procuracyNotifiedOn)
      checkDate(ctx, 'procuracyNotifiedOn', input.procuracyNotifiedOn, input.sentOn);
    // During an inspection the file goes "immediately"; after it, within 5 working days of the
    // conclusion's signature (TTLT 03/2018 Art. 5): the date it was due is kept to show a late referral.
    let sendBy: string | null = c.detectedOn;
    if (input.stage === 'after') {
      const [i] = c.inspectionId
        ? await tx
            .select({ concludedOn: inspections.concludedOn })
            .from(inspections)
            .where(eq(inspections.id, c.inspectionId))
        : [];
      if (!i?.concludedOn) throw fieldError('stage', 'field.referral_after_needs_conclusion');
      if (input.sentOn < i.concludedOn)
        throw fieldError('sentOn', 'field.date_not_earlier', { date: formatLegalDate(i.concludedOn) });
      sendBy = (await computeDue(tx, 'referral.transfer_after', i.concludedOn)).due;
    }
    const [f] = await tx
      .insert(referrals)
      .values({
        caseId,
        bodyKind: input.bodyKind,
        bodyName: input.bodyName,
        bodyContact: input.bodyContact ?? null,
        stage: input.stage,
        sentOn: input.sentOn,
        sendBy,
        documentNo: input.documentNo,
        procuracyNotifiedOn: input.procuracyNotifiedOn ?? null,
        note: input.note ?? null,
      })
      .returning();
    const subject = { kind: 'referral' as const, id: f!.id };
    await startClock(tx, subject, 'referral.receipt_notice', input.sentOn).catch(sentRange);
    // Until the body says when it received the file, its period runs from the day it was sent.
    const answer = await startClock(tx, subject, 'referral.answer', input.sentOn).catch(sentRange);
    await tx.update(referrals).set({ answerDueOn: answer.due }).where(eq(referrals.id, f!.id));
    await tx
      .update(cases)
      .set({
        stage: stageOrder.indexOf(c.stage) < stageOrder.indexOf('referred') ? 'referred' : c.stage,
        version: c.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(cases.id, caseId));
    await refreshNextDue(tx, caseId);
    await addEvent(ctx, tx, caseId, { kind: 'referred', note: `${input.documentNo} — ${input.bodyName}` });
    if (c.inspectionId)
      await referralMade(
        ctx,
        tx,
        c.inspectionId,
        `Đã chuyển hồ sơ ${input.documentNo} đến ${input.bodyName} ngày ${formatLegalDate(input.sentOn)}.`,
      );
    await audit(tx, ctx, {
      action: 'referral.sent',
      entityType: 'case',
      entityId: caseId,
      unitId: c.unitId,
      changes: { referral: f!.id, bodyKind: input.bodyKind, stage: input.stage, sentOn: input.sentOn },
    });
    return getCase(ctx, caseId, tx);
  });
}

function sentRange(e: unknown): never {
  if (e instanceof AppError && e.details.fields?.start)
    throw fieldError('sentOn', 'field.clock_not_in_force');
  throw e;
}

/**
 * What the inspectorate records of the investigating body: its receipt (its period runs from then), a
 * complex case (2 months), the procuracy's one extension (2 months), a follow-up request when no answer
 * came, and its decision. "Verify further" keeps the referral waiting.
 */
export async function recordReferralEvent(
  ctx: Ctx,
  id: string,
  input: {
    event: (typeof referralEvents)[number];
    on: string;
    decision?: (typeof referralDecisions)[number] | null | undefined;
    documentNo?: string | null | undefined;
    note?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
    if (!f) throw new AppError('not_found');
    const r = await loadCase(ctx, tx, f.caseId, true);
    if (f.version !== input.version) throw new AppError('conflict');
    // Nothing the body does comes before its receipt, once recorded (re-test N6).
    checkDate(ctx, 'on', input.on, input.event === 'received' ? f.sentOn : (f.receivedOn ?? f.sentOn));
    const waiting = waitingFor(f);
    if (!waiting && input.event !== 'follow_up') throw fieldError('event', 'field.referral_answered');
    const subject = { kind: 'referral' as const, id };
    const code = f.complex ? 'referral.answer_complex' : 'referral.answer';
    const ext: Record<string, number> = f.extended ? { procuracy: 1 } : {};
    const set: Partial<ReferralRow> = {};
    switch (input.event) {
      case 'received': {
        if (f.receivedOn) throw fieldError('event', 'field.referral_received');
        await finishClocks(tx, id, input.on, ['referral.receipt_notice', code]);
        const due = await startClock(tx, subject, code, input.on, ext);
        Object.assign(set, { receivedOn: input.on, answerDueOn: due.due });
        break;
      }
      case 'complex': {
        if (f.complex) throw fieldError('event', 'field.referral_complex');
        const start = f.receivedOn ?? f.sentOn;
        await tx
          .delete(startedClocks)
          .where(
            and(
              eq(startedClocks.subjectId, id),
              eq(startedClocks.code, 'referral.answer'),
              isNull(startedClocks.doneOn),
            ),
          );
        const due = await startClock(tx, subject, 'referral.answer_complex', start, ext);
        Object.assign(set, { complex: true, answerDueOn: due.due });
        break;
      }
      case 'extended': {
        // The procuracy extends once, by up to two months (CPC Art. 147(3)).
        if (f.extended) throw fieldError('event', 'field.extension_used');
        const due = await extendClock(tx, id, code, { procuracy: 1 });
        if (!due) throw fieldError('event', 'field.referral_answered');
        Object.assign(set, { extended: true, answerDueOn: due.due });
        break;
      }
      case 'follow_up':
        Object.assign(set, { followUps: f.followUps + 1, lastFollowUpOn: input.on });
        break;
      case 'decision': {
        if (!input.decision) throw fieldError('decision', 'field.required');
        if (!input.documentNo) throw fieldError('documentNo', 'field.required');
        Object.assign(set, {
          decision: input.decision,
          decisionOn: input.on,
          decisionNo: input.documentNo,
        });
        if (input.decision !== 'verify_further') {
          await finishClocks(tx, id, input.on);
          set.answerDueOn = null;
        }
        break;
      }
    }
    if (input.note) set.note = input.note;
    await tx
      .update(referrals)
      .set({ ...set, version: f.version + 1 })
      .where(eq(referrals.id, id));
    await bump(ctx, tx, r.c);
    await refreshNextDue(tx, f.caseId);
    await addEvent(ctx, tx, f.caseId, {
      kind: `referral_${input.event}`,
      // The record's words, not a code: the history reads "Khởi tố vụ án — 41/QĐ-CSĐT" (issue-19 review).
      note:
        [
          input.decision ? translate('vi', `ui.case.decision.${input.decision}` as MessageKey) : null,
          input.documentNo,
          input.note,
        ]
          .filter(Boolean)
          .join(' — ') || null,
    });
    await audit(tx, ctx, {
      action: 'referral.recorded',
      entityType: 'case',
      entityId: f.caseId,
      unitId: r.c.unitId,
      changes: {
        referral: id,
        event: input.event,
        on: input.on,
        ...(input.decision ? { decision: input.decision } : {}),
      },
    });
    return getCase(ctx, f.caseId, tx);
  });
}
