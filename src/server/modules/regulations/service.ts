import { and, desc, eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import {
  lockRegisterRow,
  registerReadable,
  registerScope,
  registerUnit,
  requireRegisterReader,
} from '#server/modules/integrity/registers.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import type { ReviewCreate } from '#shared/regulations/schemas.ts';
import { regulationReviews } from './tables.ts';

/**
 * Review of regulations (task 2; ADR 0030): kept by a unit's handlers, read by the inspectorate. A gap
 * found is said; a proposal to amend names whom it went to and when; its outcome is recorded once.
 */
type Row = typeof regulationReviews.$inferSelect;

function check(ctx: Ctx, input: ReviewCreate) {
  const today = vnToday(ctx.clock.now());
  if (input.reviewedOn > today) throw fieldError('reviewedOn', 'field.date_future');
  if (input.reviewedOn < '2000-01-01') throw fieldError('reviewedOn', 'field.date_too_far');
  // Said against the date it is compared with (rev29: "before the previous step" said the opposite).
  if (input.issuedOn && input.issuedOn > input.reviewedOn)
    throw fieldError('issuedOn', 'field.after_reviewed_on');
  if (input.result !== 'consistent' && !input.gap) throw fieldError('gap', 'field.required');
  // A proposal says what, to whom and when; none without a gap to close.
  const proposing = !!(input.proposal || input.proposedTo || input.proposedOn);
  if (proposing) {
    if (input.result === 'consistent') throw fieldError('proposal', 'field.proposal_without_gap');
    if (!input.proposal) throw fieldError('proposal', 'field.required');
    if (!input.proposedTo) throw fieldError('proposedTo', 'field.required');
    if (!input.proposedOn) throw fieldError('proposedOn', 'field.required');
    if (input.proposedOn < input.reviewedOn) throw fieldError('proposedOn', 'field.before_reviewed_on');
    if (input.proposedOn > today) throw fieldError('proposedOn', 'field.date_future');
  }
}

const values = (input: ReviewCreate) => ({
  unitId: input.unitId,
  documentNo: input.documentNo,
  title: input.title,
  documentKind: input.documentKind,
  issuer: input.issuer,
  issuerLevel: input.issuerLevel,
  issuedOn: input.issuedOn ?? null,
  reviewedOn: input.reviewedOn,
  result: input.result,
  gap: input.result === 'consistent' ? null : (input.gap ?? null),
  proposal: input.proposal ?? null,
  proposedTo: input.proposedTo ?? null,
  proposedOn: input.proposedOn ?? null,
  systematised: input.systematised,
});

export async function createReview(ctx: Ctx, input: ReviewCreate) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    check(ctx, input);
    const [row] = await tx
      .insert(regulationReviews)
      .values({ ...values(input), status: input.proposal ? 'proposed' : 'none', createdBy: ctx.actor.userId })
      .returning({ id: regulationReviews.id });
    await audit(tx, ctx, {
      action: 'regulation.reviewed',
      entityType: 'regulation_review',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { documentNo: input.documentNo, result: input.result, proposed: !!input.proposal },
    });
    return { id: row!.id };
  });
}

const lock = (ctx: Ctx, tx: Db, id: string, version: number) =>
  lockRegisterRow(ctx, tx, regulationReviews, id, version);

export async function updateReview(ctx: Ctx, id: string, input: ReviewCreate & { version: number }) {
  return ctx.db.transaction(async (tx) => {
    const r = await lock(ctx, tx, id, input.version);
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    check(ctx, input);
    // A settled proposal stays as it was settled: its text and addressee are history.
    if (
      r.status !== 'none' &&
      r.status !== 'proposed' &&
      (input.proposal !== r.proposal || input.proposedTo !== r.proposedTo)
    )
      throw fieldError('proposal', 'field.proposal_settled');
    const status = r.status === 'none' && input.proposal ? 'proposed' : input.proposal ? r.status : 'none';
    await tx
      .update(regulationReviews)
      .set({ ...values(input), status, version: r.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(regulationReviews.id, id));
    await audit(tx, ctx, {
      action: 'regulation.updated',
      entityType: 'regulation_review',
      entityId: id,
      unitId: input.unitId,
      changes: { result: [r.result, input.result], status: [r.status, status] },
    });
    return getReview(ctx, id, tx);
  });
}

export async function recordOutcome(
  ctx: Ctx,
  id: string,
  input: {
    status: 'accepted' | 'amended' | 'rejected';
    on: string;
    note?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await lock(ctx, tx, id, input.version);
    if (r.status !== 'proposed' && !(r.status === 'accepted' && input.status === 'amended'))
      throw fieldError('status', 'field.step_not_now');
    if (input.on < r.proposedOn!) throw fieldError('on', 'field.date_order');
    if (input.on > vnToday(ctx.clock.now())) throw fieldError('on', 'field.date_future');
    await tx
      .update(regulationReviews)
      .set({
        status: input.status,
        outcomeOn: input.on,
        outcomeNote: input.note ?? null,
        version: r.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(regulationReviews.id, id));
    await audit(tx, ctx, {
      action: 'regulation.outcome',
      entityType: 'regulation_review',
      entityId: id,
      unitId: r.unitId,
      changes: { status: [r.status, input.status], on: input.on },
    });
    return getReview(ctx, id, tx);
  });
}

const present = (r: { r: Row; unitName: string }) => ({
  id: r.r.id,
  unitId: r.r.unitId,
  unitName: r.unitName,
  documentNo: r.r.documentNo,
  title: r.r.title,
  documentKind: r.r.documentKind,
  issuer: r.r.issuer,
  issuerLevel: r.r.issuerLevel,
  issuedOn: r.r.issuedOn,
  reviewedOn: r.r.reviewedOn,
  result: r.r.result,
  gap: r.r.gap,
  proposal: r.r.proposal,
  proposedTo: r.r.proposedTo,
  proposedOn: r.r.proposedOn,
  status: r.r.status,
  outcomeOn: r.r.outcomeOn,
  outcomeNote: r.r.outcomeNote,
  systematised: r.r.systematised,
  version: r.r.version,
});

export async function getReview(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [r] = await db
    .select({ r: regulationReviews, unitName: units.name, path: units.path })
    .from(regulationReviews)
    .innerJoin(units, eq(units.id, regulationReviews.unitId))
    .where(eq(regulationReviews.id, id));
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return present(r);
}

export async function listReviews(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    result?: string | undefined;
    status?: string | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const path = q.unitId ? await registerUnit(ctx, ctx.db, q.unitId, false) : null;
  const where = and(
    registerScope(ctx),
    path ? sql`${units.path} like ${`${path}%`}` : undefined,
    q.year
      ? sql`${regulationReviews.reviewedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}`
      : undefined,
    q.result ? eq(regulationReviews.result, q.result as never) : undefined,
    q.status ? eq(regulationReviews.status, q.status as never) : undefined,
    searchFilter(sql`liem_fold(${regulationReviews.documentNo} || ' ' || ${regulationReviews.title})`, q.q),
  );
  const [s] = await rows<{ reviewed: number; gaps: number; proposed: number; settled: number }>(
    ctx.db,
    sql`select count(*)::int as reviewed,
        count(*) filter (where ${regulationReviews.result} <> 'consistent')::int as gaps,
        count(*) filter (where ${regulationReviews.status} <> 'none')::int as proposed,
        count(*) filter (where ${regulationReviews.status} in ('accepted', 'amended', 'rejected'))::int as settled
      from ${regulationReviews} join ${units} on ${units.id} = ${regulationReviews.unitId} where ${where ?? sql`true`}`,
  );
  const found = await ctx.db
    .select({ r: regulationReviews, unitName: units.name })
    .from(regulationReviews)
    .innerJoin(units, eq(units.id, regulationReviews.unitId))
    .where(where)
    .orderBy(desc(regulationReviews.reviewedOn), desc(regulationReviews.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: found.map(present), total: s!.reviewed, page: q.page, pageSize: q.pageSize, summary: s! };
}
