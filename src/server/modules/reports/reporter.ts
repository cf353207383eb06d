import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { newToken, sha256 } from '#server/modules/auth/tokens.ts';
import { startedClocks } from '#server/modules/clocks/tables.ts';
import {
  CryptoFailure,
  decrypt,
  decryptJson,
  encrypt,
  equalBytes,
  tokenKey,
} from '#server/modules/keys/crypto.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type { ReportContent, ReportStepCode } from '#shared/reports/schemas.ts';
import { plainName } from './attachments.ts';
import { INTERNAL_CLOCK } from './clocks.ts';
import { ad, audienceOf, recipientsOf, sealTo } from './crypt.ts';
import type { FirstDecision } from './inbox.ts';
import { normaliseReceipt, portalSecrets, receiptKeys } from './secrets.ts';
import { cleanFilesFor, insertReportFiles, mainClock, reportNumber, type SubmittedFile } from './service.ts';
import { resolutionClockOf, resolutionClocks, stepsOf } from './steps.ts';
import {
  reporterSessions,
  reportFiles,
  reportKeys,
  reportMessages,
  reportStepRecords,
  reports,
} from './tables.ts';

/** A reporter's sign-in lasts this long without activity, and never more than the absolute limit. */
const IDLE_MINUTES = 20;
const ABSOLUTE_MINUTES = 120;

const sessionKey = (token: string) => tokenKey(token, 'liem/reporter-session/v1');
const adSession = (id: string) => `reporter-session:${id}`;

/**
 * Signs a reporter in with their receipt: one Argon2id derivation finds the report and opens its key,
 * which is then held for the session under a key derived from the cookie token (never stored).
 * A wrong receipt costs the same derivation, so guessing is slow even before the rate limit.
 */
export async function openWithReceipt(ctx: Ctx, receiptInput: string) {
  const receipt = normaliseReceipt(receiptInput);
  if (!/^\d{16}$/.test(receipt)) throw fieldError('receipt', 'field.receipt_format');
  const secrets = await portalSecrets(ctx.db);
  const { lookup, wrap } = await receiptKeys(secrets, receipt);
  const candidates = await ctx.db.select().from(reports).where(eq(reports.receiptLookup, lookup));
  const r = candidates.find((c) => equalBytes(c.receiptLookup, lookup));
  if (!r) throw fieldError('receipt', 'field.receipt_invalid');
  let reportKey: Uint8Array = new Uint8Array(0);
  if (r.receiptKey) {
    try {
      reportKey = decrypt(wrap, r.receiptKey, ad.receipt(r.id));
    } catch (e) {
      if (e instanceof CryptoFailure) throw fieldError('receipt', 'field.receipt_invalid');
      throw e;
    }
  }
  const token = newToken();
  const id = sha256(token);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(reporterSessions).values({
      id,
      reportId: r.id,
      wrappedKey: encrypt(sessionKey(token), reportKey, adSession(id)),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_MINUTES * 60_000),
    });
    if (reportKey.length > 0) await reshareToNewRecipients(tx, r, reportKey);
  });
  return { token, expiresAt: new Date(now.getTime() + ABSOLUTE_MINUTES * 60_000) };
}

/**
 * Intake officers who joined after the report arrived cannot read it until someone shares it; the
 * reporter's own visit is such a moment, so the report key is sealed to them too.
 */
async function reshareToNewRecipients(tx: Db, r: typeof reports.$inferSelect, key: Uint8Array) {
  const [unit] = await tx.select({ path: units.path }).from(units).where(eq(units.id, r.unitId));
  const all = await recipientsOf(tx, unit!.path, 'intake_officer');
  const have = await tx
    .select({ userId: reportKeys.userId, publicKey: reportKeys.publicKey })
    .from(reportKeys)
    .where(and(eq(reportKeys.reportId, r.id), eq(reportKeys.purpose, 'content')));
  const missing = all.filter(
    (a) => !have.some((h) => h.userId === a.userId && equalBytes(h.publicKey, a.publicKey)),
  );
  await sealTo(tx, r.id, 'content', key, missing);
}

export interface ReporterSession {
  id: string;
  reportId: string;
  key: Uint8Array;
}

export async function loadReporterSession(db: Db, token: string, now: Date): Promise<ReporterSession | null> {
  const id = sha256(token);
  const [s] = await db.select().from(reporterSessions).where(eq(reporterSessions.id, id));
  if (!s) return null;
  if (s.expiresAt <= now || s.lastSeenAt.getTime() + IDLE_MINUTES * 60_000 <= now.getTime()) {
    await db.delete(reporterSessions).where(eq(reporterSessions.id, id));
    return null;
  }
  await db.update(reporterSessions).set({ lastSeenAt: now }).where(eq(reporterSessions.id, id));
  try {
    return { id, reportId: s.reportId, key: decrypt(sessionKey(token), s.wrappedKey, adSession(id)) };
  } catch {
    return null;
  }
}

export async function signOutReporter(db: Db, token: string) {
  await db.delete(reporterSessions).where(eq(reporterSessions.id, sha256(token)));
}

export async function purgeReporterSessions(db: Db, now: Date) {
  await db.delete(reporterSessions).where(lt(reporterSessions.expiresAt, now));
}

/** A step of the handling as the reporter is told of it, and the day it was taken. */
export type ReporterStep =
  | 'received'
  | 'accepted'
  | 'acceptanceNotified'
  | 'verification'
  | 'classified'
  | 'forwarded'
  | 'concluded'
  | 'conclusionSent'
  | 'conclusionPublished';

const REPORTER_STEP: Record<ReportStepCode, ReporterStep> = {
  accepted: 'accepted',
  acceptance_notified: 'acceptanceNotified',
  verification: 'verification',
  concluded: 'concluded',
  conclusion_sent: 'conclusionSent',
  conclusion_published: 'conclusionPublished',
};

/**
 * The handling's steps so far, each with its document's number where staff gave one, and the next date
 * the law sets: who took a step is never said, only that and when.
 */
function progressOf(
  r: typeof reports.$inferSelect,
  clocks: Array<typeof startedClocks.$inferSelect>,
  records: Array<typeof reportStepRecords.$inferSelect>,
) {
  const last = (code: string) => clocks.filter((c) => c.code === code).at(-1);
  const steps: Array<{ step: ReporterStep; on: string; documentNo?: string }> = [
    { step: 'received', on: r.receivedOn },
  ];
  const owned = resolutionClocks[r.kind];
  if (owned)
    for (const x of stepsOf(r, clocks, records))
      steps.push({
        step: REPORTER_STEP[x.code],
        on: x.on,
        ...(x.documentNo ? { documentNo: x.documentNo } : {}),
      });
  else {
    // Other kinds are classified on the day their own clock started, and closed.
    const main = mainClock[r.kind];
    const started = main ? last(main)?.startOn : undefined;
    if (started) steps.push({ step: 'classified', on: started });
    if (r.closedOn && r.outcome !== 'merged') steps.push({ step: 'concluded', on: r.closedOn });
  }
  if (r.forwardedAt) steps.push({ step: 'forwarded', on: vnToday(r.forwardedAt) });
  let next: { step: 'resolution' | 'publication'; dueOn: string } | null = null;
  const resolution = resolutionClockOf(r.kind, clocks);
  const published = last('denunciation.publish_conclusion');
  // An official's report is also due to be handled or transferred (Art. 66): whichever comes first.
  const due = [resolution, last(INTERNAL_CLOCK)]
    .filter((c) => c && !c.doneOn)
    .sort((a, b) => a!.dueOn.localeCompare(b!.dueOn))[0];
  if (r.status !== 'closed' && due) next = { step: 'resolution', dueOn: due.dueOn };
  else if (published && !published.doneOn) next = { step: 'publication', dueOn: published.dueOn };
  return { steps: steps.sort((a, b) => a.on.localeCompare(b.on)), next };
}

/** What the reporter sees: status, outcome and public summary, the conversation (never internal notes). */
export async function reporterView(ctx: Ctx, s: ReporterSession) {
  const [r] = await ctx.db.select().from(reports).where(eq(reports.id, s.reportId));
  if (!r) throw new AppError('not_found');
  const hasKey = s.key.length > 0 && !r.purgedAt;
  const content = hasKey && r.content ? decryptJson<ReportContent>(s.key, r.content, ad.content(r.id)) : null;
  const [messages, files, clocks, records] = await Promise.all([
    ctx.db
      .select()
      .from(reportMessages)
      .where(eq(reportMessages.reportId, r.id))
      .orderBy(asc(reportMessages.createdAt)),
    ctx.db
      .select()
      .from(reportFiles)
      .where(and(eq(reportFiles.reportId, r.id), eq(reportFiles.author, 'reporter'))),
    ctx.db
      .select()
      .from(startedClocks)
      .where(eq(startedClocks.subjectId, r.id))
      .orderBy(asc(startedClocks.createdAt)),
    ctx.db.select().from(reportStepRecords).where(eq(reportStepRecords.reportId, r.id)),
  ]);
  const fileMeta = (f: typeof reportFiles.$inferSelect) =>
    hasKey && f.meta
      ? {
          id: f.id,
          size: f.size,
          ...decryptJson<{ name: string; mime: string }>(s.key, f.meta, ad.fileMeta(r.id, f.id)),
        }
      : null;
  let mergedInto: string | null = null;
  if (r.mergedIntoId) {
    const [m] = await ctx.db.select().from(reports).where(eq(reports.id, r.mergedIntoId));
    if (m) mergedInto = reportNumber(m.seq, m.receivedOn);
  }
  // Whether the inspectorate made it (part of) a case: the date only (cases keep nothing else of it).
  const [inCase] = await rows<{ joined_on: string }>(
    ctx.db,
    sql`select joined_on::text from case_reports where report_id = ${r.id}`,
  );
  return {
    number: reportNumber(r.seq, r.receivedOn),
    receivedAt: r.receivedAt,
    inCaseSince: inCase?.joined_on ?? null,
    status: r.status,
    kind: r.kind,
    outcome: r.outcome,
    publicSummary: r.publicSummary,
    closedAt: r.closedAt,
    forwarded: !!r.forwardedAt,
    mergedInto,
    purged: !!r.purgedAt,
    firstDecision:
      hasKey && r.firstDecision
        ? decryptJson<FirstDecision>(s.key, r.firstDecision, ad.firstDecision(r.id))
        : null,
    progress: progressOf(r, clocks, records),
    title: content?.title ?? null,
    messages: hasKey
      ? messages
          .filter((m) => m.kind !== 'note' && m.body)
          .map((m) => ({
            id: m.id,
            author: m.author as 'reporter' | 'staff',
            kind: m.kind,
            open: m.kind === 'question' && !m.answeredAt,
            body: new TextDecoder().decode(decrypt(s.key, m.body!, ad.message(r.id, m.id))),
            createdAt: m.createdAt,
            files: files
              .filter((f) => f.messageId === m.id)
              .map(fileMeta)
              .filter((f) => f !== null),
          }))
      : [],
    files: files
      .filter((f) => !f.messageId)
      .map(fileMeta)
      .filter((f) => f !== null),
  };
}

/**
 * What a reporter does is done as no one: no actor, no request id — whatever session the request also
 * carried (the portal does not read the staff session; this holds even if a caller passed one).
 */
export const asNoOne = (ctx: Ctx): Ctx => ({
  ...ctx,
  actor: { kind: 'user', userId: null, grants: [] },
  requestId: null,
  sessionId: undefined,
  sessionKey: undefined,
});

/** The reporter answers: text and/or files, encrypted with the report key; open questions are answered. */
export async function reporterReply(
  given: Ctx,
  s: ReporterSession,
  input: { body: string; files: SubmittedFile[] },
) {
  const ctx = asNoOne(given);
  const body = input.body.normalize('NFC').trim();
  if (!body && input.files.length === 0) throw fieldError('body', 'field.required');
  if (body.length > 20_000) throw fieldError('body', 'field.too_long', { max: 20_000 });
  const files = (await cleanFilesFor(ctx, input.files)).map((f, i) => plainName(f, i + 1));
  const [r] = await ctx.db.select().from(reports).where(eq(reports.id, s.reportId));
  if (!r || r.purgedAt || s.key.length === 0) throw new AppError('not_found');
  if (r.status === 'closed') throw new AppError('report_closed');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const messageId = randomUUID();
    await tx.insert(reportMessages).values({
      id: messageId,
      reportId: r.id,
      author: 'reporter',
      kind: 'message',
      body: encrypt(s.key, new TextEncoder().encode(body || '—'), ad.message(r.id, messageId)),
    });
    await insertReportFiles(tx, r.id, s.key, files, 'reporter', messageId);
    await tx
      .update(reportMessages)
      .set({ answeredAt: now })
      .where(
        and(
          eq(reportMessages.reportId, r.id),
          eq(reportMessages.kind, 'question'),
          isNull(reportMessages.answeredAt),
        ),
      );
    await tx.update(reports).set({ lastReporterAt: now }).where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: 'report.reporter_replied',
      entityType: 'report',
      entityId: r.id,
      unitId: r.unitId,
      changes: { messageId, files: files.length },
    });
    const [unit] = await tx.select({ path: units.path }).from(units).where(eq(units.id, r.unitId));
    const to = r.handlerId
      ? [r.handlerId]
      : (await audienceOf(tx, r, unit!.path, 'intake_officer')).map((x) => x.userId);
    for (const userId of to)
      await notify(tx, {
        userId,
        messageKey: 'notification.report_reply',
        values: { number: reportNumber(r.seq, r.receivedOn) },
        link: `/app/reports/${r.id}`,
        dedupeKey: `report:${r.id}:reply:${messageId}:${userId}`,
      });
  });
}
