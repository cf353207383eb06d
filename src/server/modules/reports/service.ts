import { createHash, randomUUID } from 'node:crypto';
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
import { alias } from 'drizzle-orm/pg-core';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { writeTogether } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { keepPlans } from '#server/db/prepared.ts';
import { audit, auditAppend, writeCheckpoint } from '#server/modules/audit/service.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { computeDue, dueFrom, dueInputs, type Today, todayFor } from '#server/modules/clocks/service.ts';
import { deadlineRules } from '#server/modules/clocks/tables.ts';
import {
  CryptoFailure,
  encrypt,
  encryptJson,
  equalBytes,
  newKey,
  randomBytes,
  unseal,
} from '#server/modules/keys/crypto.ts';
import { myKeyPair } from '#server/modules/keys/service.ts';
import { userKeys } from '#server/modules/keys/tables.ts';
import { insertNotifications, notify } from '#server/modules/notifications/service.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { unitContacts, units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { withExtension } from '#shared/clocks/due.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import {
  type complaintTracks,
  type Identity,
  type IdentityRequestQuery,
  namedOnlyKinds,
  type ReportContent,
  type ReportQuery,
  type ReportStepCode,
  type ReportSubmit,
  stepClocks,
  type triageKinds,
} from '#shared/reports/schemas.ts';
import { foldText } from '#shared/text.ts';
import { type CleanFile, cleanAttachment } from './attachments.ts';
import {
  ad,
  decrypt,
  decryptJson,
  keyFor,
  keysFor,
  type RecipientsJson,
  recipientsFrom,
  recipientsJson,
  recipientsOf,
  sealedKeys,
  sealTo,
} from './crypt.ts';
import { portalSecrets, receiptFor, receiptKeys } from './secrets.ts';
import { openSteps, resolutionClocks, stepClock, stepsOf, stepsOfKind } from './steps.ts';
import {
  identityRequests,
  reportCategories,
  reportClocks,
  reportFiles,
  reportKeys,
  reportMessages,
  reportStepRecords,
  reports,
  reportTasks,
} from './tables.ts';

type ReportRow = typeof reports.$inferSelect;
/** `strip`: send the file without the parts that cannot be cleaned, instead of refusing it (CleanOptions). */
export type SubmittedFile = { name: string; content: Uint8Array; truncated?: boolean; strip?: boolean };

export const MAX_FILES = 10;
/** Search decrypts at most this many of the newest reports that pass the other filters. */
export const SEARCH_WINDOW = 2000;
/** The inbox counts at most this many matches (reading 250,000 rows to print a number is not worth it). */
export const COUNT_CAP = 10_000;

export const reportNumber = (seq: number, receivedOn: string) =>
  `${receivedOn.slice(0, 4)}-${String(seq).padStart(6, '0')}`;

export function parseReportNumber(q: string | undefined): { year: string; seq: number } | null {
  const m = /^(\d{4})-(\d{1,12})$/.exec(q?.trim() ?? '');
  return m ? { year: m[1]!, seq: Number(m[2]) } : null;
}

const handledUnit = alias(units, 'handled_unit');
const receivedUnit = alias(units, 'received_unit');
const concernedUnit = alias(units, 'concerned_unit');
const handler = alias(users, 'handler');

/** Text of a ciphertext, or null when the key is missing: one unreadable row never breaks a page. */
function open<T>(key: Uint8Array | undefined, box: Uint8Array | null, adText: string): T | null {
  if (!key || !box) return null;
  try {
    return decryptJson<T>(key, box, adText);
  } catch (e) {
    if (e instanceof CryptoFailure) return null;
    throw e;
  }
}

// ---------------------------------------------------------------- reference data

export async function listCategories(db: Db) {
  return db
    .select({ code: reportCategories.code, nameVi: reportCategories.nameVi, nameEn: reportCategories.nameEn })
    .from(reportCategories)
    .where(eq(reportCategories.active, true))
    .orderBy(asc(reportCategories.sort));
}

/** Units that can receive reports: at least one active intake officer with a key is granted on them. */
export async function receivingUnits(db: Db) {
  const rows = await db
    .selectDistinct({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .innerJoin(grants, and(eq(grants.unitId, units.id), eq(grants.role, 'intake_officer')))
    .innerJoin(users, and(eq(users.id, grants.userId), eq(users.status, 'active')))
    .innerJoin(userKeys, eq(userKeys.userId, users.id))
    .where(eq(units.status, 'active'))
    .orderBy(asc(units.path));
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/** The receiving bodies with how to reach them outside Liêm, for the portal's contacts page. */
export async function receivingContacts(db: Db) {
  const bodies = await receivingUnits(db);
  if (bodies.length === 0) return [];
  const contacts = await db
    .select()
    .from(unitContacts)
    .where(
      inArray(
        unitContacts.unitId,
        bodies.map((b) => b.id),
      ),
    );
  const byUnit = new Map(contacts.map((c) => [c.unitId, c]));
  return bodies.map((b) => {
    const c = byUnit.get(b.id);
    return {
      ...b,
      address: c?.address ?? null,
      phone: c?.phone ?? null,
      email: c?.email ?? null,
      receptionPlace: c?.receptionPlace ?? null,
      receptionHours: c?.receptionHours ?? null,
      headReceptionSchedule: c?.headReceptionSchedule ?? null,
    };
  });
}

/** Active units whose name matches (for "the unit concerned"), diacritic-insensitive. */
export async function findUnits(db: Db, q: string, limit = 20) {
  if (!q.trim()) return [];
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.status, 'active'), searchFilter(units.search, q)))
    .orderBy(asc(units.depth), asc(units.name))
    .limit(limit);
}

// ---------------------------------------------------------------- clocks

async function startClock(tx: Db, reportId: string, code: string, start: string) {
  const due = await computeDue(tx, code, start);
  await tx
    .insert(reportClocks)
    .values({ reportId, code, ruleId: due.ruleId, startOn: start, dueOn: due.due });
  return due;
}

async function finishClocks(tx: Db, reportId: string, today: string, codes?: string[]) {
  await tx
    .update(reportClocks)
    .set({ doneOn: today })
    .where(
      and(
        eq(reportClocks.reportId, reportId),
        isNull(reportClocks.doneOn),
        codes ? inArray(reportClocks.code, codes) : undefined,
      ),
    );
}

async function refreshNextDue(tx: Db, reportId: string) {
  await tx.execute(sql`update reports set next_due_on =
    (select min(due_on) from report_clocks where report_id = ${reportId} and done_on is null)
    where id = ${reportId}`);
}

/** Started when a report is received: its initial processing (classification) is due by then. */
const INITIAL_CLOCK = 'denunciation.initial_processing';

/** The clock a report's handling is judged by, per kind. */
export const mainClock: Record<string, string | undefined> = {
  denunciation: 'denunciation.resolution',
  complaint: 'complaint.resolution',
  petition: 'petition.processing',
  anonymous_information: 'information.review',
};
/** A complaint's resolution clock by its track: instance and remote area (Law on Complaints Arts. 28, 37). */
const COMPLAINT_TRACK: Record<(typeof complaintTracks)[number], string> = {
  first: 'complaint.resolution',
  first_remote: 'complaint.resolution_remote',
  second: 'complaint.second_instance',
  second_remote: 'complaint.second_instance_remote',
};
/** The clocks a report's handling may be judged by: its kind's, or a complaint's track. */
export const mainClocksOf = (kind: string): readonly string[] =>
  resolutionClocks[kind] ?? (mainClock[kind] ? [mainClock[kind]] : []);

// ---------------------------------------------------------------- submission

export const cleanFilesFor = (ctx: Ctx, files: SubmittedFile[]) =>
  cleanFiles(files, ctx.config.uploadMaxBytes);

async function cleanFiles(files: SubmittedFile[], maxBytes: number): Promise<CleanFile[]> {
  if (files.length > MAX_FILES) throw fieldError('files', 'field.too_many_files', { max: MAX_FILES });
  const out: CleanFile[] = [];
  for (const f of files) {
    if (f.truncated)
      throw fieldError('files', 'field.file_too_large', {
        name: f.name,
        max: Math.floor(maxBytes / 1048576),
      });
    out.push(await cleanAttachment(f.name, f.content, maxBytes, { strip: f.strip === true }));
  }
  return out;
}

export async function insertReportFiles(
  tx: Db,
  reportId: string,
  key: Uint8Array,
  files: CleanFile[],
  author: 'reporter' | 'staff',
  messageId: string | null = null,
) {
  if (files.length > 0)
    await tx.insert(reportFiles).values(reportFileRows(reportId, key, files, author, messageId));
}

/** Files as rows of report_files, each name and content encrypted under the report's key. */
function reportFileRows(
  reportId: string,
  key: Uint8Array,
  files: CleanFile[],
  author: 'reporter' | 'staff',
  messageId: string | null = null,
): Array<typeof reportFiles.$inferInsert> {
  return files.map((f) => {
    const id = randomUUID();
    return {
      id,
      reportId,
      messageId,
      author,
      meta: encryptJson(key, { name: f.name, mime: f.mime }, ad.fileMeta(reportId, id)),
      content: encrypt(key, f.content, ad.file(reportId, id)),
      size: f.content.length,
    };
  });
}

export interface Submission extends ReportSubmit {
  channel: 'web' | 'walk_in' | 'phone' | 'letter' | 'email';
  files: SubmittedFile[];
  /** The form's one-time token: the same token twice is one report (double click, reload). */
  token?: Uint8Array;
}

/**
 * Receives a report: checks it, strips and encrypts everything said under a new report key, seals that
 * key to the unit's intake officers and to the receipt, starts the initial-processing clock.
 * Returns the receipt (shown once, never stored) and whether this was a repeat of the same form.
 */
export function submitReport(ctx: Ctx, input: Submission) {
  // The portal's hot path (see keepPlans).
  return keepPlans(() => receive(ctx, input));
}

async function receive(ctx: Ctx, input: Submission) {
  if (input.identity && !input.consent) throw fieldError('consent', 'field.consent_required');
  const files = await cleanFiles(input.files, ctx.config.uploadMaxBytes);
  const secrets = await portalSecrets(ctx.db);
  const token = input.token ?? randomBytes(32);
  const submissionHash = createHash('sha256').update(token).digest('hex');
  const receipt = receiptFor(secrets, token);
  // A second submission of the same form (double click, retry) meets the unique submission hash below
  // and is answered with the first report; checking first would cost every submission a query.
  const { lookup, wrap } = await receiptKeys(secrets, receipt);
  const id = randomUUID();
  const reportKey = newKey();
  const identityKey = newKey();
  const now = ctx.clock.now();
  const today = vnToday(now);
  try {
    // Intake is the portal's hot path: two statements and no transaction around them. This one reads
    // the receiving unit, the category, the recipients, the clock's rule and the report's number (a
    // refused submission leaves a gap in the numbers, as a failed write does).
    const db = ctx.db;
    const [found] = await db
      .select({
        unit: { id: units.id, status: units.status, path: units.path },
        category: sql<string | null>`(select c.code from report_categories c
            where c.code = ${input.categoryCode} and c.active)`,
        concerned: input.concernedUnitId
          ? sql<boolean>`exists (select 1 from units c where c.id = ${input.concernedUnitId})`
          : sql<boolean>`true`,
        // Qualified: a lone table's columns are written bare, which inside a subquery means its own units.
        officers: recipientsJson(sql`${units}."path"`, 'intake_officer'),
        custodians: input.identity
          ? recipientsJson(sql`${units}."path"`, 'custodian')
          : sql<RecipientsJson>`'[]'::json`,
        initial: dueInputs(INITIAL_CLOCK),
        seq: sql<string>`nextval(pg_get_serial_sequence('reports', 'seq'))`,
      })
      .from(units)
      .where(eq(units.id, input.receivedUnitId));
    if (found?.unit.status !== 'active') throw fieldError('receivedUnitId', 'field.invalid');
    const unit = found.unit;
    if (input.channel !== 'web' && !can(ctx.actor, 'reports.handle', { unitPath: unit.path }))
      throw fieldError('receivedUnitId', 'field.unit_out_of_scope');
    if (!found.concerned) throw fieldError('concernedUnitId', 'field.invalid');
    if (!found.category) throw fieldError('categoryCode', 'field.invalid');
    const cat = { code: found.category };
    const officers = recipientsFrom(found.officers);
    if (officers.length === 0) throw fieldError('receivedUnitId', 'field.no_recipients');
    const custodians = recipientsFrom(found.custodians);
    const initial = dueFrom(found.initial, INITIAL_CLOCK, today);
    const seq = Number(found.seq);
    const number = reportNumber(seq, today);
    // This one writes the report, its files, sealed keys, first clock, audit event and the officers'
    // notifications: one statement, so all of it or none (the audit append takes the chain's lock).
    await writeTogether(db, [
      db.insert(reports).values({
        id,
        seq,
        receivedUnitId: unit.id,
        unitId: unit.id,
        concernedUnitId: input.concernedUnitId ?? null,
        categoryCode: cat.code,
        channel: input.channel,
        named: !!input.identity,
        receivedAt: now,
        receivedOn: today,
        content: encryptJson(reportKey, input.content, ad.content(id)),
        identity: input.identity ? encryptJson(identityKey, input.identity, ad.identity(id)) : null,
        receiptLookup: lookup,
        receiptKey: encrypt(wrap, reportKey, ad.receipt(id)),
        submissionHash,
        nextDueOn: initial.due,
      }),
      ...(files.length > 0
        ? [db.insert(reportFiles).values(reportFileRows(id, reportKey, files, 'reporter'))]
        : []),
      db
        .insert(reportKeys)
        .values([
          ...sealedKeys(id, 'content', reportKey, officers),
          ...sealedKeys(id, 'identity', identityKey, custodians),
        ]),
      db.insert(reportClocks).values({
        reportId: id,
        code: INITIAL_CLOCK,
        ruleId: initial.ruleId,
        startOn: today,
        dueOn: initial.due,
      }),
      // Metadata only: never what was said or who said it.
      auditAppend(ctx, {
        action: 'report.received',
        entityType: 'report',
        entityId: id,
        unitId: unit.id,
        changes: {
          number,
          channel: input.channel,
          category: cat.code,
          named: !!input.identity,
          files: files.length,
        },
      }),
      insertNotifications(
        db,
        officers.map((o) => ({
          userId: o.userId,
          messageKey: 'notification.report_received',
          values: { number },
          link: `/app/reports/${id}`,
          dedupeKey: `report:${id}:received:${o.userId}`,
        })),
      ),
    ]);
    return { id, number, receipt, duplicate: false };
  } catch (e) {
    // Two requests with the same form token at once: the loser reports the winner's report.
    const again = await findSubmission(ctx.db, submissionHash);
    if (again) return { ...again, receipt, duplicate: true };
    throw e;
  }
}

async function findSubmission(db: Db, submissionHash: string) {
  const [r] = await db
    .select({ id: reports.id, seq: reports.seq, receivedOn: reports.receivedOn })
    .from(reports)
    .where(eq(reports.submissionHash, submissionHash));
  return r ? { id: r.id, number: reportNumber(r.seq, r.receivedOn) } : null;
}

// ---------------------------------------------------------------- staff: reading

interface Loaded {
  r: ReportRow;
  unitPath: string;
  unitName: string;
  receivedPath: string;
  /** The actor handles the report now (not just following up a forwarded one). */
  canHandle: boolean;
}

async function loadReport(ctx: Ctx, id: string, db: Db = ctx.db): Promise<Loaded> {
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
  return { ...row, canHandle };
}

async function loadForUpdate(ctx: Ctx, tx: Db, id: string, opts: { closed?: boolean } = {}): Promise<Loaded> {
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
  return or(inArray(reports.unitId, ids), inArray(reports.receivedUnitId, ids))!;
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

export async function getReport(ctx: Ctx, id: string) {
  const l = await loadReport(ctx, id);
  const { r } = l;
  const day = await todayFor(ctx);
  const [names] = await ctx.db
    .select({
      receivedUnitName: receivedUnit.name,
      concernedUnitName: concernedUnit.name,
      handlerName: handler.fullName,
    })
    .from(reports)
    .innerJoin(receivedUnit, eq(receivedUnit.id, reports.receivedUnitId))
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
        c: reportClocks,
        extensions: deadlineRules.extensions,
        legalSource: deadlineRules.legalSource,
      })
      .from(reportClocks)
      .innerJoin(deadlineRules, eq(deadlineRules.id, reportClocks.ruleId))
      .where(eq(reportClocks.reportId, id))
      .orderBy(asc(reportClocks.createdAt)),
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

// ---------------------------------------------------------------- staff: handling

async function bump(tx: Db, id: string, set: Partial<typeof reports.$inferInsert>) {
  await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1`, updatedAt: new Date() })
    .where(eq(reports.id, id));
}

async function checkHandler(tx: Db, unitPath: string, handlerId: string) {
  const ok = (await recipientsOf(tx, unitPath, 'intake_officer')).some((r) => r.userId === handlerId);
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
    if (input.handlerId) await checkHandler(tx, unitPath, input.handlerId);
    await finishClocks(tx, id, today, ['denunciation.initial_processing']);
    if (input.kind === 'denunciation') await startClock(tx, id, 'denunciation.notify_acceptance', today);
    // Accepting a complaint is this act: its clock ran from receipt (Law on Complaints Art. 27).
    if (input.kind === 'complaint') {
      await startClock(tx, id, 'complaint.acceptance', r.receivedOn);
      await finishClocks(tx, id, today, ['complaint.acceptance']);
    }
    const main =
      input.kind === 'complaint' ? COMPLAINT_TRACK[input.complaintTrack ?? 'first'] : mainClock[input.kind];
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
      },
    });
  });
  return getReport(ctx, id);
}

export async function assignReport(ctx: Ctx, id: string, handlerId: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    await checkHandler(tx, unitPath, handlerId);
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
    const officers = await recipientsOf(tx, target.path, 'intake_officer');
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
    await tx.insert(reportClocks).values({
      reportId: id,
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
      const ok = (await recipientsOf(tx, unitPath, 'intake_officer')).some(
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
    .select({ c: reportClocks, rule: deadlineRules })
    .from(reportClocks)
    .innerJoin(deadlineRules, eq(deadlineRules.id, reportClocks.ruleId))
    .where(and(eq(reportClocks.id, clockId), eq(reportClocks.reportId, reportId)));
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
    await tx.update(reportClocks).set({ extensions, dueOn: due.due }).where(eq(reportClocks.id, clockId));
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
    .select({ code: reportClocks.code, doneOn: reportClocks.doneOn })
    .from(reportClocks)
    .where(and(eq(reportClocks.id, clockId), eq(reportClocks.reportId, id)));
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
      .from(reportClocks)
      .where(eq(reportClocks.reportId, id))
      .orderBy(asc(reportClocks.createdAt));
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
            .from(reportClocks)
            .where(and(eq(reportClocks.reportId, id), inArray(reportClocks.code, [...mains])))
            .orderBy(desc(reportClocks.createdAt))
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
      for (const o of await recipientsOf(tx, received!.path, 'intake_officer'))
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
      shared += await sealTo(
        tx,
        k.reportId,
        k.purpose as 'content' | 'identity',
        key,
        missing.map(([userId, publicKey]) => ({ userId, publicKey })),
      );
      await audit(tx, ctx, {
        action: 'report.keys_shared',
        entityType: 'report',
        entityId: k.reportId,
        changes: { purpose: k.purpose, users: missing.map(([u]) => u) },
      });
    });
    touched.add(k.reportId);
  }
  return { shared, reports: touched.size };
}

// ---------------------------------------------------------------- identity

async function identityRequestsOf(
  ctx: Ctx,
  where: SQL[],
  page?: { page: number; pageSize: number; sort?: IdentityRequestQuery['sort'] },
) {
  const requester = alias(users, 'requester');
  const sortKey = page?.sort?.replace(/^-/, '');
  const column =
    sortKey === 'unitName'
      ? sql`liem_fold(${handledUnit.name})`
      : sortKey === 'requesterName'
        ? sql`liem_fold(${requester.fullName})`
        : sql`${identityRequests.createdAt}`;
  // Newest first unless asked otherwise.
  const descending = page?.sort ? page.sort.startsWith('-') : true;
  const decider = alias(users, 'decider');
  const rows = await ctx.db
    .select({
      q: identityRequests,
      requesterName: requester.fullName,
      deciderName: decider.fullName,
      seq: reports.seq,
      receivedOn: reports.receivedOn,
      unitName: handledUnit.name,
    })
    .from(identityRequests)
    .innerJoin(reports, eq(reports.id, identityRequests.reportId))
    .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
    .innerJoin(requester, eq(requester.id, identityRequests.requesterId))
    .leftJoin(decider, eq(decider.id, identityRequests.deciderId))
    .where(and(...where))
    .orderBy(descending ? sql`${column} desc` : sql`${column} asc`, desc(identityRequests.id))
    .limit(page?.pageSize ?? 1000)
    .offset(page ? (page.page - 1) * page.pageSize : 0);
  return rows.map((x) => ({
    id: x.q.id,
    reportId: x.q.reportId,
    reportNumber: reportNumber(x.seq, x.receivedOn),
    requesterId: x.q.requesterId,
    requesterName: x.requesterName,
    reason: x.q.reason,
    status: x.q.status as 'pending' | 'approved' | 'refused',
    deciderName: x.deciderName,
    decisionNote: x.q.decisionNote,
    createdAt: x.q.createdAt.toISOString(),
    decidedAt: x.q.decidedAt?.toISOString() ?? null,
    unitName: x.unitName,
  }));
}

export async function requestIdentity(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, unitPath } = await loadForUpdate(ctx, tx, id);
    if (!r.named || !r.identity) throw new AppError('not_found');
    const [pending] = await tx
      .select({ id: identityRequests.id })
      .from(identityRequests)
      .where(
        and(
          eq(identityRequests.reportId, id),
          eq(identityRequests.requesterId, ctx.actor.userId!),
          eq(identityRequests.status, 'pending'),
        ),
      );
    if (pending) throw new AppError('conflict');
    const [q] = await tx
      .insert(identityRequests)
      .values({ reportId: id, requesterId: ctx.actor.userId!, reason })
      .returning();
    await audit(tx, ctx, {
      action: 'identity.requested',
      entityType: 'report',
      entityId: id,
      unitId: r.unitId,
      changes: { requestId: q!.id, reason },
    });
    for (const c of await recipientsOf(tx, unitPath, 'custodian'))
      await notify(tx, {
        userId: c.userId,
        messageKey: 'notification.identity_requested',
        values: { number: reportNumber(r.seq, r.receivedOn) },
        link: '/app/identity-requests',
        dedupeKey: `identity:${q!.id}:${c.userId}`,
      });
  });
  return getReport(ctx, id);
}

export async function listIdentityRequests(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    status?: 'pending' | 'approved' | 'refused';
    sort?: IdentityRequestQuery['sort'];
  },
) {
  if (!canAnywhere(ctx.actor, 'reports.identity')) throw new AppError('not_found');
  const where = [
    scopeFilter(ctx.actor, 'reports.identity', handledUnit.path) ?? sql`true`,
    q.status ? eq(identityRequests.status, q.status) : sql`true`,
  ];
  const [items, [count]] = await Promise.all([
    identityRequestsOf(ctx, where, q),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(identityRequests)
      .innerJoin(reports, eq(reports.id, identityRequests.reportId))
      .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * A custodian approves (their session unseals the identity key and seals it to the requester) or refuses.
 * The custodian never needs the report itself.
 */
export async function decideIdentity(
  ctx: Ctx,
  requestId: string,
  input: { decision: 'approve' | 'refuse'; note?: string | null },
) {
  const [req] = await ctx.db
    .select({ q: identityRequests, path: handledUnit.path, r: reports })
    .from(identityRequests)
    .innerJoin(reports, eq(reports.id, identityRequests.reportId))
    .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
    .where(eq(identityRequests.id, requestId));
  if (!req || !can(ctx.actor, 'reports.identity', { unitPath: req.path })) throw new AppError('not_found');
  if (req.q.status !== 'pending') throw new AppError('conflict');
  if (req.q.requesterId === ctx.actor.userId) throw new AppError('separation_of_duties');
  if (input.decision === 'refuse' && !input.note) throw fieldError('note', 'field.required');
  await ctx.db.transaction(async (tx) => {
    if (input.decision === 'approve') {
      const idKey = await keyFor({ ...ctx, db: tx }, req.r.id, 'identity');
      const [rk] = await tx
        .select()
        .from(reportKeys)
        .where(and(eq(reportKeys.userId, req.q.requesterId), eq(reportKeys.reportId, req.r.id)));
      const [pk] = await tx.select().from(userKeys).where(eq(userKeys.userId, req.q.requesterId));
      if (!rk || !pk) throw new AppError('report_key_missing');
      await sealTo(tx, req.r.id, 'identity', idKey, [{ userId: req.q.requesterId, publicKey: pk.publicKey }]);
    }
    const [updated] = await tx
      .update(identityRequests)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'refused',
        deciderId: ctx.actor.userId,
        decisionNote: input.note ?? null,
        decidedAt: ctx.clock.now(),
      })
      .where(and(eq(identityRequests.id, requestId), eq(identityRequests.status, 'pending')))
      .returning();
    if (!updated) throw new AppError('conflict');
    await audit(tx, ctx, {
      action: input.decision === 'approve' ? 'identity.approved' : 'identity.refused',
      entityType: 'report',
      entityId: req.r.id,
      unitId: req.r.unitId,
      changes: { requestId, note: input.note ?? null },
    });
    await notify(tx, {
      userId: req.q.requesterId,
      messageKey:
        input.decision === 'approve' ? 'notification.identity_approved' : 'notification.identity_refused',
      values: { number: reportNumber(req.r.seq, req.r.receivedOn) },
      link: `/app/reports/${req.r.id}`,
    });
  });
  return (await identityRequestsOf(ctx, [eq(identityRequests.id, requestId)]))[0]!;
}

/**
 * The custodian's view of everything done with identities in their scope: requests, decisions and
 * every view, from the audit chain (so it cannot be edited away).
 */
export async function listIdentityAccess(ctx: Ctx, q: { page: number; pageSize: number }) {
  if (!canAnywhere(ctx.actor, 'reports.identity')) throw new AppError('not_found');
  const actor = alias(users, 'actor');
  const where = and(
    inArray(auditEvents.action, [
      'identity.requested',
      'identity.approved',
      'identity.refused',
      'identity.viewed',
    ]),
    eq(auditEvents.entityType, 'report'),
    scopeFilter(ctx.actor, 'reports.identity', handledUnit.path),
  );
  const base = ctx.db
    .select({ e: auditEvents, actorName: actor.fullName, seq: reports.seq, receivedOn: reports.receivedOn })
    .from(auditEvents)
    .innerJoin(reports, sql`${reports.id}::text = ${auditEvents.entityId}`)
    .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .where(where);
  const [rows, [count]] = await Promise.all([
    base
      .orderBy(desc(auditEvents.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .innerJoin(reports, sql`${reports.id}::text = ${auditEvents.entityId}`)
      .innerJoin(handledUnit, eq(handledUnit.id, reports.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.e.id,
      at: r.e.at.toISOString(),
      action: r.e.action,
      actorName: r.actorName,
      reportId: r.e.entityId,
      reportNumber: reportNumber(r.seq, r.receivedOn),
      reason:
        typeof r.e.changes.reason === 'string'
          ? r.e.changes.reason
          : typeof r.e.changes.note === 'string'
            ? r.e.changes.note
            : null,
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The identity block, for a holder of the identity key; every view is audited. */
export async function viewIdentity(ctx: Ctx, id: string): Promise<Identity> {
  const { r } = await loadReport(ctx, id);
  if (!r.identity) throw new AppError('not_found');
  // Holding the identity key is not enough (custodians hold it to pass it on): only an approved request opens it.
  const [approved] = await ctx.db
    .select({ id: identityRequests.id })
    .from(identityRequests)
    .where(
      and(
        eq(identityRequests.reportId, id),
        eq(identityRequests.requesterId, ctx.actor.userId ?? sql`null`),
        eq(identityRequests.status, 'approved'),
      ),
    )
    .limit(1);
  if (!approved) throw new AppError('not_found');
  const key = await keyFor(ctx, id, 'identity').catch((e) => {
    throw e instanceof AppError && e.code === 'keys_locked' ? e : new AppError('not_found');
  });
  const identity = decryptJson<Identity>(key, r.identity, ad.identity(id));
  await ctx.db.transaction((tx) =>
    audit(tx, ctx, { action: 'identity.viewed', entityType: 'report', entityId: id, unitId: r.unitId }),
  );
  // Every view of an identity is anchored outside the database at once: it cannot be quietly removed.
  await writeCheckpoint(ctx.db, ctx.clock.now());
  return identity;
}

// ---------------------------------------------------------------- retention

/**
 * Deletes the content of reports closed more than `days` ago: text, identity, messages, files, tasks and
 * every sealed key. Counts, categories, dates and on-time flags stay for statistics.
 */
export async function purgeClosedReports(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor' | 'requestId'>,
  days: number,
) {
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const due = await ctx.db
    .select({ id: reports.id, unitId: reports.unitId })
    .from(reports)
    .where(and(eq(reports.status, 'closed'), lt(reports.closedAt, cutoff), isNull(reports.purgedAt)))
    .limit(1000);
  for (const r of due) {
    await ctx.db.transaction(async (tx) => {
      await tx.delete(reportKeys).where(eq(reportKeys.reportId, r.id));
      await tx.delete(reportFiles).where(eq(reportFiles.reportId, r.id));
      // The steps keep their dates and document numbers; the documents themselves go with the files.
      await tx.update(reportStepRecords).set({ fileId: null }).where(eq(reportStepRecords.reportId, r.id));
      await tx.delete(reportMessages).where(eq(reportMessages.reportId, r.id));
      await tx.delete(reportTasks).where(eq(reportTasks.reportId, r.id));
      await tx.execute(sql`delete from reporter_sessions where report_id = ${r.id}`);
      await tx
        .update(reports)
        .set({ content: null, identity: null, receiptKey: null, purgedAt: ctx.clock.now() })
        .where(eq(reports.id, r.id));
      await audit(tx, ctx, {
        action: 'report.content_deleted',
        entityType: 'report',
        entityId: r.id,
        unitId: r.unitId,
        changes: { retentionDays: days },
      });
    });
  }
  return due.length;
}
