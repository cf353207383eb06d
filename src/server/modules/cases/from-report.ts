import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { reportNumber } from '#server/modules/reports/common.ts';
import { loadForUpdate, loadReport } from '#server/modules/reports/inbox.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { fieldError } from '#shared/errors.ts';
import { addEvent, caseNumber, insertCase, MANAGE, parseCaseNumber, today } from './service.ts';
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
    caseId = c.id;
    caseUnitId = c.unitId;
    await tx.execute(sql`update cases set version = version + 1, updated_at = now() where id = ${c.id}`);
  } else {
    if (!input.unitId) throw fieldError('unitId', 'field.required');
    if (!input.title) throw fieldError('title', 'field.required');
    const [u] = await tx
      .select({ path: units.path, status: units.status })
      .from(units)
      .where(eq(units.id, input.unitId));
    if (!u || u.status !== 'active' || !report.unitPath.startsWith(u.path))
      throw fieldError('unitId', 'field.invalid');
    // An inspectorate: a unit whose own staff are inspectors over it (a department's desk, or the
    // province's root, is not one: a department forwards the report to the inspectorate first).
    if (!(await isInspectorate(tx, input.unitId, u.path)))
      throw fieldError('unitId', 'field.not_inspectorate');
    // Where it happened: the unit the reporter named as concerned — which never handles it (re-test N1).
    const concerned = report.concernedUnitId
      ? (await tx.select({ path: units.path }).from(units).where(eq(units.id, report.concernedUnitId)))[0]
      : undefined;
    if (concerned && u.path.startsWith(concerned.path))
      throw fieldError('unitId', 'field.handler_is_subject');
    const row = await insertCase(ctx, tx, {
      unitId: input.unitId,
      subjectUnitId: concerned ? report.concernedUnitId : null,
      subjectName: null,
      title: input.title,
      summary: null,
      kind: input.kind,
      source: 'citizen_report',
      inspectionId: null,
      detectedOn: report.receivedOn,
      damageVnd: 0,
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

async function isInspectorate(db: Db, unitId: string, path: string) {
  const found = await db
    .select({ subtree: grants.subtree, path: units.path })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(
      and(
        eq(grants.role, 'inspector'),
        eq(grants.status, 'active'),
        eq(users.status, 'active'),
        eq(users.unitId, unitId),
      ),
    );
  return found.some((g) => (g.subtree ? path.startsWith(g.path) : path === g.path));
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
