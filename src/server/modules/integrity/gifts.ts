import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { finishClocks, moveClockStart, startClock } from '#server/modules/clocks/service.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { samePeopleAs } from '#server/modules/users/holders.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type { GiftCreate, GiftEdit, GiftStep, GiftStepKind } from '#shared/integrity/schemas.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import {
  addEvent,
  checkDate,
  DECLARE,
  eventsOf,
  HANDLE,
  type Held,
  handlingUnit,
  mayHandle,
  OVERSEE,
  rangeField,
  readable,
  recordNumber,
  recordNumberSql,
  refreshNextDue,
  requireHandler,
  today,
} from './common.ts';
import { gifts } from './tables.ts';

/**
 * Gifts that could not be refused (Law Art. 22; Decree 59 Arts. 24–28; ADR 0030): the official reports and
 * hands it over within 5 working days; the unit handles it by its kind (money to the budget; goods valued
 * and sold publicly, the proceeds paid in within 30 days; services declined; perishables by the rules) and
 * tells the giver's managing body within 5 working days of handling.
 */

type GiftRow = typeof gifts.$inferSelect;
// Numbered in the year it was reported, which no correction changes (rev28: a corrected receipt date
// moved QT-2026-00005 to QT-2025-00005).
const number = (g: Pick<GiftRow, 'seq' | 'reportedOn'>) => recordNumber('QT', g.seq, g.reportedOn);

function present(ctx: Ctx, g: GiftRow, unitName: string) {
  const on = today(ctx);
  return {
    id: g.id,
    number: number(g),
    unitId: g.unitId,
    unitName,
    recipientId: g.recipientId,
    recipientName: g.recipientName,
    recipientPosition: g.recipientPosition,
    receivedOn: g.receivedOn,
    reportedOn: g.reportedOn,
    place: g.place,
    circumstances: g.circumstances,
    giverName: g.giverName,
    giverPosition: g.giverPosition,
    giverAgency: g.giverAgency,
    giverAddress: g.giverAddress,
    relationship: g.relationship,
    kind: g.kind,
    description: g.description,
    valueVnd: g.valueVnd,
    valuedVnd: g.valuedVnd,
    valuationMethod: g.valuationMethod,
    stage: g.stage,
    handOverBy: g.handOverBy,
    handedOverOn: g.handedOverOn,
    receivedBy: g.receivedBy,
    handledOn: g.handledOn,
    handlingNo: g.handlingNo,
    proceedsVnd: g.proceedsVnd,
    costsVnd: g.costsVnd,
    remitBy: g.remitBy,
    remittedOn: g.remittedOn,
    remittedVnd: g.remittedVnd,
    notifyBy: g.notifyBy,
    notifiedOn: g.notifiedOn,
    notifiedBody: g.notifiedBody,
    published: g.published,
    nextDueOn: g.nextDueOn,
    late: g.nextDueOn !== null && g.nextDueOn < on,
    mine: g.recipientId !== null && g.recipientId === ctx.actor.userId,
    version: g.version,
  };
}

/** What the actor may see: their own gifts, and every gift of the units they handle or oversee. */
function visible(ctx: Ctx): SQL | undefined {
  if (ctx.actor.kind === 'system') return undefined;
  const me = ctx.actor.userId;
  return or(
    me ? or(eq(gifts.recipientId, me), eq(gifts.reportedBy, me)) : undefined,
    scopeFilter(ctx.actor, HANDLE, units.path),
    scopeFilter(ctx.actor, OVERSEE, units.path),
  );
}

/** What the official's written report says (Decree 59 Art. 26(2)), as stored: reported or corrected. */
const reportOf = (input: GiftEdit | GiftCreate) => ({
  receivedOn: input.receivedOn,
  place: input.place,
  circumstances: input.circumstances,
  giverName: input.giverName,
  giverPosition: input.giverPosition ?? null,
  giverAgency: input.giverAgency,
  giverAddress: input.giverAddress ?? null,
  relationship: input.relationship,
  kind: input.kind,
  description: input.description,
  valueVnd: input.valueVnd ?? null,
});

export async function createGift(ctx: Ctx, input: GiftCreate) {
  if (!canAnywhere(ctx.actor, DECLARE) && !canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  const recipientId = input.recipientId ?? ctx.actor.userId;
  if (!recipientId) throw fieldError('recipientId', 'field.required');
  // Someone else's gift is registered only by a handler (from a paper report).
  if (recipientId !== ctx.actor.userId && !canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    const person = await handlingUnit(tx, recipientId);
    if (!person) throw fieldError('recipientId', 'field.invalid');
    const [home] = await tx.select({ path: units.path }).from(units).where(eq(units.id, person.homeUnitId));
    if (recipientId === ctx.actor.userId) {
      if (
        !can(ctx.actor, DECLARE, { unitPath: home!.path }) &&
        !can(ctx.actor, HANDLE, { unitPath: home!.path })
      )
        throw new AppError('not_found');
    } else if (!can(ctx.actor, HANDLE, { unitPath: home!.path }))
      // Someone else's gift is registered only by a handler over their unit (a report made on paper).
      throw fieldError('recipientId', 'field.unit_out_of_scope');
    checkDate(ctx, 'receivedOn', input.receivedOn);
    // A past report date only for a paper report registered by a handler; one's own report is dated today.
    if (input.reportedOn && recipientId === ctx.actor.userId)
      throw fieldError('reportedOn', 'field.reported_on_paper_only');
    if (input.reportedOn) checkDate(ctx, 'reportedOn', input.reportedOn, input.receivedOn);
    if (input.kind === 'cash' && input.valueVnd == null) throw fieldError('valueVnd', 'field.required');
    const [row] = await tx
      .insert(gifts)
      .values({
        unitId: person.unitId,
        recipientId,
        recipientName: person.name,
        recipientPosition: person.position,
        reportedBy: ctx.actor.userId,
        reportedOn: input.reportedOn ?? today(ctx),
        ...reportOf(input),
      })
      .returning();
    const g = row!;
    const due = await startClock(tx, { kind: 'gift', id: g.id }, 'gift.hand_over', g.receivedOn).catch(
      rangeField('receivedOn'),
    );
    await tx.update(gifts).set({ handOverBy: due.due, nextDueOn: due.due }).where(eq(gifts.id, g.id));
    await addEvent(ctx, tx, g.id, 'reported');
    await audit(tx, ctx, {
      action: 'gift.reported',
      entityType: 'gift',
      entityId: g.id,
      unitId: g.unitId,
      changes: {
        number: number(g),
        kind: g.kind,
        valueVnd: g.valueVnd,
        onBehalf: recipientId !== ctx.actor.userId,
      },
    });
    return { id: g.id };
  });
}

async function loadGift(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select({ g: gifts, unitName: units.name, path: units.path })
    .from(gifts)
    .innerJoin(units, eq(units.id, gifts.unitId))
    .where(eq(gifts.id, id));
  const [r] = await (lock ? q.for('update', { of: gifts }) : q);
  if (!r || !readable(ctx, r.path, [r.g.recipientId, r.g.reportedBy])) throw new AppError('not_found');
  return { ...r, people: await samePeopleAs(db, ctx.actor.userId, [r.g.recipientId, r.g.reportedBy]) };
}

/** The steps the actor may record now, in the order the law has them. */
function stepsFor(ctx: Ctx, g: GiftRow, at: Held): GiftStepKind[] {
  const handler = mayHandle(ctx, at, [g.recipientId]);
  const out: GiftStepKind[] = [];
  // The unit records what it received: the official hands the gift over, the receipt is someone else's.
  if (!handler) return out;
  if (g.stage === 'reported') out.push('hand_over');
  if (g.stage === 'handed_over') out.push('handle');
  if (g.stage === 'handled' && g.kind === 'goods' && !g.remittedOn) out.push('remit');
  if (g.stage === 'handled' && !g.notifiedOn) out.push('notify');
  out.push('publish');
  return out;
}

/**
 * May the actor correct the report now: the official who received it or reported it, until it is handed
 * over; a handler over the unit (not the official), until it is handled. Past that the record is what the
 * handling was based on: a correction is noted in the next step.
 */
function mayCorrect(ctx: Ctx, g: GiftRow, at: Held) {
  const me = ctx.actor.userId;
  const own = me !== null && (g.recipientId === me || g.reportedBy === me);
  return (
    (own && g.stage === 'reported') ||
    (mayHandle(ctx, at, [g.recipientId]) && (g.stage === 'reported' || g.stage === 'handed_over'))
  );
}

/** The receipt date starts the official's own clock: moved by a handler who is neither them nor the reporter. */
const mayRedate = (ctx: Ctx, g: GiftRow, at: Held) => mayHandle(ctx, at, [g.recipientId, g.reportedBy]);

export async function getGift(ctx: Ctx, id: string, db: Db = ctx.db) {
  const r = await loadGift(ctx, db, id);
  return {
    ...present(ctx, r.g, r.unitName),
    events: await eventsOf(db, id),
    can: stepsFor(ctx, r.g, r),
    canCorrect: mayCorrect(ctx, r.g, r),
    canRedate: mayCorrect(ctx, r.g, r) && mayRedate(ctx, r.g, r),
  };
}

export async function correctGift(ctx: Ctx, id: string, input: GiftEdit) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadGift(ctx, tx, id, true);
    const g = r.g;
    if (!mayCorrect(ctx, g, r)) {
      const me = ctx.actor.userId;
      const concerned = me !== null && (g.recipientId === me || g.reportedBy === me);
      if (!concerned && !can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
      throw new AppError('record_final');
    }
    if (g.version !== input.version) throw new AppError('conflict');
    checkDate(ctx, 'receivedOn', input.receivedOn);
    // Received after it was reported, or after it was handed over, cannot be.
    if (input.receivedOn > g.reportedOn) throw fieldError('receivedOn', 'field.after_reported_on');
    if (g.handedOverOn && input.receivedOn > g.handedOverOn)
      throw fieldError('receivedOn', 'field.after_handed_over');
    if (input.kind === 'cash' && input.valueVnd == null) throw fieldError('valueVnd', 'field.required');
    // The receipt date starts the official's own 5 working days: they do not move it alone (sec31 F2: a
    // late hand-over was cleared that way). The unit corrects it, audited.
    if (input.receivedOn !== g.receivedOn && !mayRedate(ctx, g, r))
      throw fieldError('receivedOn', 'field.date_by_unit');
    const next = reportOf(input);
    const changes = diff(g, next);
    if (Object.keys(changes).length === 0) return getGift(ctx, id, tx);
    let handOverBy = g.handOverBy;
    if (next.receivedOn !== g.receivedOn) {
      // The 5 working days run from the corrected date.
      const due = await moveClockStart(tx, id, 'gift.hand_over', next.receivedOn).catch(
        rangeField('receivedOn'),
      );
      handOverBy = due?.due ?? handOverBy;
    }
    await tx
      .update(gifts)
      .set({ ...next, handOverBy, version: g.version + 1 })
      .where(eq(gifts.id, id));
    await refreshNextDue(tx, 'gifts', id);
    await addEvent(ctx, tx, id, 'corrected', Object.keys(changes).join(', '));
    await audit(tx, ctx, {
      action: 'gift.corrected',
      entityType: 'gift',
      entityId: id,
      unitId: g.unitId,
      changes,
    });
    return getGift(ctx, id, tx);
  });
}

export async function listGifts(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    stage?: string | undefined;
    kind?: string | undefined;
    mine?: '1' | undefined;
    late?: '1' | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    sort?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (!canAnywhere(ctx.actor, DECLARE) && !canAnywhere(ctx.actor, HANDLE) && !canAnywhere(ctx.actor, OVERSEE))
    throw new AppError('not_found');
  let unitPath: string | undefined;
  if (q.unitId) {
    const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, q.unitId));
    // A unit out of the reader's scope is not found, as in every register (not an empty list).
    if (
      !u ||
      !(can(ctx.actor, HANDLE, { unitPath: u.path }) || can(ctx.actor, OVERSEE, { unitPath: u.path }))
    )
      throw new AppError('not_found');
    unitPath = u.path;
  }
  const where = and(
    visible(ctx),
    q.mine ? eq(gifts.recipientId, ctx.actor.userId ?? '') : undefined,
    unitPath ? sql`${units.path} like ${`${unitPath}%`}` : undefined,
    q.year ? sql`${gifts.receivedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}` : undefined,
    q.stage ? eq(gifts.stage, q.stage as never) : undefined,
    q.kind ? eq(gifts.kind, q.kind as never) : undefined,
    q.late ? sql`${gifts.nextDueOn} < ${today(ctx)}` : undefined,
    searchFilter(
      // By its number too, as suggestions and letters quote it (rev28).
      sql`liem_fold(${recordNumberSql('QT', sql`${gifts.seq}`, sql`${gifts.reportedOn}`)} || ' ' || ${gifts.recipientName} || ' ' || ${gifts.giverName} || ' ' || ${gifts.giverAgency} || ' ' || ${gifts.description})`,
      q.q,
    ),
  );
  const order =
    q.sort === 'receivedOn'
      ? [asc(gifts.receivedOn), asc(gifts.seq)]
      : q.sort === 'nextDueOn' || q.sort === '-nextDueOn'
        ? [
            sql`${gifts.nextDueOn} ${sql.raw(q.sort === 'nextDueOn' ? 'asc' : 'desc')} nulls last`,
            desc(gifts.seq),
          ]
        : q.sort === 'valueVnd'
          ? [sql`${gifts.valueVnd} asc nulls first`, desc(gifts.seq)]
          : q.sort === '-valueVnd'
            ? [sql`${gifts.valueVnd} desc nulls last`, desc(gifts.seq)]
            : [desc(gifts.receivedOn), desc(gifts.seq)];
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(gifts)
    .innerJoin(units, eq(units.id, gifts.unitId))
    .where(where);
  const found = await ctx.db
    .select({ g: gifts, unitName: units.name })
    .from(gifts)
    .innerJoin(units, eq(units.id, gifts.unitId))
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: found.map((r) => present(ctx, r.g, r.unitName)),
    total: n!.n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const required = (field: string, v: unknown) => {
  if (v === null || v === undefined) throw fieldError(field, 'field.required');
};

export async function recordGiftStep(ctx: Ctx, id: string, input: GiftStep) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadGift(ctx, tx, id, true);
    const g = r.g;
    if (g.version !== input.version) throw new AppError('conflict');
    const allowed = stepsFor(ctx, g, r);
    if (!allowed.includes(input.step)) {
      // The official's own gift: every step after the report is someone else's (separation of duties).
      if (g.recipientId && r.people.has(g.recipientId)) throw new AppError('separation_of_duties');
      if (!can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
      throw fieldError('step', 'field.step_not_now');
    }
    const subject = { kind: 'gift' as const, id };
    const set: Partial<GiftRow> = {};
    let note = input.note ?? null;
    switch (input.step) {
      case 'hand_over':
        requireHandler(ctx, r, [g.recipientId]);
        checkDate(ctx, 'on', input.on, g.receivedOn);
        required('receivedBy', input.receivedBy);
        await finishClocks(tx, id, input.on, ['gift.hand_over']);
        Object.assign(set, { stage: 'handed_over', handedOverOn: input.on, receivedBy: input.receivedBy });
        note = [input.receivedBy, input.note].filter(Boolean).join(' — ');
        break;
      case 'handle': {
        requireHandler(ctx, r, [g.recipientId]);
        checkDate(ctx, 'on', input.on, g.handedOverOn);
        if (g.kind === 'cash' || g.kind === 'valuable_papers') {
          required('amountVnd', input.amountVnd);
          // Money goes to the budget at its face value, as reported.
          if (g.kind === 'cash' && g.valueVnd !== null && input.amountVnd !== g.valueVnd)
            throw fieldError('amountVnd', 'field.remit_amount', {
              amount: g.valueVnd.toLocaleString('vi-VN'),
            });
          Object.assign(set, {
            remittedOn: input.on,
            remittedVnd: input.amountVnd,
            valueVnd: g.valueVnd ?? input.amountVnd,
          });
        } else if (g.kind === 'goods') {
          required('valueVnd', input.valueVnd);
          required('valuationMethod', input.valuationMethod);
          required('proceedsVnd', input.proceedsVnd);
          const costs = input.costsVnd ?? 0;
          if (costs > input.proceedsVnd!) throw fieldError('costsVnd', 'field.costs_above_proceeds');
          const remit = await startClock(tx, subject, 'gift.remit_proceeds', input.on).catch(
            rangeField('on'),
          );
          Object.assign(set, {
            // The official's reported value stays beside the unit's valuation (rev20 P16).
            valuedVnd: input.valueVnd,
            valuationMethod: input.valuationMethod,
            proceedsVnd: input.proceedsVnd,
            costsVnd: costs,
            remitBy: remit.due,
          });
        } else if (g.kind === 'perishable') required('note', input.note);
        const notify = await startClock(tx, subject, 'gift.notify_giver', input.on).catch(rangeField('on'));
        Object.assign(set, {
          stage: 'handled',
          handledOn: input.on,
          handlingNo: input.documentNo ?? null,
          notifyBy: notify.due,
        });
        break;
      }
      case 'remit': {
        requireHandler(ctx, r, [g.recipientId]);
        checkDate(ctx, 'on', input.on, g.handledOn);
        const owed = (g.proceedsVnd ?? 0) - (g.costsVnd ?? 0);
        const amount = input.amountVnd ?? owed;
        // What the budget receives is the sale's proceeds less its costs (Art. 27(2)(b)), not another figure.
        if (amount !== owed)
          throw fieldError('amountVnd', 'field.remit_amount', { amount: owed.toLocaleString('vi-VN') });
        await finishClocks(tx, id, input.on, ['gift.remit_proceeds']);
        Object.assign(set, { remittedOn: input.on, remittedVnd: amount });
        break;
      }
      case 'notify':
        requireHandler(ctx, r, [g.recipientId]);
        checkDate(ctx, 'on', input.on, g.handledOn);
        required('body', input.body);
        await finishClocks(tx, id, input.on, ['gift.notify_giver']);
        Object.assign(set, { notifiedOn: input.on, notifiedBody: input.body });
        note = [input.body, input.documentNo, input.note].filter(Boolean).join(' — ');
        break;
      case 'publish':
        requireHandler(ctx, r, [g.recipientId]);
        required('published', input.published);
        set.published = input.published!;
        break;
    }
    const next = { ...g, ...set };
    if (next.stage === 'handled' && next.notifiedOn && (next.kind !== 'goods' || next.remittedOn))
      set.stage = 'closed';
    await tx
      .update(gifts)
      .set({ ...set, version: g.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(gifts.id, id));
    await refreshNextDue(tx, 'gifts', id);
    const kind = input.step === 'publish' && !input.published ? 'unpublish' : input.step;
    await addEvent(ctx, tx, id, kind, note);
    await audit(tx, ctx, {
      action: `gift.${input.step}`,
      entityType: 'gift',
      entityId: id,
      unitId: g.unitId,
      changes: { on: input.on, ...(set.stage ? { stage: set.stage } : {}) },
    });
    return getGift(ctx, id, tx);
  });
}

/** The unit's year by kind (Art. 27's yearly summary): count, value, paid into the budget, open, late. */
export async function giftSummary(ctx: Ctx, year: number, unitId?: string) {
  if (!canAnywhere(ctx.actor, HANDLE) && !canAnywhere(ctx.actor, OVERSEE)) throw new AppError('not_found');
  let path: string | undefined;
  if (unitId) {
    const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
    if (
      !u ||
      !(can(ctx.actor, HANDLE, { unitPath: u.path }) || can(ctx.actor, OVERSEE, { unitPath: u.path }))
    )
      throw new AppError('not_found');
    path = u.path;
  }
  const scope = or(scopeFilter(ctx.actor, HANDLE, units.path), scopeFilter(ctx.actor, OVERSEE, units.path));
  const found = await rows<{
    kind: string;
    count: number;
    value: string | null;
    remitted: string;
    open: number;
    late: number;
  }>(
    ctx.db,
    sql`select g.kind, count(*)::int as count, sum(coalesce(g.valued_vnd, g.value_vnd))::text as value,
        coalesce(sum(g.remitted_vnd), 0)::text as remitted,
        count(*) filter (where g.stage <> 'closed')::int as open,
        count(*) filter (where g.next_due_on < ${today(ctx)})::int as late
      from ${gifts} g join ${units} on ${units.id} = g.unit_id
      where g.received_on between ${`${year}-01-01`} and ${`${year}-12-31`}
        and ${scope ?? sql`true`} ${path ? sql`and ${units.path} like ${`${path}%`}` : sql``}
      group by g.kind`,
  );
  return {
    year,
    rows: found.map((r) => ({
      kind: r.kind as never,
      count: r.count,
      valueVnd: r.value === null ? null : Number(r.value),
      remittedVnd: Number(r.remitted),
      open: r.open,
      late: r.late,
    })),
  };
}

const handlingOf = (g: GiftRow) =>
  g.kind === 'goods'
    ? 'sold'
    : g.kind === 'service'
      ? 'declined'
      : g.kind === 'perishable'
        ? 'handled_by_rules'
        : 'remitted_to_budget';

/**
 * The published register (open data, no sign-in): gifts a unit chose to publish, with what was given, by
 * which agency and how it was handled — not the names, addresses or circumstances of the people involved.
 */
export async function publishedGifts(db: Db, year: number) {
  const found = await db
    .select({ g: gifts, unitName: units.name })
    .from(gifts)
    .innerJoin(units, eq(units.id, gifts.unitId))
    .where(
      and(
        eq(gifts.published, true),
        sql`${gifts.receivedOn} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
      ),
    )
    .orderBy(asc(gifts.receivedOn), asc(gifts.seq))
    .limit(5000);
  return found.map(({ g, unitName }) => ({
    number: number(g),
    unitName,
    recipientPosition: g.recipientPosition,
    giverAgency: g.giverAgency,
    kind: g.kind,
    description: g.description,
    valueVnd: g.valuedVnd ?? g.valueVnd,
    receivedOn: g.receivedOn,
    handedOverOn: g.handedOverOn,
    handling: g.handledOn ? handlingOf(g) : 'pending',
    handledOn: g.handledOn,
  }));
}
