import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { type Today, todayFor } from '#server/modules/clocks/service.ts';
import { deadlineRules, startedClocks } from '#server/modules/clocks/tables.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { unitContacts, units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { type ReportContent, type ReportQuery, stepClocks } from '#shared/reports/schemas.ts';
import { foldText } from '#shared/text.ts';
import {
  COUNT_CAP,
  concernedUnit,
  handledUnit,
  handler,
  open,
  parseReportNumber,
  type ReportRow,
  receivedUnit,
  reportNumber,
  SEARCH_WINDOW,
} from './common.ts';
import { ad, decrypt, decryptJson, keyFor, keysFor } from './crypt.ts';
import { identityRequestsOf } from './identity.ts';
import { keptFrom } from './independence.ts';
import { openSteps, stepsOf } from './steps.ts';
import {
  identityRequests,
  reportFiles,
  reportKeys,
  reportMessages,
  reportStepRecords,
  reports,
  reportTasks,
} from './tables.ts';

interface Loaded {
  r: ReportRow;
  unitPath: string;
  unitName: string;
  receivedPath: string;
  /** The actor handles the report now (not just following up a forwarded one). */
  canHandle: boolean;
}

export async function loadReport(ctx: Ctx, id: string, db: Db = ctx.db): Promise<Loaded> {
  const [row] = await db
    .select({
      r: reports,
      unitPath: handledUnit.path,
      unitName: handledUnit.name,
      receivedPath: receivedUnit.path,
    })
    .from(reports)
    .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
    .innerJoin(receivedUnit, eq(receivedUnit.id, reports.receivedUnitId))
    .where(eq(reports.id, id));
  if (!row) throw new AppError('not_found');
  const canHandle = can(ctx.actor, 'reports.handle', { unitPath: row.unitPath });
  if (!canHandle && !can(ctx.actor, 'reports.handle', { unitPath: row.receivedPath }))
    throw new AppError('not_found');
  // A report about a head is not found by anyone who belongs to the head's unit (independence.ts).
  if (row.r.independentOfUnitId && ctx.actor.userId) {
    const [hit] = await rows<{ yes: boolean }>(
      db,
      sql`select ${keptFrom(ctx.actor.userId, sql`${row.r.id}::uuid`, sql`${row.r.independentOfUnitId}::uuid`)} as yes`,
    );
    if (hit?.yes) throw new AppError('not_found');
  }
  return { ...row, canHandle };
}

export async function loadForUpdate(
  ctx: Ctx,
  tx: Db,
  id: string,
  opts: { closed?: boolean } = {},
): Promise<Loaded> {
  await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, id)).for('update');
  const l = await loadReport(ctx, id, tx);
  if (!l.canHandle) throw new AppError('not_found');
  if (l.r.status === 'closed' && !opts.closed) throw new AppError('report_closed');
  return l;
}

/**
 * Reports handled by, or received by, units in scope. Written over unit ids (a small set) rather than
 * joined unit paths, so counting a large inbox reads the reports table alone.
 */
function inboxScope(ctx: Ctx, unitCondition: SQL | undefined): SQL {
  const ids = ctx.db.select({ id: units.id }).from(units).where(unitCondition);
  const inScope = or(inArray(reports.unitId, ids), inArray(reports.receivedUnitId, ids))!;
  // Reports about a head are in no inbox of anyone who belongs to the head's unit.
  const me = ctx.actor.userId;
  return me
    ? and(
        inScope,
        or(
          isNull(reports.independentOfUnitId),
          sql`not ${keptFrom(me, reports.id, reports.independentOfUnitId)}`,
        ),
      )!
    : inScope;
}

export async function listReports(ctx: Ctx, q: ReportQuery) {
  if (!canAnywhere(ctx.actor, 'reports.handle')) throw new AppError('not_found');
  const day = await todayFor(ctx);
  const { today } = day;
  let unitFilter: SQL | undefined;
  if (q.unitId) {
    const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, q.unitId));
    if (!u || !can(ctx.actor, 'reports.handle', { unitPath: u.path })) throw new AppError('not_found');
    unitFilter = inboxScope(ctx, like(units.path, `${u.path}%`));
  }
  const handled = inArray(
    reports.unitId,
    ctx.db
      .select({ id: units.id })
      .from(units)
      .where(scopeFilter(ctx.actor, 'reports.handle', units.path)),
  );
  // A report number ("2026-000123") is found by its sequence, without opening any content.
  const byNumber = parseReportNumber(q.q);
  const where = and(
    inboxScope(ctx, scopeFilter(ctx.actor, 'reports.handle', units.path)),
    unitFilter,
    byNumber
      ? and(eq(reports.seq, byNumber.seq), like(sql`${reports.receivedOn}::text`, `${byNumber.year}-%`))
      : undefined,
    q.status ? eq(reports.status, q.status) : undefined,
    q.kind ? eq(reports.kind, q.kind) : undefined,
    q.categoryCode ? eq(reports.categoryCode, q.categoryCode) : undefined,
    q.channel ? eq(reports.channel, q.channel) : undefined,
    q.clock === 'overdue' ? lt(reports.nextDueOn, today) : undefined,
    q.clock === 'at_risk'
      ? and(gte(reports.nextDueOn, today), lte(reports.nextDueOn, day.riskEnd))
      : undefined,
    q.clock === 'on_time' ? sql`${reports.nextDueOn} > ${day.riskEnd}` : undefined,
    q.forwarded === 'out' ? and(isNotNull(reports.forwardedAt), sql`not (${handled})`) : undefined,
    q.forwarded === 'in' ? and(isNotNull(reports.forwardedAt), handled) : undefined,
    // Mine: open ones, and closed ones with a step still due (a conclusion to send or publish).
    q.mine
      ? and(
          eq(reports.handlerId, ctx.actor.userId ?? ''),
          or(ne(reports.status, 'closed'), isNotNull(reports.nextDueOn)),
        )
      : undefined,
  );
  const order =
    q.sort === 'receivedAt'
      ? [asc(reports.receivedAt)]
      : q.sort === 'nextDueOn' || q.sort === '-nextDueOn'
        ? [
            sql.raw(`next_due_on ${q.sort === 'nextDueOn' ? 'asc' : 'desc'} nulls last`),
            desc(reports.receivedAt),
          ]
        : [desc(reports.receivedAt)];
  const base = () =>
    ctx.db
      .select({
        r: reports,
        unitName: handledUnit.name,
        unitPath: handledUnit.path,
        receivedUnitName: receivedUnit.name,
        concernedUnitName: concernedUnit.name,
        handlerName: handler.fullName,
      })
      .from(reports)
      .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
      .innerJoin(receivedUnit, eq(receivedUnit.id, reports.receivedUnitId))
      .leftJoin(concernedUnit, eq(concernedUnit.id, reports.concernedUnitId))
      .leftJoin(handler, eq(handler.id, reports.handlerId))
      .where(where)
      .orderBy(...order);

  const search = q.q?.trim() && !byNumber ? foldText(q.q.normalize('NFC').trim()) : null;
  let rows: Awaited<ReturnType<typeof base>>;
  let total: number;
  let keys: Map<string, Uint8Array>;
  if (search) {
    // Content is encrypted: the newest matching window is decrypted with the user's own keys and read.
    const window = await base().limit(SEARCH_WINDOW);
    keys = await keysFor(
      ctx,
      window.map((w) => w.r.id),
    );
    const hits = window.filter((w) => {
      const c = open<ReportContent>(keys.get(w.r.id), w.r.content, ad.content(w.r.id));
      const number = reportNumber(w.r.seq, w.r.receivedOn);
      const hay = [number, c?.title, c?.description, c?.officials, c?.where, c?.when]
        .filter(Boolean)
        .join('\n');
      return foldText(hay).includes(search);
    });
    total = hits.length;
    rows = hits.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  } else {
    const [page, [count]] = await Promise.all([
      base()
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: sql<number>`count(*)::int` }).from(
        ctx.db
          .select({ one: sql`1` })
          .from(reports)
          .where(where)
          .limit(COUNT_CAP + 1)
          .as('capped'),
      ),
    ]);
    rows = page;
    total = count?.n ?? 0;
    keys = await keysFor(
      ctx,
      rows.map((w) => w.r.id),
    );
  }
  return {
    items: rows.map((w) =>
      presentListItem(ctx, w, day, open<ReportContent>(keys.get(w.r.id), w.r.content, ad.content(w.r.id))),
    ),
    total: Math.min(total, COUNT_CAP),
    page: q.page,
    pageSize: q.pageSize,
    searchWindow: search ? SEARCH_WINDOW : null,
    totalCapped: total > COUNT_CAP,
  };
}

function presentListItem(
  ctx: Ctx,
  w: {
    r: ReportRow;
    unitName: string;
    unitPath: string;
    receivedUnitName: string;
    concernedUnitName: string | null;
    handlerName: string | null;
  },
  day: Today,
  content: ReportContent | null,
) {
  const { r } = w;
  return {
    id: r.id,
    number: reportNumber(r.seq, r.receivedOn),
    receivedAt: r.receivedAt.toISOString(),
    categoryCode: r.categoryCode,
    channel: r.channel,
    named: r.named,
    kind: r.kind,
    status: r.status,
    outcome: r.outcome,
    unitId: r.unitId,
    unitName: w.unitName,
    receivedUnitName: w.receivedUnitName,
    concernedUnitName: w.concernedUnitName,
    handlerName: w.handlerName,
    // A closed denunciation still has its conclusion to send and publish.
    nextDueOn: r.nextDueOn,
    clockState: r.nextDueOn ? day.state(r.nextDueOn) : null,
    forwarded: !!r.forwardedAt,
    followUp: !can(ctx.actor, 'reports.handle', { unitPath: w.unitPath }),
    awaitingReply:
      !!r.lastReporterAt &&
      (!r.lastStaffReplyAt || r.lastReporterAt >= r.lastStaffReplyAt) &&
      r.status !== 'closed',
    title: content?.title ?? null,
    purged: !!r.purgedAt,
  };
}

/** A second-instance complaint's first-instance decision, as sealed with the report's content key. */
export interface FirstDecision {
  documentNo: string;
  documentDate: string;
  issuedBy: string | null;
}

export async function getReport(ctx: Ctx, id: string) {
  const l = await loadReport(ctx, id);
  const { r } = l;
  const day = await todayFor(ctx);
  const [names] = await ctx.db
    .select({
      receivedUnitName: receivedUnit.name,
      concernedUnitName: concernedUnit.name,
      handlerName: handler.fullName,
      remoteArea: unitContacts.remoteArea,
    })
    .from(reports)
    .innerJoin(receivedUnit, eq(receivedUnit.id, reports.receivedUnitId))
    .leftJoin(unitContacts, eq(unitContacts.unitId, reports.unitId))
    .leftJoin(concernedUnit, eq(concernedUnit.id, reports.concernedUnitId))
    .leftJoin(handler, eq(handler.id, reports.handlerId))
    .where(eq(reports.id, id));
  let key: Uint8Array | undefined;
  let contentUnavailable: 'key_missing' | 'keys_locked' | 'purged' | null = null;
  if (r.purgedAt) contentUnavailable = 'purged';
  else {
    try {
      key = await keyFor(ctx, id, 'content');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      contentUnavailable = e.code === 'keys_locked' ? 'keys_locked' : 'key_missing';
    }
  }
  const content = open<ReportContent>(key, r.content, ad.content(id));
  const [messages, files, clocks, tasks, requests, identityKey, merged, records] = await Promise.all([
    ctx.db
      .select({ m: reportMessages, authorName: users.fullName })
      .from(reportMessages)
      .leftJoin(users, eq(users.id, reportMessages.userId))
      .where(eq(reportMessages.reportId, id))
      .orderBy(asc(reportMessages.createdAt)),
    ctx.db.select().from(reportFiles).where(eq(reportFiles.reportId, id)).orderBy(asc(reportFiles.createdAt)),
    ctx.db
      .select({
        c: startedClocks,
        extensions: deadlineRules.extensions,
        legalSource: deadlineRules.legalSource,
      })
      .from(startedClocks)
      .innerJoin(deadlineRules, eq(deadlineRules.id, startedClocks.ruleId))
      .where(eq(startedClocks.subjectId, id))
      .orderBy(asc(startedClocks.createdAt)),
    ctx.db
      .select({ t: reportTasks, assigneeName: users.fullName })
      .from(reportTasks)
      .leftJoin(users, eq(users.id, reportTasks.assigneeId))
      .where(eq(reportTasks.reportId, id))
      .orderBy(asc(reportTasks.createdAt)),
    identityRequestsOf(ctx, [eq(identityRequests.reportId, id)]),
    ctx.db
      .select({ userId: reportKeys.userId })
      .from(reportKeys)
      .where(
        and(
          eq(reportKeys.reportId, id),
          eq(reportKeys.userId, ctx.actor.userId ?? ''),
          eq(reportKeys.purpose, 'identity'),
        ),
      ),
    r.mergedIntoId
      ? ctx.db
          .select({ seq: reports.seq, receivedOn: reports.receivedOn })
          .from(reports)
          .where(eq(reports.id, r.mergedIntoId))
      : Promise.resolve([]),
    ctx.db.select().from(reportStepRecords).where(eq(reportStepRecords.reportId, id)),
  ]);
  const steps = stepsOf(
    r,
    clocks.map((x) => x.c),
    records,
  );
  const fileMeta = (f: typeof reportFiles.$inferSelect) => {
    const meta = open<{ name: string; mime: string }>(key, f.meta, ad.fileMeta(id, f.id));
    return {
      id: f.id,
      name: meta?.name ?? '—',
      mime: meta?.mime ?? 'application/octet-stream',
      size: f.size,
    };
  };
  return {
    ...presentListItem(
      ctx,
      {
        r,
        unitName: l.unitName,
        unitPath: l.unitPath,
        receivedUnitName: names!.receivedUnitName,
        concernedUnitName: names!.concernedUnitName,
        handlerName: names!.handlerName,
      },
      day,
      content,
    ),
    receivedUnitId: r.receivedUnitId,
    concernedUnitId: r.concernedUnitId,
    handlerId: r.handlerId,
    mergedIntoId: r.mergedIntoId,
    mergedIntoNumber: merged[0] ? reportNumber(merged[0].seq, merged[0].receivedOn) : null,
    publicSummary: r.publicSummary,
    closedAt: r.closedAt?.toISOString() ?? null,
    content: content ? { ...content, amountVnd: content.amountVnd ?? null } : null,
    contentUnavailable,
    hasIdentity: r.named && !r.purgedAt,
    canViewIdentity: identityKey.length > 0 && !r.purgedAt,
    identityRequests: requests,
    messages: messages.map(({ m, authorName }) => ({
      id: m.id,
      author: m.author,
      authorName,
      kind: m.kind,
      body: key && m.body ? safeText(key, m.body, ad.message(id, m.id)) : null,
      answeredAt: m.answeredAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
      files: files.filter((f) => f.messageId === m.id).map(fileMeta),
    })),
    files: files.map((f) => ({ ...fileMeta(f), author: f.author, createdAt: f.createdAt.toISOString() })),
    clocks: clocks.map(({ c, extensions, legalSource }) => ({
      id: c.id,
      code: c.code,
      startOn: c.startOn,
      dueOn: c.dueOn,
      doneOn: c.doneOn,
      extensions: c.extensions,
      available: extensions.map((x) => ({ code: x.code, times: x.times, used: c.extensions[x.code] ?? 0 })),
      legalSource,
      step: (stepClocks as readonly string[]).includes(c.code),
    })),
    tasks: tasks.map(({ t, assigneeName }) => ({
      id: t.id,
      title: key && t.title ? safeText(key, t.title, ad.task(id, t.id)) : null,
      assigneeId: t.assigneeId,
      assigneeName,
      dueOn: t.dueOn,
      doneAt: t.doneAt?.toISOString() ?? null,
    })),
    steps,
    stepsOpen: l.canHandle ? openSteps(r, steps) : [],
    firstDecision: open<FirstDecision>(key, r.firstDecision, ad.firstDecision(id)),
    remoteArea: names!.remoteArea ?? false,
    canHandle: l.canHandle && r.status !== 'closed',
    /** Steps after the conclusion are still the handler's once the report is closed. */
    canMarkSteps: l.canHandle,
    version: r.version,
  };
}

function safeText(key: Uint8Array, box: Uint8Array, adText: string): string | null {
  try {
    return new TextDecoder().decode(decrypt(key, box, adText));
  } catch {
    return null;
  }
}

/** A file of a report, decrypted for a reader who holds the key; the download is audited. */
export async function readReportFile(ctx: Ctx, id: string, fileId: string) {
  await loadReport(ctx, id);
  const [f] = await ctx.db
    .select()
    .from(reportFiles)
    .where(and(eq(reportFiles.id, fileId), eq(reportFiles.reportId, id)));
  if (!f?.content || !f.meta) throw new AppError('not_found');
  const key = await keyFor(ctx, id, 'content');
  const meta = decryptJson<{ name: string; mime: string }>(key, f.meta, ad.fileMeta(id, f.id));
  const content = decrypt(key, f.content, ad.file(id, f.id));
  await ctx.db.transaction((tx) =>
    audit(tx, ctx, { action: 'report.file_read', entityType: 'report', entityId: id, changes: { fileId } }),
  );
  return { ...meta, content };
}
