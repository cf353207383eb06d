import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { checkHandler } from '#server/modules/org/inspectorate.ts';
import { units } from '#server/modules/org/tables.ts';
import { reportNumber } from '#server/modules/reports/common.ts';
import { loadForUpdate, loadReport } from '#server/modules/reports/inbox.ts';
import { fieldError } from '#shared/errors.ts';
import { addEvent, caseNumber, insertCase, parseCaseNumber, today } from './service.ts';
import { caseReports, cases } from './tables.ts';

/**
 * A citizen's denunciation becomes a case or joins one (issue 19): the case learns the report's number,
 * never its content or reporter.
 */

/**
 * The intake officer handling a denunciation opens a case for it at an inspectorate above the report's
 * unit, or joins it to such a case by number. The case learns the report's number only: the content and
 * the reporter stay sealed, the receipt keeps working and the reporter sees that a case was opened.
 */
export async function reportToCase(
  ctx: Ctx,
  report: {
    id: string;
    unitPath: string;
    receivedOn: string;
    number: string;
    concernedUnitId: string | null;
  },
  input: {
    caseNumber?: string | null | undefined;
    unitId?: string | null | undefined;
    title?: string | null | undefined;
    kind: 'corruption' | 'retaliation';
  },
  tx: Db,
) {
  const [linked] = await tx.select().from(caseReports).where(eq(caseReports.reportId, report.id));
  if (linked) throw fieldError('caseNumber', 'field.report_in_case');
  let caseId: string;
  let caseUnitId: string;
  if (input.caseNumber) {
    const n = parseCaseNumber(input.caseNumber);
    const [c] = n
      ? await tx
          .select({ id: cases.id, unitId: cases.unitId, path: units.path, stage: cases.stage })
          .from(cases)
          .innerJoin(units, eq(units.id, cases.unitId))
          .where(and(eq(cases.seq, n.seq), sql`extract(year from ${cases.detectedOn}) = ${n.year}`))
      : [];
    // Only a case handled at the report's unit or above it: nothing is said of any other.
    if (!c || !report.unitPath.startsWith(c.path) || c.stage === 'closed')
      throw fieldError('caseNumber', 'field.case_not_found');
    // The same rule as opening one: an inspectorate, never the unit the report concerns (re-test F1).
    await checkHandler(tx, c.unitId, report.concernedUnitId, 'caseNumber');
    caseId = c.id;
    caseUnitId = c.unitId;
    // The case learns where it happened when it did not know yet.
    await tx.execute(sql`update cases set version = version + 1, updated_at = now(),
        subject_unit_id = coalesce(subject_unit_id, case when subject_name is null then ${report.concernedUnitId}::uuid end)
      where id = ${c.id}`);
  } else {
    if (!input.unitId) throw fieldError('unitId', 'field.required');
    if (!input.title) throw fieldError('title', 'field.required');
    const [u] = await tx
      .select({ path: units.path, status: units.status })
      .from(units)
      .where(eq(units.id, input.unitId));
    if (!u || u.status !== 'active' || !report.unitPath.startsWith(u.path))
      throw fieldError('unitId', 'field.invalid');
    await checkHandler(tx, input.unitId, report.concernedUnitId);
    const concerned = report.concernedUnitId;
    const row = await insertCase(ctx, tx, {
      unitId: input.unitId,
      subjectUnitId: concerned,
      subjectName: null,
      title: input.title,
      summary: null,
      kind: input.kind,
      source: 'citizen_report',
      inspectionId: null,
      detectedOn: report.receivedOn,
      damageVnd: null,
      persons: [],
    });
    caseId = row.id;
    caseUnitId = input.unitId;
    await audit(tx, ctx, {
      action: 'case.opened',
      entityType: 'case',
      entityId: caseId,
      unitId: caseUnitId,
      changes: { number: caseNumber(row.seq, row.detectedOn), source: 'citizen_report', kind: input.kind },
    });
  }
  await tx
    .insert(caseReports)
    .values({ caseId, reportId: report.id, joinedOn: today(ctx), by: ctx.actor.userId });
  await addEvent(ctx, tx, caseId, { kind: 'report_joined', note: report.number });
  await audit(tx, ctx, {
    action: 'case.report_joined',
    entityType: 'case',
    entityId: caseId,
    unitId: caseUnitId,
    changes: { report: report.id },
  });
  return { caseId };
}

/** The route's side: the intake officer must be handling the report now (404 otherwise). */
export async function openCaseFromReport(
  ctx: Ctx,
  reportId: string,
  input: {
    caseNumber?: string | null | undefined;
    unitId?: string | null | undefined;
    title?: string | null | undefined;
    kind: 'corruption' | 'retaliation';
  },
) {
  return ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, reportId);
    // Triaged first: what it is (denunciation, information…) is the desk's decision before a case.
    if (r.kind === 'unclassified') throw fieldError('unitId', 'field.report_untriaged');
    const number = reportNumber(r.seq, r.receivedOn);
    const { caseId } = await reportToCase(
      ctx,
      { id: r.id, unitPath, receivedOn: r.receivedOn, number, concernedUnitId: r.concernedUnitId },
      input,
      tx,
    );
    await audit(tx, ctx, {
      action: 'report.case_linked',
      entityType: 'report',
      entityId: r.id,
      unitId: r.unitId,
      changes: { case: caseId },
    });
    return reportCase(ctx, reportId, tx);
  });
}

/** The case a report belongs to, for those handling or following the report: its number only. */
export async function reportCase(ctx: Ctx, reportId: string, db: Db = ctx.db) {
  await loadReport(ctx, reportId, db);
  const [l] = await db
    .select({ seq: cases.seq, detectedOn: cases.detectedOn, joinedOn: caseReports.joinedOn })
    .from(caseReports)
    .innerJoin(cases, eq(cases.id, caseReports.caseId))
    .where(eq(caseReports.reportId, reportId));
  return { case: l ? { number: caseNumber(l.seq, l.detectedOn), joinedOn: l.joinedOn } : null };
}
