import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue } from '#server/modules/clocks/service.ts';
import { deadlineRules, startedClocks } from '#server/modules/clocks/tables.ts';
import { encrypt, encryptJson, equalBytes, unseal } from '#server/modules/keys/crypto.ts';
import { myKeyPair } from '#server/modules/keys/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { unitContacts, units } from '#server/modules/org/tables.ts';
import { withExtension } from '#shared/clocks/due.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import {
  type complaintTracks,
  namedOnlyKinds,
  type ReportStepCode,
  type triageKinds,
} from '#shared/reports/schemas.ts';
import {
  COMPLAINT_TRACK,
  finishClocks,
  mainClock,
  mainClocksOf,
  refreshNextDue,
  startClock,
} from './clocks.ts';
import { handledUnit, receivedUnit, reportNumber, type SubmittedFile } from './common.ts';
import { type Audience, ad, audienceOf, keyFor, recipientsOf, sealTo, sealToUsers } from './crypt.ts';
import { getReport, loadForUpdate, loadReport } from './inbox.ts';
import { cleanFiles, insertReportFiles } from './intake.ts';
import { openSteps, stepClock, stepsOf, stepsOfKind } from './steps.ts';
import {
  reportFiles,
  reportKeys,
  reportMessages,
  reportStepRecords,
  reports,
  reportTasks,
} from './tables.ts';

async function bump(tx: Db, id: string, set: Partial<typeof reports.$inferInsert>) {
  await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1`, updatedAt: new Date() })
    .where(eq(reports.id, id));
}

async function checkHandler(tx: Db, report: Audience, unitPath: string, handlerId: string) {
  const ok = (await audienceOf(tx, report, unitPath, 'intake_officer')).some((r) => r.userId === handlerId);
  if (!ok) throw fieldError('handlerId', 'field.handler_not_recipient');
}

/** Classifies a report and starts the clocks the law sets for that kind. */
export async function triageReport(
  ctx: Ctx,
  id: string,
  input: {
    kind: (typeof triageKinds)[number];
    handlerId?: string | null;
    message?: string | null;
    complaintTrack?: (typeof complaintTracks)[number] | null;
    documentNo?: string | null;
    documentDate?: string | null;
    firstDecisionNo?: string | null;
    firstDecisionDate?: string | null;
    firstDecisionBy?: string | null;
  },
) {
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    if (r.kind !== 'unclassified') throw new AppError('conflict');
    if (input.complaintTrack && input.kind !== 'complaint')
      throw fieldError('complaintTrack', 'field.invalid');
    const accepts = input.kind === 'denunciation' || input.kind === 'complaint';
    if ((input.documentNo || input.documentDate) && !accepts) throw fieldError('documentNo', 'field.invalid');
    if (input.documentDate && input.documentDate > today)
      throw fieldError('documentDate', 'field.date_range');
    if (!r.named && namedOnlyKinds.includes(input.kind)) throw fieldError('kind', 'field.kind_not_allowed');
    if (input.kind === 'out_of_scope' && !input.message) throw fieldError('message', 'field.required');
    // A complaint's track: the one chosen, else the first instance in the handling unit's area.
    const [contact] = await tx
      .select({ remote: unitContacts.remoteArea })
      .from(unitContacts)
      .where(eq(unitContacts.unitId, r.unitId));
    const track =
      input.kind === 'complaint'
        ? (input.complaintTrack ?? (contact?.remote ? 'first_remote' : 'first'))
        : null;
    // A second-instance complaint is about a first-instance decision: which one is part of accepting it.
    const second = track === 'second' || track === 'second_remote';
    if (!second && (input.firstDecisionNo || input.firstDecisionDate || input.firstDecisionBy))
      throw fieldError('firstDecisionNo', 'field.invalid');
    if (second && !input.firstDecisionNo) throw fieldError('firstDecisionNo', 'field.required');
    if (second && !input.firstDecisionDate) throw fieldError('firstDecisionDate', 'field.required');
    // The decision complained of came before the complaint.
    if (input.firstDecisionDate && input.firstDecisionDate > r.receivedOn)
      throw fieldError('firstDecisionDate', 'field.date_range');
    if (input.handlerId) await checkHandler(tx, r, unitPath, input.handlerId);
    await finishClocks(tx, id, today, ['denunciation.initial_processing']);
    if (input.kind === 'denunciation') await startClock(tx, id, 'denunciation.notify_acceptance', today);
    // Accepting a complaint is this act: its clock ran from receipt (Law on Complaints Art. 27).
    if (input.kind === 'complaint') {
      await startClock(tx, id, 'complaint.acceptance', r.receivedOn);
      await finishClocks(tx, id, today, ['complaint.acceptance']);
    }
    const main = track ? COMPLAINT_TRACK[track] : mainClock[input.kind];
    if (main) await startClock(tx, id, main, today);
    if (accepts && (input.documentNo || input.documentDate)) {
      const document = { documentNo: input.documentNo ?? null, documentDate: input.documentDate ?? null };
      await tx
        .insert(reportStepRecords)
        .values({ reportId: id, code: 'accepted', on: today, recordedBy: ctx.actor.userId!, ...document })
        .onConflictDoUpdate({
          target: [reportStepRecords.reportId, reportStepRecords.code],
          set: { on: today, recordedBy: ctx.actor.userId!, ...document },
        });
    }
    if (input.kind === 'out_of_scope') {
      const key = await keyFor({ ...ctx, db: tx }, id, 'content');
      await addMessageTx(tx, ctx, id, key, 'message', input.message!);
      await bump(tx, id, {
        kind: input.kind,
        status: 'closed',
        outcome: 'out_of_scope',
        closedAt: ctx.clock.now(),
        closedOn: today,
        handlerId: input.handlerId ?? ctx.actor.userId,
      });
    } else {
      await bump(tx, id, {
        kind: input.kind,
        status: 'in_progress',
        handlerId: input.handlerId ?? r.handlerId,
        ...(second
          ? {
              firstDecision: encryptJson(
                await keyFor({ ...ctx, db: tx }, id, 'content'),
                {
                  documentNo: input.firstDecisionNo!,
                  documentDate: input.firstDecisionDate!,
                  issuedBy: input.firstDecisionBy ?? null,
                },
                ad.firstDecision(id),
              ),
            }
          : {}),
      });
    }
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'report.triaged',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: {
        kind: input.kind,
        handlerId: input.handlerId ?? null,
        ...(main && main !== mainClock[input.kind] ? { clock: main } : {}),
        ...(input.documentNo ? { documentNo: input.documentNo } : {}),
        // That a first decision was given, never which: it is sealed with the content.
        ...(second ? { firstDecision: true } : {}),
      },
    });
  });
  return getReport(ctx, id);
}

export async function assignReport(ctx: Ctx, id: string, handlerId: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    await checkHandler(tx, r, unitPath, handlerId);
    await bump(tx, id, { handlerId });
    await audit(tx, ctx, {
      action: 'report.assigned',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { handlerId: [r.handlerId, handlerId] },
    });
    if (handlerId !== ctx.actor.userId)
      await notify(tx, {
        userId: handlerId,
        messageKey: 'notification.report_assigned',
        values: { number: reportNumber(r.seq, r.receivedOn) },
        link: `/app/reports/${id}`,
      });
  });
  return getReport(ctx, id);
}

/**
 * Sends the report to the competent unit: its intake officers (and custodians, for the identity) get the
 * keys; the sending unit keeps read access as a follow-up and hears the outcome. The transfer clock
 * (from receipt) is recorded as done today.
 */
export async function forwardReport(ctx: Ctx, id: string, input: { unitId: string; note?: string | null }) {
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    const [target] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (target?.status !== 'active' || target.id === r.unitId) throw fieldError('unitId', 'field.invalid');
    // A report about a head never goes to a desk of the head's own unit (nobody there could read it;
    // re-test sec22c C4), nor to one whose every officer is kept from it.
    if (r.independentOfUnitId) {
      const [inside] = await rows<{ yes: boolean }>(
        tx,
        sql`select ${target.path} like h.path || '%' as yes from units h where h.id = ${r.independentOfUnitId}`,
      );
      if (inside?.yes) throw fieldError('unitId', 'field.invalid');
    }
    const officers = await audienceOf(tx, r, target.path, 'intake_officer');
    if (officers.length === 0) throw fieldError('unitId', 'field.no_recipients');
    const key = await keyFor({ ...ctx, db: tx }, id, 'content');
    await sealTo(tx, id, 'content', key, officers);
    if (r.named) {
      // The identity key moves only if this user holds it (after a custodian's approval) — else a
      // custodian of the new unit cannot see it until one of the first unit's custodians shares it.
      const idKey = await keyFor({ ...ctx, db: tx }, id, 'identity').catch(() => null);
      if (idKey) await sealTo(tx, id, 'identity', idKey, await recipientsOf(tx, target.path, 'custodian'));
    }
    const transfer = await computeDue(tx, 'denunciation.transfer', r.receivedOn);
    await tx.insert(startedClocks).values({
      subjectKind: 'report',
      subjectId: id,
      code: 'denunciation.transfer',
      ruleId: transfer.ruleId,
      startOn: r.receivedOn,
      dueOn: transfer.due,
      doneOn: today,
    });
    // The competent unit starts the handling afresh: the steps taken here were this unit's.
    await tx.delete(reportStepRecords).where(eq(reportStepRecords.reportId, id));
    await finishClocks(tx, id, today);
    await startClock(tx, id, 'denunciation.initial_processing', today);
    if (input.note) await addMessageTx(tx, ctx, id, key, 'note', input.note);
    await bump(tx, id, {
      unitId: target.id,
      forwardedAt: ctx.clock.now(),
      handlerId: null,
      kind: 'unclassified',
      status: 'received',
    });
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'report.forwarded',
      entityType: 'report',
      entityId: id,
      unitId: target.id,
      changes: { from: r.unitId, to: target.id, fromPath: unitPath },
    });
    for (const o of officers)
      await notify(tx, {
        userId: o.userId,
        messageKey: 'notification.report_forwarded',
        values: { number: reportNumber(r.seq, r.receivedOn) },
        link: `/app/reports/${id}`,
        dedupeKey: `report:${id}:forwarded:${target.id}:${o.userId}`,
      });
  });
  return getReport(ctx, id);
}

/** A duplicate is closed into the report it repeats; both reporters' receipts keep working. */
export async function mergeReport(ctx: Ctx, id: string, intoId: string) {
  if (id === intoId) throw fieldError('intoId', 'field.same_report');
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id);
    const into = await loadReport(ctx, intoId, tx).catch(() => null);
    if (!into?.canHandle) throw fieldError('intoId', 'field.invalid');
    if (into.r.mergedIntoId) throw fieldError('intoId', 'field.invalid');
    await finishClocks(tx, id, today);
    await bump(tx, id, {
      status: 'closed',
      outcome: 'merged',
      mergedIntoId: intoId,
      closedAt: ctx.clock.now(),
      closedOn: today,
      nextDueOn: null,
    });
    await audit(tx, ctx, {
      action: 'report.merged',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { into: intoId },
    });
  });
  return getReport(ctx, id);
}

async function addMessageTx(
  tx: Db,
  ctx: Ctx,
  id: string,
  key: Uint8Array,
  kind: 'message' | 'question' | 'note',
  body: string,
) {
  const messageId = randomUUID();
  await tx.insert(reportMessages).values({
    id: messageId,
    reportId: id,
    author: 'staff',
    userId: ctx.actor.userId,
    kind,
    body: encrypt(key, new TextEncoder().encode(body), ad.message(id, messageId)),
  });
  return messageId;
}

/** A message or question to the reporter (seen on their receipt page), or an internal note. */
export async function addMessage(
  ctx: Ctx,
  id: string,
  input: { kind: 'message' | 'question' | 'note'; body: string },
) {
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id);
    const key = await keyFor({ ...ctx, db: tx }, id, 'content');
    const messageId = await addMessageTx(tx, ctx, id, key, input.kind, input.body);
    if (input.kind !== 'note') {
      await bump(tx, id, { lastStaffReplyAt: ctx.clock.now() });
      // Telling the denouncer that the denunciation was accepted is the act that clock measures.
      if (r.kind === 'denunciation') await finishClocks(tx, id, today, ['denunciation.notify_acceptance']);
      await refreshNextDue(tx, id);
    }
    await audit(tx, ctx, {
      action: input.kind === 'note' ? 'report.note_added' : 'report.message_sent',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { messageId, kind: input.kind },
    });
  });
  return getReport(ctx, id);
}

export async function addStaffFiles(ctx: Ctx, id: string, files: SubmittedFile[]) {
  // Who may add files is checked before any is cleaned: cleaning is the costly part (the re-test's L3).
  await ctx.db.transaction((tx) => loadForUpdate(ctx, tx, id));
  const clean = await cleanFiles(files, ctx.config.uploadMaxBytes);
  if (clean.length === 0) throw fieldError('files', 'field.required');
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id);
    const key = await keyFor({ ...ctx, db: tx }, id, 'content');
    await insertReportFiles(tx, id, key, clean, 'staff');
    await audit(tx, ctx, {
      action: 'report.files_added',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { count: clean.length },
    });
  });
  return getReport(ctx, id);
}

export async function addTask(
  ctx: Ctx,
  id: string,
  input: { title: string; assigneeId?: string | null; dueOn?: string | null },
) {
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    if (input.assigneeId) {
      const ok = (await audienceOf(tx, r, unitPath, 'intake_officer')).some(
        (x) => x.userId === input.assigneeId,
      );
      if (!ok) throw fieldError('assigneeId', 'field.handler_not_recipient');
    }
    const key = await keyFor({ ...ctx, db: tx }, id, 'content');
    const taskId = randomUUID();
    await tx.insert(reportTasks).values({
      id: taskId,
      reportId: id,
      title: encrypt(key, new TextEncoder().encode(input.title), ad.task(id, taskId)),
      assigneeId: input.assigneeId ?? null,
      dueOn: input.dueOn ?? null,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'report.task_added',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { taskId, assigneeId: input.assigneeId ?? null, dueOn: input.dueOn ?? null },
    });
    if (input.assigneeId && input.assigneeId !== ctx.actor.userId)
      await notify(tx, {
        userId: input.assigneeId,
        messageKey: 'notification.report_task',
        values: { number: reportNumber(r.seq, r.receivedOn) },
        link: `/app/reports/${id}`,
      });
  });
  return getReport(ctx, id);
}

export async function updateTask(ctx: Ctx, taskId: string, input: { done: boolean }) {
  const [t] = await ctx.db.select().from(reportTasks).where(eq(reportTasks.id, taskId));
  if (!t) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, t.reportId);
    await tx
      .update(reportTasks)
      .set({ doneAt: input.done ? ctx.clock.now() : null })
      .where(eq(reportTasks.id, taskId));
    await audit(tx, ctx, {
      action: 'report.task_updated',
      entityType: 'report',
      entityId: r.id,
      unitId: r.unitId,
      changes: { taskId, done: input.done },
    });
  });
  return getReport(ctx, t.reportId);
}

/** Extends an open clock by one of its rule's allowed extensions (e.g. a complex denunciation). */
/** One clock of the report, with its rule; another report's clock is not found. */
async function clockOf(tx: Db, reportId: string, clockId: string) {
  const [row] = await tx
    .select({ c: startedClocks, rule: deadlineRules })
    .from(startedClocks)
    .innerJoin(deadlineRules, eq(deadlineRules.id, startedClocks.ruleId))
    .where(and(eq(startedClocks.id, clockId), eq(startedClocks.subjectId, reportId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function extendClock(ctx: Ctx, id: string, clockId: string, code: string) {
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id);
    const c = await clockOf(tx, id, clockId);
    if (c.c.doneOn) throw new AppError('not_found');
    if (!c.rule.extensions.some((x) => x.code === code)) throw fieldError('code', 'field.invalid');
    const extensions = withExtension(c.rule, c.c.extensions, code);
    if (!extensions) throw fieldError('code', 'field.extension_used');
    const due = await computeDue(tx, c.c.code, c.c.startOn, extensions);
    await tx.update(startedClocks).set({ extensions, dueOn: due.due }).where(eq(startedClocks.id, clockId));
    await refreshNextDue(tx, id);
    await bump(tx, id, {});
    await audit(tx, ctx, {
      action: 'report.clock_extended',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { clock: c.c.code, extension: code, dueOn: [c.c.dueOn, due.due] },
    });
  });
  return getReport(ctx, id);
}

/** The handler marks a step's clock done (a notice sent, the conclusion published): the step, recorded today. */
export async function completeStep(ctx: Ctx, id: string, clockId: string) {
  const [c] = await ctx.db
    .select({ code: startedClocks.code, doneOn: startedClocks.doneOn })
    .from(startedClocks)
    .where(and(eq(startedClocks.id, clockId), eq(startedClocks.subjectId, id)));
  const code = (Object.keys(stepClock) as ReportStepCode[]).find((k) => stepClock[k] === c?.code);
  // Who may not handle the report learns nothing, whatever the clock.
  await ctx.db.transaction((tx) => loadForUpdate(ctx, tx, id, { closed: true }));
  if (!code) throw new AppError('not_found');
  if (c!.doneOn) throw new AppError('conflict');
  return recordStep(ctx, id, code, {});
}

/**
 * Records a step of the handling with its document, or adds the document to a step already taken: the
 * verification starting, a notice sent, the conclusion published (each finishing its clock), or the
 * number of an acceptance or conclusion decision. A step not open now is refused (409).
 */
export async function recordStep(
  ctx: Ctx,
  id: string,
  code: ReportStepCode,
  input: { documentNo?: string | null; documentDate?: string | null; fileId?: string | null },
) {
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id, { closed: true });
    const clocks = await tx
      .select()
      .from(startedClocks)
      .where(eq(startedClocks.subjectId, id))
      .orderBy(asc(startedClocks.createdAt));
    const records = await tx.select().from(reportStepRecords).where(eq(reportStepRecords.reportId, id));
    const steps = stepsOf(r, clocks, records);
    const taken = steps.find((x) => x.code === code);
    if (!taken && !openSteps(r, steps).includes(code)) {
      // Kinds without this step have none to record; an unclassified report has none yet.
      if (r.kind !== 'unclassified' && !stepsOfKind(r.kind).includes(code)) throw new AppError('not_found');
      throw new AppError('conflict');
    }
    if (input.documentDate && (input.documentDate > today || input.documentDate < r.receivedOn))
      throw fieldError('documentDate', 'field.date_range');
    if (input.fileId) {
      const [f] = await tx
        .select({ id: reportFiles.id })
        .from(reportFiles)
        .where(
          and(
            eq(reportFiles.id, input.fileId),
            eq(reportFiles.reportId, id),
            eq(reportFiles.author, 'staff'),
          ),
        );
      if (!f) throw fieldError('fileId', 'field.invalid');
    }
    const on = taken?.on ?? today;
    // The step's clock where this report has one (a complaint's notices have none).
    const clock = clocks.some((c) => c.code === stepClock[code]) ? stepClock[code] : undefined;
    if (!taken && clock) await finishClocks(tx, id, today, [clock]);
    const values = {
      documentNo: input.documentNo ?? null,
      documentDate: input.documentDate ?? null,
      fileId: input.fileId ?? null,
    };
    await tx
      .insert(reportStepRecords)
      .values({ reportId: id, code, on, recordedBy: ctx.actor.userId!, ...values })
      .onConflictDoUpdate({
        target: [reportStepRecords.reportId, reportStepRecords.code],
        set: { ...values, recordedBy: ctx.actor.userId! },
      });
    await refreshNextDue(tx, id);
    await bump(tx, id, {});
    const due = clock ? clocks.filter((c) => c.code === clock).at(-1)?.dueOn : undefined;
    await audit(tx, ctx, {
      action: 'report.step_done',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: {
        step: code,
        ...(clock && !taken ? { clock, doneOn: today, dueOn: due ?? null } : { on }),
        ...(input.documentNo ? { documentNo: input.documentNo } : {}),
      },
    });
  });
  return getReport(ctx, id);
}

/** Records the outcome; the reporter sees it with the public summary; a forwarding unit is told. */
export async function closeReport(
  ctx: Ctx,
  id: string,
  input: {
    outcome: 'substantiated' | 'partly_substantiated' | 'not_substantiated';
    measures: string;
    publicSummary: string;
  },
) {
  const today = vnToday(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForUpdate(ctx, tx, id);
    if (r.kind === 'unclassified') throw fieldError('outcome', 'field.triage_first');
    const key = await keyFor({ ...ctx, db: tx }, id, 'content');
    await addMessageTx(tx, ctx, id, key, 'note', input.measures);
    const mains = mainClocksOf(r.kind);
    const [clock] =
      mains.length > 0
        ? await tx
            .select()
            .from(startedClocks)
            .where(and(eq(startedClocks.subjectId, id), inArray(startedClocks.code, [...mains])))
            .orderBy(desc(startedClocks.createdAt))
            .limit(1)
        : [];
    await finishClocks(tx, id, today);
    // A denunciation's conclusion is then sent and published, each within its own time (Arts. 35, 40).
    if (r.kind === 'denunciation')
      for (const code of ['denunciation.send_conclusion', 'denunciation.publish_conclusion'])
        await startClock(tx, id, code, today);
    await bump(tx, id, {
      status: 'closed',
      outcome: input.outcome,
      publicSummary: input.publicSummary,
      closedAt: ctx.clock.now(),
      closedOn: today,
      onTime: clock ? today <= clock.dueOn : null,
      lastStaffReplyAt: ctx.clock.now(),
      // Whoever closes a report no one was assigned handles what is still due (sending the conclusion).
      handlerId: r.handlerId ?? ctx.actor.userId,
    });
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'report.closed',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { outcome: input.outcome, onTime: clock ? today <= clock.dueOn : null },
    });
    if (r.receivedUnitId !== r.unitId) {
      const [received] = await tx.select().from(units).where(eq(units.id, r.receivedUnitId));
      for (const o of await audienceOf(tx, r, received!.path, 'intake_officer'))
        await notify(tx, {
          userId: o.userId,
          messageKey: 'notification.report_outcome',
          values: { number: reportNumber(r.seq, r.receivedOn) },
          link: `/app/reports/${id}`,
          dedupeKey: `report:${id}:closed:${o.userId}`,
        });
    }
  });
  return getReport(ctx, id);
}

/**
 * Seals every report the signed-in user can read to colleagues who should read it but cannot: a new
 * intake officer or custodian, or one who made new keys after losing password and recovery key.
 */
export async function shareKeys(ctx: Ctx) {
  if (!canAnywhere(ctx.actor, 'reports.handle') && !canAnywhere(ctx.actor, 'reports.identity'))
    throw new AppError('not_found');
  const pair = await myKeyPair(ctx);
  const mine = await ctx.db
    .select({ k: reportKeys, unitPath: handledUnit.path, receivedPath: receivedUnit.path })
    .from(reportKeys)
    .innerJoin(reports, eq(reports.id, reportKeys.reportId))
    .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
    .innerJoin(receivedUnit, eq(receivedUnit.id, reports.receivedUnitId))
    .where(and(eq(reportKeys.userId, ctx.actor.userId!), isNull(reports.purgedAt)));
  let shared = 0;
  const touched = new Set<string>();
  const recipientCache = new Map<string, Awaited<ReturnType<typeof recipientsOf>>>();
  const recipients = async (path: string, role: 'intake_officer' | 'custodian') => {
    const k = `${role}:${path}`;
    if (!recipientCache.has(k)) recipientCache.set(k, await recipientsOf(ctx.db, path, role));
    return recipientCache.get(k)!;
  };
  // Who already holds each key: read once for all the reports, not once per report.
  const held = new Map<string, Array<{ userId: string; publicKey: Uint8Array }>>();
  const ids = [...new Set(mine.map((m) => m.k.reportId))];
  for (let i = 0; i < ids.length; i += 1000)
    for (const e of await ctx.db
      .select({
        reportId: reportKeys.reportId,
        purpose: reportKeys.purpose,
        userId: reportKeys.userId,
        publicKey: reportKeys.publicKey,
      })
      .from(reportKeys)
      .where(inArray(reportKeys.reportId, ids.slice(i, i + 1000)))) {
      const key = `${e.reportId}:${e.purpose}`;
      held.set(key, [...(held.get(key) ?? []), e]);
    }
  for (const { k, unitPath, receivedPath } of mine) {
    if (!equalBytes(k.publicKey, pair.publicKey)) continue;
    const role = k.purpose === 'content' ? 'intake_officer' : 'custodian';
    // Content: the handling unit and the forwarding unit (follow-up). Identity: custodians of the handling unit.
    const paths = k.purpose === 'content' ? [unitPath, receivedPath] : [unitPath];
    const wanted = new Map<string, Uint8Array>();
    for (const p of paths) for (const r of await recipients(p, role)) wanted.set(r.userId, r.publicKey);
    if (wanted.size === 0) continue;
    const existing = held.get(`${k.reportId}:${k.purpose}`) ?? [];
    const missing = [...wanted.entries()].filter(
      ([userId, pk]) => !existing.some((e) => e.userId === userId && equalBytes(e.publicKey, pk)),
    );
    if (missing.length === 0) continue;
    const key = unseal(k.sealed, pair);
    await ctx.db.transaction(async (tx) => {
      const to = await sealToUsers(
        tx,
        k.reportId,
        k.purpose as 'content' | 'identity',
        key,
        missing.map(([userId, publicKey]) => ({ userId, publicKey })),
      );
      shared += to.length;
      // The event names whom it was sealed to: never someone the report is kept from (sec22c C5).
      if (to.length > 0)
        await audit(tx, ctx, {
          action: 'report.keys_shared',
          entityType: 'report',
          entityId: k.reportId,
          changes: { purpose: k.purpose, users: to },
        });
    });
    touched.add(k.reportId);
  }
  return { shared, reports: touched.size };
}
