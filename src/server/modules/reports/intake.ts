import { createHash, randomUUID, randomUUIDv7 } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { writeTogether } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { keepPlans } from '#server/db/prepared.ts';
import { auditAppend, auditDeferred } from '#server/modules/audit/service.ts';
import { dueFrom, dueInputs } from '#server/modules/clocks/service.ts';
import { startedClocks } from '#server/modules/clocks/tables.ts';
import { encrypt, encryptJson, newKey, randomBytes } from '#server/modules/keys/crypto.ts';
import { insertNotifications } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import type { ReportSubmit, reportChannels } from '#shared/reports/schemas.ts';
import { type CleanFile, cleanAttachment } from './attachments.ts';
import { INITIAL_CLOCK } from './clocks.ts';
import { MAX_FILES, reportNumber, type SubmittedFile } from './common.ts';
import { ad, type RecipientsJson, recipientsFrom, recipientsJson, sealedKeys } from './crypt.ts';
import { peopleOf, withoutExcluded } from './independence.ts';
import { portalSecrets, receiptFor, receiptKeys } from './secrets.ts';
import { reportExclusions, reportFiles, reportKeys, reports } from './tables.ts';

export const cleanFilesFor = (ctx: Ctx, files: SubmittedFile[]) =>
  cleanFiles(files, ctx.config.uploadMaxBytes);

export async function cleanFiles(files: SubmittedFile[], maxBytes: number): Promise<CleanFile[]> {
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
  channel: (typeof reportChannels)[number];
  files: SubmittedFile[];
  /** The clock the report starts on: initial processing, unless a law sets another (internal.ts). */
  initialClock?: string;
  /** A report about this unit's head: kept from everyone who belongs to it (independence.ts). */
  independentOfUnitId?: string | null;
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
  // Time-ordered: a new report's rows land at the end of each index that leads with its id, not on a
  // random page (fewer pages written, and logged whole after each checkpoint).
  // An official's report keeps nothing of its moment finer than the day (re-test sec22 F5: the time, a
  // time-ordered id and the audit event's place beside the official's sign-in narrowed down who sent it).
  const sealedMoment = input.channel === 'internal';
  const dayStart = new Date(`${vnToday(ctx.clock.now())}T00:00:00+07:00`);
  const id = sealedMoment ? randomUUID() : randomUUIDv7();
  const reportKey = newKey();
  const identityKey = newKey();
  const now = ctx.clock.now();
  const today = vnToday(now);
  const clock = input.initialClock ?? INITIAL_CLOCK;
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
        initial: dueInputs(clock),
        // An official's report is numbered apart (migration 0062): its place among citizens' reports
        // would give its moment away.
        seq: sealedMoment
          ? sql<string>`9000000 + nextval('internal_report_seq')`
          : sql<string>`nextval(pg_get_serial_sequence('reports', 'seq'))`,
      })
      .from(units)
      .where(eq(units.id, input.receivedUnitId));
    if (found?.unit.status !== 'active') throw fieldError('receivedUnitId', 'field.invalid');
    const unit = found.unit;
    // A desk registers what reached it by letter, phone or in person; the portal and an official's own
    // report (internal.ts chose its desk) are sent by the reporter.
    const sentByReporter = input.channel === 'web' || input.channel === 'internal';
    if (!sentByReporter && !can(ctx.actor, 'reports.handle', { unitPath: unit.path }))
      throw fieldError('receivedUnitId', 'field.unit_out_of_scope');
    if (!found.concerned) throw fieldError('concernedUnitId', 'field.invalid');
    if (!found.category) throw fieldError('categoryCode', 'field.invalid');
    const cat = { code: found.category };
    // A report about a head: kept from the head's unit, as it is now (remembered: report_exclusions).
    const excluded = input.independentOfUnitId ? await peopleOf(db, input.independentOfUnitId) : null;
    const officers = withoutExcluded(excluded, recipientsFrom(found.officers));
    if (officers.length === 0) throw fieldError('receivedUnitId', 'field.no_recipients');
    const custodians = withoutExcluded(excluded, recipientsFrom(found.custodians));
    const initial = dueFrom(found.initial, clock, today);
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
        independentOfUnitId: input.independentOfUnitId ?? null,
        categoryCode: cat.code,
        channel: input.channel,
        named: !!input.identity,
        receivedAt: sealedMoment ? dayStart : now,
        receivedOn: today,
        content: encryptJson(reportKey, input.content, ad.content(id)),
        identity: input.identity ? encryptJson(identityKey, input.identity, ad.identity(id)) : null,
        receiptLookup: lookup,
        receiptKey: encrypt(wrap, reportKey, ad.receipt(id)),
        submissionHash,
        nextDueOn: initial.due,
      }),
      ...(files.length > 0
        ? [
            db.insert(reportFiles).values(
              // An official's files bear the day only, as the report does (re-test sec22c C7).
              reportFileRows(id, reportKey, files, 'reporter').map((f) =>
                sealedMoment ? { ...f, createdAt: dayStart } : f,
              ),
            ),
          ]
        : []),
      db
        .insert(reportKeys)
        .values([
          ...sealedKeys(id, 'content', reportKey, officers),
          ...sealedKeys(id, 'identity', identityKey, custodians),
        ]),
      ...(excluded && excluded.size > 0
        ? [db.insert(reportExclusions).values([...excluded].map((userId) => ({ reportId: id, userId })))]
        : []),
      db.insert(startedClocks).values({
        subjectKind: 'report',
        subjectId: id,
        code: clock,
        ruleId: initial.ruleId,
        startOn: today,
        dueOn: initial.due,
      }),
      // Metadata only: never what was said or who said it. An official's report is appended hours later,
      // naming its day and not its channel (ADR 0032).
      sealedMoment
        ? auditDeferred(
            ctx,
            {
              action: 'report.received',
              entityType: 'report',
              entityId: id,
              unitId: unit.id,
              changes: {
                receivedOn: today,
                category: cat.code,
                named: !!input.identity,
                files: files.length,
              },
            },
            db,
          )
        : auditAppend(ctx, {
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
          ...(sealedMoment ? { at: dayStart } : {}),
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
