import { randomBytes, randomUUID } from 'node:crypto';
import { AlignmentType } from 'docx';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { audit, auditMany } from '#server/modules/audit/service.ts';
import {
  computeDue,
  extendClock,
  finishClocks,
  startClock,
  startClocks,
} from '#server/modules/clocks/service.ts';
import { startedClocks } from '#server/modules/clocks/tables.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { administrativeDocx, dataTable, para, placeOf, run } from '#server/platform/documents.ts';
import { openAtRest, sealAtRest } from '#server/server-key.ts';
import { formatLegalDate } from '#shared/dates.ts';
import type {
  CandidateChange,
  CaseOpen,
  CaseStep,
  PlanCreate,
  RequestCreate,
  sanctionOutcomes,
} from '#shared/declarations/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { translate } from '#shared/i18n/index.ts';
import { can, canAnywhere, scopesFor } from '#shared/permissions.ts';
import { foldText as fold } from '#shared/text.ts';
import {
  commitmentOf,
  draw,
  LOTTERY_ALGORITHM,
  type LotteryInputs,
  type LotteryRecord,
  seedHashOf,
} from './lottery.ts';
import { openDeclarationContent } from './sealed.ts';
import {
  declarationRoster,
  declarationRounds,
  declarations,
  verificationCandidates,
  verificationCases,
  verificationPlans,
  verificationRequests,
} from './tables.ts';

/**
 * The control agency's side (issue 18 §5–6): the yearly verification plan, its public lottery and the
 * verifications with their clocks. Everything here needs `declarations.control` over the plan's or the
 * case's control unit; nobody acts on a verification of themselves (ADR 0025).
 */

type PlanRow = typeof verificationPlans.$inferSelect;
type CaseRow = typeof verificationCases.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const today = (ctx: Ctx) => vnToday(ctx.clock.now());
const seedAd = (planId: string) => `lottery-seed:${planId}`;

/** Only the control agency sees plans; anything out of its scope does not exist (404). */
function requireControl(ctx: Ctx, path: string) {
  if (!can(ctx.actor, 'declarations.control', { unitPath: path })) throw new AppError('not_found');
}

async function loadPlan(ctx: Ctx, db: Db | Tx, id: string, lock = false) {
  const q = db
    .select({ p: verificationPlans, path: units.path, unitName: units.name })
    .from(verificationPlans)
    .innerJoin(units, eq(units.id, verificationPlans.unitId))
    .where(eq(verificationPlans.id, id));
  const [row] = await (lock ? q.for('update', { of: verificationPlans }) : q);
  if (!row) throw new AppError('not_found');
  requireControl(ctx, row.path);
  return row;
}

async function presentPlan(db: Db | Tx, p: PlanRow, unitName: string) {
  const [n] = await db
    .select({
      units: sql<number>`count(distinct ${verificationCandidates.unitId}) filter (where ${verificationCandidates.excludedReason} is null)::int`,
      candidates: sql<number>`count(*) filter (where ${verificationCandidates.excludedReason} is null)::int`,
      selected: sql<number>`count(*) filter (where ${verificationCandidates.selected})::int`,
    })
    .from(verificationCandidates)
    .where(eq(verificationCandidates.planId, p.id));
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    year: p.year,
    issuedOn: p.issuedOn,
    drawDueOn: p.drawDueOn,
    unitSharePercent: p.unitSharePercent,
    personSharePercent: p.personSharePercent,
    status: p.status as 'draft' | 'committed' | 'drawn',
    seedHash: p.seedHash,
    commitment: p.commitment,
    committedAt: p.committedAt?.toISOString() ?? null,
    drawnAt: p.drawnAt?.toISOString() ?? null,
    minutesRef: p.minutesRef,
    witnesses: p.witnesses ?? null,
    units: n?.units ?? 0,
    candidates: n?.candidates ?? 0,
    selected: n?.selected ?? 0,
  };
}

export async function listPlans(ctx: Ctx) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  const rows = await ctx.db
    .select({ p: verificationPlans, unitName: units.name })
    .from(verificationPlans)
    .innerJoin(units, eq(units.id, verificationPlans.unitId))
    .where(scopeFilter(ctx.actor, 'declarations.control', units.path))
    .orderBy(desc(verificationPlans.year), asc(units.name));
  return Promise.all(rows.map((r) => presentPlan(ctx.db, r.p, r.unitName)));
}

/**
 * A plan for a year over the control agency's round of the year before: its annual declarants are the
 * candidates, less those with no declaration and those verified in the previous four years (Decree 130
 * Art. 16), who are kept with the reason so the published list shows them.
 */
export async function createPlan(ctx: Ctx, input: PlanCreate) {
  return ctx.db.transaction(async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit || !can(ctx.actor, 'declarations.control', { unitPath: unit.path }))
      throw fieldError('unitId', 'field.unit_out_of_scope');
    const [taken] = await tx
      .select({ id: verificationPlans.id })
      .from(verificationPlans)
      .where(and(eq(verificationPlans.unitId, unit.id), eq(verificationPlans.year, input.year)));
    if (taken) throw fieldError('year', 'field.plan_exists');
    const [round] = await tx
      .select()
      .from(declarationRounds)
      .where(and(eq(declarationRounds.unitId, unit.id), eq(declarationRounds.year, input.year - 1)));
    if (!round) throw fieldError('year', 'field.no_round');
    // Issued by now, at the end of the year before or in the year itself (approved before 31/01, Decree
    // 130 Art. 15(1)): a typo of 2028 would otherwise freeze the year's only plan (re-review N2).
    if (input.issuedOn > today(ctx)) throw fieldError('issuedOn', 'field.date_future');
    const issuedYear = Number(input.issuedOn.slice(0, 4));
    if (issuedYear !== input.year && issuedYear !== input.year - 1)
      throw fieldError('issuedOn', 'field.plan_issued_year', { year: input.year });
    const due = await computeDue(tx, 'declaration.lottery', input.issuedOn);
    const [plan] = await tx
      .insert(verificationPlans)
      .values({ ...input, drawDueOn: due.due, createdBy: ctx.actor.userId })
      .returning();
    await startClocks(tx, 'verification_plan', [plan!.id], 'declaration.lottery', input.issuedOn, due);
    const verifiedSince = `${input.year - 4}-01-01`;
    const found = await tx
      .select({
        unitId: declarationRoster.unitId,
        userId: declarationRoster.userId,
        positionName: declarationRoster.positionName,
        leader: sql<boolean>`${positions.leadershipLevel} is not null`,
        declarationId: declarations.id,
        verified: sql<boolean>`exists (select 1 from ${verificationCases} vc where vc.user_id = ${declarationRoster.userId} and vc.decided_on >= ${verifiedSince})`,
      })
      .from(declarationRoster)
      .innerJoin(users, eq(users.id, declarationRoster.userId))
      .leftJoin(positions, eq(positions.id, users.positionId))
      .leftJoin(
        declarations,
        and(
          eq(declarations.userId, declarationRoster.userId),
          eq(declarations.year, round.year),
          eq(declarations.kind, 'annual'),
          sql`${declarations.submittedAt} is not null`,
        ),
      )
      .where(and(eq(declarationRoster.roundId, round.id), isNull(declarationRoster.removedReason)));
    // A province's roster is 50,000 people: in slices, under the statement's parameter limit.
    await insertRows(
      tx,
      verificationCandidates,
      found.map((f) => ({
        planId: plan!.id,
        unitId: f.unitId,
        userId: f.userId,
        declarationId: f.declarationId,
        positionName: f.positionName,
        leader: f.leader,
        excludedReason: !f.declarationId ? 'no_declaration' : f.verified ? 'verified_recently' : null,
      })),
    );
    await audit(tx, ctx, {
      action: 'verification_plan.created',
      entityType: 'verification_plan',
      entityId: plan!.id,
      unitId: unit.id,
      changes: { year: input.year, issuedOn: input.issuedOn, drawDueOn: due.due, candidates: found.length },
    });
    return presentPlan(tx, plan!, unit.name);
  });
}

export interface CandidateQuery {
  q?: string | undefined;
  show?: 'selected' | 'excluded' | undefined;
  page: number;
  pageSize: number;
}

/** A plan's candidates by unit and name: all of them (to commit), or a page (a province has 50,000). */
async function candidatesOf(db: Db | Tx, planId: string, page?: CandidateQuery) {
  const where = and(
    eq(verificationCandidates.planId, planId),
    page?.show === 'selected' ? eq(verificationCandidates.selected, true) : undefined,
    page?.show === 'excluded' ? sql`${verificationCandidates.excludedReason} is not null` : undefined,
    searchFilter(sql`liem_fold(${users.fullName} || ' ' || ${units.name})`, page?.q),
  );
  const q = db
    .select({
      c: verificationCandidates,
      unitName: units.name,
      unitCode: units.code,
      fullName: users.fullName,
    })
    .from(verificationCandidates)
    .innerJoin(units, eq(units.id, verificationCandidates.unitId))
    .innerJoin(users, eq(users.id, verificationCandidates.userId))
    .where(where)
    .orderBy(asc(units.code), sql`liem_fold(${users.fullName})`, asc(verificationCandidates.id));
  const rows = await (page ? q.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : q);
  return rows.map(({ c, unitName, unitCode, fullName }) => ({
    id: c.id,
    unitId: c.unitId,
    unitName,
    unitCode,
    userId: c.userId,
    fullName,
    positionName: c.positionName,
    leader: c.leader,
    declarationId: c.declarationId,
    excludedReason: c.excludedReason as
      | 'investigation'
      | 'illness'
      | 'abroad'
      | 'other'
      | 'no_declaration'
      | 'verified_recently'
      | null,
    excludedNote: c.excludedNote,
    selected: c.selected,
  }));
}

export async function getPlan(ctx: Ctx, id: string, page: CandidateQuery = { page: 1, pageSize: 50 }) {
  const row = await loadPlan(ctx, ctx.db, id);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(verificationCandidates)
    .innerJoin(units, eq(units.id, verificationCandidates.unitId))
    .innerJoin(users, eq(users.id, verificationCandidates.userId))
    .where(
      and(
        eq(verificationCandidates.planId, id),
        page.show === 'selected' ? eq(verificationCandidates.selected, true) : undefined,
        page.show === 'excluded' ? sql`${verificationCandidates.excludedReason} is not null` : undefined,
        searchFilter(sql`liem_fold(${users.fullName} || ' ' || ${units.name})`, page.q),
      ),
    );
  // Units whose list holds no head or deputy: the draw cannot give them the leader the law asks for
  // (Decree 130 Art. 15(3)); once drawn, only the units chosen matter.
  const drawn = row.p.status === 'drawn';
  const withoutLeader = await ctx.db
    .select({ name: units.name })
    .from(verificationCandidates)
    .innerJoin(units, eq(units.id, verificationCandidates.unitId))
    .where(and(eq(verificationCandidates.planId, id), isNull(verificationCandidates.excludedReason)))
    .groupBy(units.id, units.name)
    .having(
      and(
        sql`not bool_or(${verificationCandidates.leader})`,
        drawn ? sql`bool_or(${verificationCandidates.selected})` : undefined,
      ),
    )
    .orderBy(asc(units.name));
  return {
    plan: await presentPlan(ctx.db, row.p, row.unitName),
    candidates: await candidatesOf(ctx.db, id, page),
    total: n!.n,
    withoutLeader: withoutLeader.map((u) => u.name),
  };
}

/**
 * A draft plan withdrawn before its inputs are committed (a wrong date, a wrong unit): nothing of it was
 * published yet, so it goes, with its candidates and its clock; the log keeps that it existed.
 */
export async function deletePlan(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(ctx, tx, id, true);
    if (plan.p.status !== 'draft') throw new AppError('conflict');
    await tx.delete(verificationCandidates).where(eq(verificationCandidates.planId, id));
    await tx.delete(startedClocks).where(eq(startedClocks.subjectId, id));
    await tx.delete(verificationPlans).where(eq(verificationPlans.id, id));
    await audit(tx, ctx, {
      action: 'verification_plan.deleted',
      entityType: 'verification_plan',
      entityId: id,
      unitId: plan.p.unitId,
      changes: { year: plan.p.year, issuedOn: plan.p.issuedOn },
    });
  });
}

/**
 * Excludes a candidate with a reason of Art. 16 (under investigation, serious illness, abroad ≥ 12
 * months) or puts them back, before the inputs are committed; never oneself.
 */
export async function changeCandidate(ctx: Ctx, id: string, input: CandidateChange) {
  const planId = await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(verificationCandidates)
      .where(eq(verificationCandidates.id, id))
      .for('update');
    if (!c) throw new AppError('not_found');
    const plan = await loadPlan(ctx, tx, c.planId, true);
    if (c.userId === ctx.actor.userId) throw new AppError('separation_of_duties');
    if (plan.p.status !== 'draft') throw new AppError('conflict');
    if (c.excludedReason === 'no_declaration' || c.excludedReason === 'verified_recently')
      throw fieldError('excludedReason', 'field.exclusion_automatic');
    await tx
      .update(verificationCandidates)
      .set({ excludedReason: input.excludedReason, excludedNote: input.excludedNote ?? null })
      .where(eq(verificationCandidates.id, id));
    await audit(tx, ctx, {
      action: 'verification_plan.candidate_changed',
      entityType: 'verification_plan',
      entityId: plan.p.id,
      unitId: c.unitId,
      changes: { candidate: id, excludedReason: [c.excludedReason, input.excludedReason] },
    });
    return plan.p.id;
  });
  return getPlan(ctx, planId);
}

/** The published inputs, from the candidates as they stand (units by code, people by reference). */
async function inputsOf(tx: Tx, plan: PlanRow, unitName: string, seedHash: string): Promise<LotteryInputs> {
  const all = await candidatesOf(tx, plan.id);
  const [round] = await tx
    .select({ id: declarationRounds.id })
    .from(declarationRounds)
    .where(and(eq(declarationRounds.unitId, plan.unitId), eq(declarationRounds.year, plan.year - 1)));
  const declarants = new Map(
    (
      await tx
        .select({ unitId: declarationRoster.unitId, n: sql<number>`count(*)::int` })
        .from(declarationRoster)
        .where(
          and(eq(declarationRoster.roundId, round?.id ?? plan.id), isNull(declarationRoster.removedReason)),
        )
        .groupBy(declarationRoster.unitId)
    ).map((r) => [r.unitId, r.n]),
  );
  const byUnit = new Map<string, LotteryInputs['units'][number]>();
  for (const c of all) {
    if (c.excludedReason) continue;
    let u = byUnit.get(c.unitCode);
    if (!u) {
      u = {
        code: c.unitCode,
        name: c.unitName,
        annualDeclarants: declarants.get(c.unitId) ?? 0,
        candidates: [],
      };
      byUnit.set(c.unitCode, u);
    }
    u.candidates.push({ ref: c.id, name: c.fullName, position: c.positionName ?? '', leader: c.leader });
  }
  return {
    algorithm: LOTTERY_ALGORITHM,
    plan: { id: plan.id, year: plan.year, controlUnit: unitName, issuedOn: plan.issuedOn },
    unitSharePercent: plan.unitSharePercent,
    personSharePercent: plan.personSharePercent,
    units: [...byUnit.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    // How many were left out in each unit, never who or why: a reason of Art. 16 (an illness, an
    // investigation) is not for the public record (issue-18 re-review N3). Staff read the names in Liêm.
    excluded: [
      ...all
        .filter((c) => c.excludedReason)
        .reduce((m, c) => m.set(c.unitCode, (m.get(c.unitCode) ?? 0) + 1), new Map<string, number>()),
    ]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([unit, count]) => ({ unit, count })),
    seedHash,
  };
}

/**
 * Freezes the candidates: a secret seed is drawn and sealed, and the inputs with the seed's hash are
 * hashed into the commitment that is read out (and printed) before the draw.
 */
export async function commitPlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(ctx, tx, id, true);
    if (row.p.status !== 'draft') throw new AppError('conflict');
    const seed = randomBytes(32).toString('hex');
    const seedHash = seedHashOf(seed);
    const inputs = await inputsOf(tx, row.p, row.unitName, seedHash);
    if (inputs.units.length === 0) throw fieldError('status', 'field.no_candidates');
    const commitment = commitmentOf(inputs);
    const [p] = await tx
      .update(verificationPlans)
      .set({
        status: 'committed',
        seed: sealAtRest(seed, seedAd(id)),
        seedHash,
        inputs,
        commitment,
        committedAt: ctx.clock.now(),
        version: row.p.version + 1,
      })
      .where(eq(verificationPlans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'verification_plan.committed',
      entityType: 'verification_plan',
      entityId: id,
      unitId: row.p.unitId,
      changes: { commitment, seedHash, units: inputs.units.length },
    });
    return presentPlan(tx, p!, row.unitName);
  });
}

/**
 * The public draw: the witnesses' numbers and the revealed seed select the units and people; each one
 * drawn gets a verification opened on the lottery ground, its decision due 15 days later (Law Art. 45).
 */
export async function drawPlan(
  ctx: Ctx,
  id: string,
  input: {
    witnesses: Array<{ name: string; organisation: string; value: string }>;
    minutesRef?: string | null | undefined;
  },
) {
  // Two different people witness: the same name twice is one witness (issue-18 re-review N7).
  const names = input.witnesses.map((x) => fold(x.name).replace(/\s+/g, ' ').trim());
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0) throw fieldError(`witnesses.${twice}.name`, 'field.duplicate');
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(ctx, tx, id, true);
    if (row.p.status !== 'committed') throw new AppError('conflict');
    const seed = openAtRest(row.p.seed!, seedAd(id));
    if (seed === null) throw new Error(`lottery seed of plan ${id} cannot be opened with this server key`);
    const values = input.witnesses.map((w) => w.value);
    const result = draw(row.p.inputs as LotteryInputs, row.p.commitment!, seed, values);
    const refs = Object.values(result.persons).flat();
    if (refs.length > 0)
      await tx
        .update(verificationCandidates)
        .set({ selected: true })
        .where(and(eq(verificationCandidates.planId, id), inArray(verificationCandidates.id, refs)));
    const on = today(ctx);
    const due = await computeDue(tx, 'declaration.verification_decision', on);
    const drawn = refs.length
      ? await tx
          .select()
          .from(verificationCandidates)
          .where(and(eq(verificationCandidates.planId, id), eq(verificationCandidates.selected, true)))
      : [];
    const opened = drawn.map((c) => ({
      id: randomUUID(),
      controlUnitId: row.p.unitId,
      userId: c.userId,
      declarationId: c.declarationId!,
      ground: 'lottery',
      planId: id,
      groundKnownOn: on,
      decisionDueOn: due.due,
      createdBy: ctx.actor.userId,
    }));
    await insertRows(tx, verificationCases, opened);
    await finishClocks(tx, id, on, ['declaration.lottery']);
    await startClocks(
      tx,
      'verification_case',
      opened.map((o) => o.id),
      'declaration.verification_decision',
      on,
      due,
    );
    const [p] = await tx
      .update(verificationPlans)
      .set({
        status: 'drawn',
        // Revealed: from now on the seed is part of the published record.
        seed,
        witnesses: input.witnesses,
        result: { seed, witnessValues: values, ...result },
        minutesRef: input.minutesRef ?? null,
        drawnAt: ctx.clock.now(),
        drawnBy: ctx.actor.userId,
        version: row.p.version + 1,
      })
      .where(eq(verificationPlans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'verification_plan.drawn',
      entityType: 'verification_plan',
      entityId: id,
      unitId: row.p.unitId,
      changes: {
        witnesses: input.witnesses.map((w) => `${w.name} (${w.organisation}): ${w.value}`),
        units: result.units,
        selected: refs.length,
      },
    });
    await auditMany(
      tx,
      ctx,
      opened.map((c) => ({
        action: 'verification_case.opened',
        entityType: 'verification_case',
        entityId: c.id,
        unitId: row.p.unitId,
        changes: { ground: 'lottery', decisionDueOn: due.due },
      })),
    );
    return presentPlan(tx, p!, row.unitName);
  });
}

/** The published record: the inputs and commitment once committed; the seed, numbers and result once drawn. */
export async function planRecord(
  ctx: Ctx,
  id: string,
): Promise<Partial<LotteryRecord> & Pick<LotteryRecord, 'inputs' | 'commitment'>> {
  const { p } = await loadPlan(ctx, ctx.db, id);
  if (p.status === 'draft') throw new AppError('conflict');
  const drawn = p.result as {
    seed: string;
    witnessValues: string[];
    units: string[];
    persons: Record<string, string[]>;
  } | null;
  return {
    inputs: p.inputs as LotteryInputs,
    commitment: p.commitment!,
    ...(drawn
      ? {
          seed: drawn.seed,
          witnessValues: drawn.witnessValues,
          result: { units: drawn.units, persons: drawn.persons },
        }
      : {}),
  };
}

/**
 * The minutes of a draw for the witnesses and the agency to sign (Decree 130 Art. 15): who called which
 * number, the commitment published before, the seed revealed, and who was drawn — with where anyone can
 * download the record and recompute it.
 */
export async function drawMinutesDocx(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await loadPlan(ctx, ctx.db, id);
  const p = row.p;
  if (p.status !== 'drawn' || !p.drawnAt) throw new AppError('conflict');
  const record = (await planRecord(ctx, id)) as LotteryRecord;
  const date = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const drawnOn = vnToday(p.drawnAt);
  const text = (t: string) => para([run(t, { size: 14 })], AlignmentType.JUSTIFIED, 120);
  const unitsByCode = new Map(record.inputs.units.map((u) => [u.code, u]));
  const drawn = record.result.units.flatMap((code) => {
    const u = unitsByCode.get(code)!;
    return (record.result.persons[code] ?? []).map((ref) => {
      const c = u.candidates.find((x) => x.ref === ref);
      return { unit: u.name, name: c?.name ?? ref, position: c?.position ?? '' };
    });
  });
  const witnesses = p.witnesses ?? [];
  return administrativeDocx({
    issuer: row.unitName,
    numberKind: 'BB',
    ...(p.minutesRef ? { number: p.minutesRef } : {}),
    place: await placeOf(ctx.db, row.path),
    date: drawnOn,
    kind: 'BIÊN BẢN',
    summary: `Bốc thăm xác minh tài sản, thu nhập năm ${p.year}`,
    title: `Biên bản bốc thăm xác minh tài sản, thu nhập năm ${p.year} — ${row.unitName}`,
    body: [
      text(
        'Căn cứ Luật Phòng, chống tham nhũng năm 2018 và Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ (Điều 14, Điều 15, Điều 16) về xác minh tài sản, thu nhập theo kế hoạch;',
      ),
      text(
        `Hôm nay, ngày ${date(drawnOn)}, ${row.unitName} tổ chức bốc thăm lựa chọn ${record.result.units.length} đơn vị và ${drawn.length} người để xác minh tài sản, thu nhập năm ${p.year} (tỷ lệ ${p.unitSharePercent}% đơn vị, ${p.personSharePercent}% người kê khai hằng năm của mỗi đơn vị), với sự chứng kiến của:`,
      ),
      dataTable(
        ['STT', 'Người chứng kiến', 'Cơ quan, tổ chức', 'Số đã đọc'],
        [8, 34, 38, 20],
        witnesses.map((w, i) => ({ cells: [String(i + 1), w.name, w.organisation, w.value] })),
      ),
      text(
        `Danh sách người kê khai được đưa vào bốc thăm và mã cam kết của danh sách đã được công bố trước khi bốc thăm: ${record.commitment}. Mã băm của số bí mật: ${record.inputs.seedHash}. Số bí mật được công bố khi bốc thăm: ${record.seed}.`,
      ),
      text('Kết quả bốc thăm:'),
      dataTable(
        ['STT', 'Họ và tên', 'Chức vụ, vị trí công tác', 'Đơn vị'],
        [8, 30, 34, 28],
        drawn.map((d, i) => ({ cells: [String(i + 1), d.name, d.position, d.unit] })),
      ),
      text(
        `Bất kỳ ai cũng có thể tải biên bản điện tử tại ${ctx.config.publicUrl}/lotteries và tự tính lại kết quả bằng chương trình kiểm tra công khai (${ctx.config.publicUrl}/lotteries/verify.py).`,
      ),
      text('Biên bản được lập thành 02 bản, có giá trị như nhau.'),
    ],
    parties: [
      ...witnesses.map((w) => ({ title: 'NGƯỜI CHỨNG KIẾN', name: w.name })),
      { title: 'ĐẠI DIỆN CƠ QUAN KIỂM SOÁT', name: null },
    ],
  });
}

export const verificationDocuments = ['decision', 'conclusion'] as const;

/**
 * A verification's decision (once decided) and its conclusion (once concluded) as Word documents in the
 * administrative frame (Decree 130 Arts. 43–48: the decision names the person, the declaration, the team
 * and the time; the conclusion states whether the declaration was honest). Each copy made is audited.
 */
export async function verificationDocx(
  ctx: Ctx,
  id: string,
  kind: (typeof verificationDocuments)[number],
): Promise<Buffer> {
  const { c, path } = await loadCase(ctx, ctx.db, id);
  if (kind === 'decision' ? !c.decidedOn : !c.concludedOn) throw new AppError('conflict');
  const present = (await presentCases(ctx.db, [c]))[0]!;
  const [person] = await ctx.db
    .select({ position: positions.name })
    .from(users)
    .leftJoin(positions, eq(positions.id, users.positionId))
    .where(eq(users.id, c.userId));
  const [control] = await ctx.db
    .select({ name: units.name, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, c.controlUnitId));
  const [parent] = control?.parentId
    ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, control.parentId))
    : [];
  const text = (t: string) => para([run(t, { size: 14 })], AlignmentType.JUSTIFIED, 120);
  const bold = (t: string) => para([run(t, { size: 14, bold: true })], AlignmentType.JUSTIFIED, 120);
  const who = `${present.fullName}${person?.position ? `, ${person.position}` : ''}, ${present.unitName}`;
  const ground = translate('vi', `ui.ver.groundCode.${present.ground}`);
  const legal =
    'Căn cứ Luật Phòng, chống tham nhũng năm 2018; Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn trong cơ quan, tổ chức, đơn vị;';
  const decisionLine = `Quyết định số ${c.decisionRef ?? '…'} ngày ${formatLegalDate(c.decidedOn)}`;
  const doc =
    kind === 'decision'
      ? await administrativeDocx({
          issuer: control!.name,
          parent: parent?.name ?? null,
          number: c.decisionRef,
          numberKind: 'QĐ-XM',
          place: await placeOf(ctx.db, path),
          date: c.decidedOn!,
          kind: 'QUYẾT ĐỊNH',
          summary: `Về việc xác minh tài sản, thu nhập đối với ${present.fullName}`,
          title: `Quyết định xác minh tài sản, thu nhập — ${present.fullName}`,
          body: [
            text(legal),
            text(
              `Căn cứ xác minh: ${ground}${c.groundNote ? ` (${c.groundNote})` : ''}, biết ngày ${formatLegalDate(c.groundKnownOn)};`,
            ),
            bold('QUYẾT ĐỊNH:'),
            text(
              `Điều 1. Xác minh tài sản, thu nhập đối với ${who}. Nội dung xác minh: tính trung thực, đầy đủ, rõ ràng của bản kê khai tài sản, thu nhập năm ${present.declarationYear} và nguồn gốc của tài sản, thu nhập tăng thêm. Thời hạn xác minh: đến hết ngày ${formatLegalDate(c.reportDueOn)} (báo cáo kết quả xác minh).`,
            ),
            text('Điều 2. Thành lập Tổ xác minh gồm:'),
            dataTable(
              ['STT', 'Họ và tên', 'Nhiệm vụ'],
              [10, 55, 35],
              present.team.map((m, n) => ({
                cells: [String(n + 1), m.fullName, m.lead ? 'Tổ trưởng' : 'Thành viên'],
              })),
            ),
            text(
              'Điều 3. Tổ xác minh có nhiệm vụ, quyền hạn theo Điều 44 Luật Phòng, chống tham nhũng; không để lộ thông tin về tài sản, thu nhập của người được xác minh.',
            ),
            text(
              `Điều 4. Tổ xác minh, ${present.fullName} và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.`,
            ),
          ],
          signer: 'THỦ TRƯỞNG CƠ QUAN KIỂM SOÁT TÀI SẢN, THU NHẬP',
          recipients: ['Như Điều 4', 'Cơ quan, đơn vị quản lý người được xác minh', 'Lưu: hồ sơ xác minh'],
        })
      : await administrativeDocx({
          issuer: control!.name,
          parent: parent?.name ?? null,
          numberKind: 'KL-XM',
          place: await placeOf(ctx.db, path),
          date: c.concludedOn!,
          kind: 'KẾT LUẬN',
          summary: `Xác minh tài sản, thu nhập đối với ${present.fullName}`,
          title: `Kết luận xác minh tài sản, thu nhập — ${present.fullName}`,
          body: [
            text(legal),
            text(
              `Thực hiện ${decisionLine} về việc xác minh tài sản, thu nhập đối với ${who}; xét báo cáo kết quả xác minh ngày ${formatLegalDate(c.reportedOn)} của Tổ xác minh,`,
            ),
            bold('KẾT LUẬN:'),
            text(
              `1. Về bản kê khai tài sản, thu nhập năm ${present.declarationYear}: ${translate('vi', `ui.ver.conclusionCode.${present.conclusion!}`)}.`,
            ),
            ...(c.conclusionNote ? c.conclusionNote.split(/\n+/).map((l) => text(l)) : []),
            text(
              c.sanction
                ? `2. Kiến nghị xử lý: ${c.sanction.replace(/[.;]\s*$/, '')}.`
                : '2. Kiến nghị xử lý: không.',
            ),
            text(
              `3. Kết luận này được công khai theo Điều 47 Luật Phòng, chống tham nhũng${c.publishedOn ? `: đã công khai ngày ${formatLegalDate(c.publishedOn)}${c.publishedWhere ? ` tại ${c.publishedWhere}` : ''}` : ` trong thời hạn 05 ngày làm việc (đến ngày ${formatLegalDate(c.publicationDueOn)})`}.`,
            ),
          ],
          signer: 'THỦ TRƯỞNG CƠ QUAN KIỂM SOÁT TÀI SẢN, THU NHẬP',
          recipients: [
            present.fullName,
            'Cơ quan, đơn vị quản lý người được xác minh',
            'Người yêu cầu, kiến nghị xác minh (nếu có)',
            'Lưu: hồ sơ xác minh',
          ],
        });
  await audit(ctx.db, ctx, {
    action: 'verification_case.document',
    entityType: 'verification_case',
    entityId: id,
    unitId: c.controlUnitId,
    changes: { kind },
  });
  return doc;
}

/** Draws anyone may check: every plan drawn, newest first (the portal's list). */
export async function publishedDraws(db: Db) {
  return db
    .select({
      id: verificationPlans.id,
      year: verificationPlans.year,
      unitName: units.name,
      drawnAt: verificationPlans.drawnAt,
      commitment: verificationPlans.commitment,
    })
    .from(verificationPlans)
    .innerJoin(units, eq(units.id, verificationPlans.unitId))
    .where(eq(verificationPlans.status, 'drawn'))
    .orderBy(desc(verificationPlans.drawnAt))
    .limit(200);
}

/** A drawn plan's whole record, public: what the draw published (names, numbers, seed), nothing more. */
export async function publishedRecord(db: Db, id: string): Promise<LotteryRecord> {
  const [p] = await db.select().from(verificationPlans).where(eq(verificationPlans.id, id));
  if (p?.status !== 'drawn') throw new AppError('not_found');
  const drawn = p.result as {
    seed: string;
    witnessValues: string[];
    units: string[];
    persons: Record<string, string[]>;
  };
  return {
    inputs: p.inputs as LotteryInputs,
    commitment: p.commitment!,
    seed: drawn.seed,
    witnessValues: drawn.witnessValues,
    result: { units: drawn.units, persons: drawn.persons },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Verifications

async function loadCase(ctx: Ctx, db: Db | Tx, id: string, lock = false) {
  const q = db
    .select({ c: verificationCases, path: units.path })
    .from(verificationCases)
    .innerJoin(units, eq(units.id, verificationCases.controlUnitId))
    .where(eq(verificationCases.id, id));
  const [row] = await (lock ? q.for('update', { of: verificationCases }) : q);
  if (!row) throw new AppError('not_found');
  requireControl(ctx, row.path);
  return row;
}

async function presentCases(db: Db | Tx, rows: CaseRow[]) {
  if (rows.length === 0) return [];
  const people = new Set<string>();
  for (const c of rows) {
    people.add(c.userId);
    for (const m of c.team ?? []) people.add(m.userId);
  }
  const names = new Map(
    (
      await db
        .select({ id: users.id, fullName: users.fullName, unitName: units.name })
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(inArray(users.id, [...people]))
    ).map((u) => [u.id, u]),
  );
  const years = new Map(
    (
      await db
        .select({ id: declarations.id, year: declarations.year })
        .from(declarations)
        .where(inArray(declarations.id, [...new Set(rows.map((c) => c.declarationId))]))
    ).map((d) => [d.id, d.year]),
  );
  const requests = await db
    .select()
    .from(verificationRequests)
    .where(
      inArray(
        verificationRequests.caseId,
        rows.map((c) => c.id),
      ),
    )
    .orderBy(asc(verificationRequests.sentOn), asc(verificationRequests.createdAt));
  return rows.map((c) => ({
    id: c.id,
    controlUnitId: c.controlUnitId,
    userId: c.userId,
    fullName: names.get(c.userId)?.fullName ?? '',
    unitName: names.get(c.userId)?.unitName ?? '',
    declarationId: c.declarationId,
    declarationYear: years.get(c.declarationId) ?? 0,
    ground: c.ground as 'lottery' | 'dishonesty' | 'unexplained_increase' | 'denunciation' | 'request',
    planId: c.planId,
    groundNote: c.groundNote,
    groundKnownOn: c.groundKnownOn,
    decisionDueOn: c.decisionDueOn,
    decidedOn: c.decidedOn,
    decisionRef: c.decisionRef,
    team: (c.team ?? []).map((m) => ({ ...m, fullName: names.get(m.userId)?.fullName ?? '' })),
    reportDueOn: c.reportDueOn,
    reportExtended: c.reportExtended,
    reportedOn: c.reportedOn,
    conclusionDueOn: c.conclusionDueOn,
    conclusionExtended: c.conclusionExtended,
    concludedOn: c.concludedOn,
    conclusion: c.conclusion as 'honest' | 'dishonest' | 'explanation_unreasonable' | null,
    conclusionNote: c.conclusionNote,
    sanction: c.sanction,
    sanctionOutcome: c.sanctionOutcome as (typeof sanctionOutcomes)[number] | null,
    sanctionDecidedOn: c.sanctionDecidedOn,
    sanctionDecisionRef: c.sanctionDecisionRef,
    publicationDueOn: c.publicationDueOn,
    publishedOn: c.publishedOn,
    publishedWhere: c.publishedWhere,
    status: c.status as 'opened' | 'decided' | 'reported' | 'concluded' | 'published',
    version: c.version,
    requests: requests.filter((r) => r.caseId === c.id).map(presentRequest),
  }));
}

/** Requests of one verification (third parties and explanations together). */
const MAX_REQUESTS = 50;

/**
 * Requests and answers are the verification team's work (Law Art. 44): someone else of the control agency
 * — the person's spouse, say — may read the case but not act in it; never the person verified.
 */
function onTeam(ctx: Ctx, c: CaseRow) {
  if (c.userId === ctx.actor.userId) throw new AppError('separation_of_duties');
  if (!(c.team ?? []).some((m) => m.userId === ctx.actor.userId)) throw new AppError('forbidden');
}

const presentRequest = (r: typeof verificationRequests.$inferSelect) => ({
  id: r.id,
  caseId: r.caseId,
  kind: r.kind as 'information' | 'explanation',
  addressee: r.addressee,
  subject: r.subject,
  documentRef: r.documentRef,
  sentOn: r.sentOn,
  complex: r.complex,
  dueOn: r.dueOn,
  answeredOn: r.answeredOn,
  answerNote: r.answerNote,
  version: r.version,
});

/**
 * The team asks, once the verification is decided and before its report: information from a third party
 * (due in 5 working days, 15 when not readily available — the engine's rule), or the person's
 * explanation by the date it sets; the person is told (the notice names no finding).
 */
export async function requestInformation(ctx: Ctx, caseId: string, input: RequestCreate) {
  return ctx.db.transaction(async (tx) => {
    const { c } = await loadCase(ctx, tx, caseId, true);
    onTeam(ctx, c);
    if (c.status !== 'decided') throw fieldError('kind', 'field.step_order');
    if (input.sentOn > today(ctx)) throw fieldError('sentOn', 'field.date_future');
    if (input.sentOn < c.decidedOn!) throw fieldError('sentOn', 'field.date_range');
    // Each explanation request is mailed to the person: a case asks a bounded number of times.
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(verificationRequests)
      .where(eq(verificationRequests.caseId, caseId))) as [{ n: number }];
    if (n >= MAX_REQUESTS) throw fieldError('kind', 'field.too_many_requests', { max: MAX_REQUESTS });
    const information = input.kind === 'information';
    if (information && input.dueOn) throw fieldError('dueOn', 'field.invalid');
    if (!information && !input.dueOn) throw fieldError('dueOn', 'field.required');
    // An explanation is due by a date the team sets, within the report's time (never years away).
    if (input.dueOn && (input.dueOn < input.sentOn || (c.reportDueOn && input.dueOn > c.reportDueOn)))
      throw fieldError('dueOn', 'field.date_range');
    const id = randomUUID();
    const due = information
      ? (
          await startClock(
            tx,
            { kind: 'verification_request', id },
            'declaration.verification_information',
            input.sentOn,
            input.complex ? { complex: 1 } : {},
          )
        ).due
      : input.dueOn!;
    const [row] = await tx
      .insert(verificationRequests)
      .values({
        id,
        caseId,
        kind: input.kind,
        addressee: input.addressee,
        subject: input.subject,
        documentRef: input.documentRef ?? null,
        sentOn: input.sentOn,
        complex: information && input.complex,
        dueOn: due,
        createdBy: ctx.actor.userId!,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'verification_request.sent',
      entityType: 'verification_case',
      entityId: caseId,
      unitId: c.controlUnitId,
      changes: { kind: input.kind, addressee: input.addressee, sentOn: input.sentOn, dueOn: due },
    });
    if (!information)
      await notify(
        tx,
        {
          userId: c.userId,
          messageKey: 'notification.verification_explanation',
          values: { due },
          email: true,
        },
        ctx,
      );
    return presentRequest(row!);
  });
}

/** The answer came (its date and what it said, in a note); the request's clock is done. */
export async function answerRequest(
  ctx: Ctx,
  id: string,
  input: { answeredOn: string; note: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ caseId: verificationRequests.caseId })
      .from(verificationRequests)
      .where(eq(verificationRequests.id, id));
    if (!found) throw new AppError('not_found');
    // The case first (scope: 404 outside it), then the request is locked.
    const { c } = await loadCase(ctx, tx, found.caseId);
    onTeam(ctx, c);
    if (c.status !== 'decided' && c.status !== 'reported') throw new AppError('conflict');
    const [r] = await tx
      .select()
      .from(verificationRequests)
      .where(eq(verificationRequests.id, id))
      .for('update');
    if (!r) throw new AppError('not_found');
    if (r.version !== input.version) throw new AppError('conflict');
    if (r.answeredOn) throw new AppError('conflict');
    if (input.answeredOn > today(ctx)) throw fieldError('answeredOn', 'field.date_future');
    if (input.answeredOn < r.sentOn) throw fieldError('answeredOn', 'field.date_range');
    const [row] = await tx
      .update(verificationRequests)
      .set({ answeredOn: input.answeredOn, answerNote: input.note, version: r.version + 1 })
      .where(eq(verificationRequests.id, id))
      .returning();
    await finishClocks(tx, id, input.answeredOn);
    await audit(tx, ctx, {
      action: 'verification_request.answered',
      entityType: 'verification_case',
      entityId: c.id,
      unitId: c.controlUnitId,
      changes: { kind: r.kind, answeredOn: input.answeredOn, late: input.answeredOn > r.dueOn },
    });
    return presentRequest(row!);
  });
}

export async function listCases(ctx: Ctx, q: { status?: string | undefined; userId?: string | undefined }) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  const rows = await ctx.db
    .select({ c: verificationCases })
    .from(verificationCases)
    .innerJoin(units, eq(units.id, verificationCases.controlUnitId))
    .where(
      and(
        scopeFilter(ctx.actor, 'declarations.control', units.path),
        q.status ? eq(verificationCases.status, q.status) : undefined,
        q.userId ? eq(verificationCases.userId, q.userId) : undefined,
      ),
    )
    .orderBy(desc(verificationCases.groundKnownOn), asc(verificationCases.id))
    .limit(1000);
  return presentCases(
    ctx.db,
    rows.map((r) => r.c),
  );
}

export async function getCase(ctx: Ctx, id: string) {
  const { c } = await loadCase(ctx, ctx.db, id);
  return (await presentCases(ctx.db, [c]))[0]!;
}

/**
 * A verification opened on a ground other than the lottery: the control agency holds the declaration
 * (handed over in its scope); the decision is due 5 working days after a competent body's request, 15
 * days after the other grounds became known (Law Art. 45). Never on oneself.
 */
export async function openCase(ctx: Ctx, input: CaseOpen) {
  return ctx.db.transaction(async (tx) => {
    const [d] = await tx
      .select({ d: declarations, path: units.path })
      .from(declarations)
      .innerJoin(units, eq(units.id, declarations.unitId))
      .where(eq(declarations.id, input.declarationId));
    if (!d || d.d.status !== 'handed_over' || !can(ctx.actor, 'declarations.control', { unitPath: d.path }))
      throw fieldError('declarationId', 'field.declaration_not_ready', { id: input.declarationId });
    if (d.d.userId === ctx.actor.userId) throw new AppError('separation_of_duties');
    if (input.groundKnownOn > today(ctx)) throw fieldError('groundKnownOn', 'field.date_future');
    // The control agency is the nearest unit above the declaration where the actor holds the control role.
    const grant = scopesFor(ctx.actor, 'declarations.control')
      .filter((g) => d.path.startsWith(g.unitPath))
      .sort((a, b) => b.unitPath.length - a.unitPath.length)[0]!;
    const rule =
      input.ground === 'request'
        ? 'declaration.verification_decision_on_request'
        : 'declaration.verification_decision';
    const due = await computeDue(tx, rule, input.groundKnownOn);
    const [c] = await tx
      .insert(verificationCases)
      .values({
        controlUnitId: grant.unitId,
        userId: d.d.userId,
        declarationId: d.d.id,
        ground: input.ground,
        groundNote: input.groundNote,
        groundKnownOn: input.groundKnownOn,
        decisionDueOn: due.due,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await startClocks(tx, 'verification_case', [c!.id], rule, input.groundKnownOn, due);
    await audit(tx, ctx, {
      action: 'verification_case.opened',
      entityType: 'verification_case',
      entityId: c!.id,
      unitId: grant.unitId,
      changes: { ground: input.ground, decisionDueOn: due.due },
    });
    return (await presentCases(tx, [c!]))[0]!;
  });
}

const stepFrom: Record<CaseStep['step'], CaseRow['status']> = {
  decide: 'opened',
  extend_report: 'decided',
  report: 'decided',
  extend_conclusion: 'reported',
  conclude: 'reported',
  publish: 'concluded',
  // Decided by the competent body whenever it does, before or after the conclusion is published.
  sanction: 'concluded',
};

/**
 * The team may not include the person or their spouse or children as the declaration names them, and
 * has exactly one leader (Law Art. 46); its members are active staff of Liêm.
 */
async function checkTeam(tx: Tx, c: CaseRow, team: Array<{ userId: string; lead: boolean }>) {
  if (team.filter((m) => m.lead).length !== 1) throw fieldError('team', 'field.team_lead');
  const ids = [...new Set(team.map((m) => m.userId))];
  if (ids.length !== team.length) throw fieldError('team', 'field.invalid');
  const found = await tx
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, 'active')));
  if (found.length !== ids.length) throw fieldError('team', 'field.invalid');
  const [d] = await tx.select().from(declarations).where(eq(declarations.id, c.declarationId));
  const content = openDeclarationContent(d!);
  const family = new Set(
    [content.spouse?.fullName, ...content.children.map((ch) => ch.fullName)]
      .filter((n): n is string => !!n)
      .map((n) => fold(n)),
  );
  for (const m of found)
    if (m.id === c.userId || family.has(fold(m.fullName)))
      throw fieldError('team', 'field.team_conflict', { name: m.fullName });
}

/** One step of a verification, in the law's order, each due date from the clock engine. */
export async function stepCase(ctx: Ctx, id: string, input: CaseStep) {
  return ctx.db.transaction(async (tx) => {
    const { c } = await loadCase(ctx, tx, id, true);
    if (c.userId === ctx.actor.userId) throw new AppError('separation_of_duties');
    if (c.version !== input.version) throw new AppError('conflict');
    const sanctionable = input.step === 'sanction' && (c.status === 'concluded' || c.status === 'published');
    if (c.status !== stepFrom[input.step] && !sanctionable) throw fieldError('step', 'field.step_order');
    const now = today(ctx);
    if ('on' in input && input.on > now) throw fieldError('on', 'field.date_future');
    const after = (on: string, before: string | null) => {
      if (before && on < before) throw fieldError('on', 'field.date_range');
    };
    const subject = { kind: 'verification_case', id } as const;
    let set: Partial<typeof verificationCases.$inferInsert> = {};
    let changes: Record<string, unknown> = {};
    switch (input.step) {
      case 'decide': {
        after(input.on, c.groundKnownOn);
        await checkTeam(tx, c, input.team);
        await finishClocks(tx, id, input.on);
        const due = await startClock(tx, subject, 'declaration.verification_report', input.on);
        set = {
          status: 'decided',
          decidedOn: input.on,
          decisionRef: input.decisionRef,
          team: input.team,
          reportDueOn: due.due,
        };
        changes = {
          decidedOn: input.on,
          decisionRef: input.decisionRef,
          team: input.team.length,
          reportDueOn: due.due,
        };
        break;
      }
      case 'extend_report': {
        if (c.reportExtended) throw fieldError('step', 'field.extended_already');
        const due =
          (await extendClock(tx, id, 'declaration.verification_report', { complex: 1 })) ??
          (await computeDue(tx, 'declaration.verification_report', c.decidedOn!, { complex: 1 }));
        set = { reportExtended: true, reportDueOn: due.due };
        changes = { reason: input.reason, reportDueOn: [c.reportDueOn, due.due] };
        break;
      }
      case 'report': {
        after(input.on, c.decidedOn);
        await finishClocks(tx, id, input.on);
        const due = await startClock(tx, subject, 'declaration.verification_conclusion', input.on);
        set = { status: 'reported', reportedOn: input.on, conclusionDueOn: due.due };
        changes = { reportedOn: input.on, conclusionDueOn: due.due };
        break;
      }
      case 'extend_conclusion': {
        if (c.conclusionExtended) throw fieldError('step', 'field.extended_already');
        const due =
          (await extendClock(tx, id, 'declaration.verification_conclusion', { complex: 1 })) ??
          (await computeDue(tx, 'declaration.verification_conclusion', c.reportedOn!, { complex: 1 }));
        set = { conclusionExtended: true, conclusionDueOn: due.due };
        changes = { reason: input.reason, conclusionDueOn: [c.conclusionDueOn, due.due] };
        break;
      }
      case 'conclude': {
        after(input.on, c.reportedOn);
        // A declaration found dishonest (or its explanation unreasonable) comes with the sanction the
        // control agency recommends (Law Art. 51; issue-18 re-review N5).
        if (input.conclusion !== 'honest' && !input.sanction?.trim())
          throw fieldError('sanction', 'field.sanction_required');
        await finishClocks(tx, id, input.on);
        const due = await startClock(tx, subject, 'declaration.verification_publication', input.on);
        set = {
          status: 'concluded',
          concludedOn: input.on,
          conclusion: input.conclusion,
          conclusionNote: input.note,
          sanction: input.sanction ?? null,
          publicationDueOn: due.due,
        };
        changes = { concludedOn: input.on, conclusion: input.conclusion, publicationDueOn: due.due };
        break;
      }
      case 'sanction': {
        // Only a declaration found dishonest (or its explanation unreasonable) is sanctioned, once.
        if (c.conclusion === 'honest') throw fieldError('outcome', 'field.sanction_honest');
        if (c.sanctionOutcome) throw fieldError('step', 'field.sanction_done');
        if (input.outcome !== 'none' && !input.decisionRef) throw fieldError('decisionRef', 'field.required');
        after(input.on, c.concludedOn);
        set = {
          sanctionOutcome: input.outcome,
          sanctionDecidedOn: input.on,
          sanctionDecisionRef: input.decisionRef ?? null,
        };
        changes = { outcome: input.outcome, on: input.on, decisionRef: input.decisionRef ?? null };
        break;
      }
      case 'publish': {
        after(input.on, c.concludedOn);
        await finishClocks(tx, id, input.on);
        set = { status: 'published', publishedOn: input.on, publishedWhere: input.where };
        changes = { publishedOn: input.on, where: input.where };
        break;
      }
    }
    const [row] = await tx
      .update(verificationCases)
      .set({ ...set, version: c.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(verificationCases.id, id))
      .returning();
    await audit(tx, ctx, {
      action: `verification_case.${input.step}`,
      entityType: 'verification_case',
      entityId: id,
      unitId: c.controlUnitId,
      changes,
    });
    // The conclusion is sent to the person verified (Law Art. 49(3)); the notice names no finding.
    if (input.step === 'conclude')
      await notify(
        tx,
        {
          userId: c.userId,
          messageKey: 'notification.verification_concluded',
          values: { on: input.on },
          email: true,
        },
        ctx,
      );
    return (await presentCases(tx, [row!]))[0]!;
  });
}
