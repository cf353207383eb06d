import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import { audit, writeCheckpoint } from '#server/modules/audit/service.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { userKeys } from '#server/modules/keys/tables.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { sharePeople } from '#server/modules/users/holders.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import type { Identity, IdentityRequestQuery } from '#shared/reports/schemas.ts';
import { handledUnit, reportNumber } from './common.ts';
import { ad, audienceOf, decryptJson, keyFor, sealTo } from './crypt.ts';
import { getReport, loadForUpdate, loadReport } from './inbox.ts';
import { excludedFrom, keptFrom } from './independence.ts';
import { identityRequests, reportKeys, reports } from './tables.ts';

export async function identityRequestsOf(
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
    const custodians = await audienceOf(tx, r, unitPath, 'custodian');
    for (const c of custodians)
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

/** Reports kept from the actor (independence.ts) are left out of their lists. */
const notKept = (ctx: Ctx) =>
  ctx.actor.userId
    ? sql`not ${keptFrom(ctx.actor.userId, reports.id, reports.independentOfUnitId)}`
    : sql`true`;

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
    // Requests about a report kept from the custodian are not theirs to see (re-test sec22c C3).
    notKept(ctx),
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
  if (req.r.independentOfUnitId && ctx.actor.userId) {
    const excluded = await excludedFrom(ctx.db, req.r.id, req.r.independentOfUnitId);
    if (excluded.has(ctx.actor.userId)) throw new AppError('not_found');
  }
  if (req.q.status !== 'pending') throw new AppError('conflict');
  if (await sharePeople(ctx.db, ctx.actor.userId, [req.q.requesterId]))
    throw new AppError('separation_of_duties');
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
    notKept(ctx),
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
