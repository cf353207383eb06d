import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere, scopesFor } from '#shared/permissions.ts';
import {
  declarationRoster,
  declarationRosterSends,
  declarationRounds,
  declarations,
  verificationCases,
  verificationPlans,
  verificationRequests,
} from './tables.ts';

/**
 * The declarant's own: a yearly declaration owed by the round's date, one returned for correction by its
 * 7-day date. Titles name the year and kind only (reminders are e-mailed).
 */
const owed: DeadlineSource = async (ctx, w) => {
  const userId = ctx.actor.userId;
  if (!userId || !canAnywhere(ctx.actor, 'declarations.declare')) return { items: [], total: 0 };
  const rounds = await ctx.db
    .select({
      id: declarationRounds.id,
      year: declarationRounds.year,
      dueOn: declarationRounds.declareDueOn,
      status: declarations.status,
      declarationId: declarations.id,
    })
    .from(declarationRoster)
    .innerJoin(declarationRounds, eq(declarationRounds.id, declarationRoster.roundId))
    .leftJoin(
      declarations,
      and(eq(declarations.roundId, declarationRounds.id), eq(declarations.userId, userId)),
    )
    .where(
      and(
        eq(declarationRoster.userId, userId),
        isNull(declarationRoster.removedReason),
        eq(declarationRounds.status, 'open'),
        sql`(${declarations.id} is null or ${declarations.status} = 'draft')`,
      ),
    );
  const returned = await ctx.db
    .select({ id: declarations.id, year: declarations.year, dueOn: declarations.correctionDueOn })
    .from(declarations)
    .where(and(eq(declarations.userId, userId), eq(declarations.status, 'returned')));
  const items = [
    ...rounds.map((r) => ({
      kind: 'declaration_due' as const,
      id: r.declarationId ?? r.id,
      title: String(r.year),
      unitId: null,
      unitName: null,
      dueOn: r.dueOn,
      state: w.state(r.dueOn),
      link: r.declarationId ? `/declarations/${r.declarationId}` : '/declarations?tab=mine',
    })),
    ...returned.map((d) => ({
      kind: 'declaration_correction' as const,
      id: d.id,
      title: String(d.year),
      unitId: null,
      unitName: null,
      dueOn: d.dueOn,
      state: d.dueOn ? w.state(d.dueOn) : null,
      link: `/declarations/${d.id}`,
    })),
  ];
  return { items: items.slice(0, w.limit), total: items.length };
};

/**
 * The officer's: submitted declarations waiting for a decision (never their own), accepted ones to hand
 * over by their 20-day date, handed-over ones to make public by theirs.
 */
const toReceive: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'declarations.receive')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'declarations.receive', units.path),
    or(
      inArray(declarations.status, ['submitted', 'accepted']),
      and(
        eq(declarations.status, 'handed_over'),
        isNull(declarations.publicationId),
        isNotNull(declarations.publicationDueOn),
      ),
    ),
    ctx.actor.userId ? sql`${declarations.userId} <> ${ctx.actor.userId}` : undefined,
  );
  const dueOn = sql<
    string | null
  >`case when ${declarations.status} = 'handed_over' then ${declarations.publicationDueOn} else ${declarations.handoverDueOn} end`;
  const rows = await ctx.db
    .select({ d: declarations, due: dueOn, unitName: units.name, fullName: users.fullName })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(where)
    .orderBy(asc(sql`coalesce(${dueOn}, '9999-12-31')`), asc(declarations.submittedAt))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .where(where);
  return {
    items: rows.map(({ d, due, unitName, fullName }) => {
      const toPublish = d.status === 'handed_over';
      return {
        kind: toPublish
          ? ('declaration_publication' as const)
          : d.status === 'accepted'
            ? ('declaration_handover' as const)
            : ('declaration_receipt' as const),
        id: d.id,
        // A name and a year, as the register shows them to the officer; no content.
        title: w.purpose === 'home' ? `${fullName} — ${d.year}` : String(d.year),
        unitId: d.unitId,
        unitName,
        dueOn: due,
        state: due ? w.state(due) : null,
        link: toPublish ? '/declarations?tab=register&status=handed_over' : `/declarations/${d.id}`,
      };
    }),
    total: n!.n,
  };
};

/** The officer's rosters still to send up to the control agency: one per unit they keep, by the round's date. */
const rosterToSend: DeadlineSource = async (ctx, w) => {
  const scopes = scopesFor(ctx.actor, 'declarations.receive');
  if (scopes.length === 0) return { items: [], total: 0 };
  const rows = await ctx.db
    .select({ r: declarationRounds, path: units.path })
    .from(declarationRounds)
    .innerJoin(units, eq(units.id, declarationRounds.unitId))
    .where(eq(declarationRounds.status, 'open'));
  const sent = await ctx.db.select().from(declarationRosterSends);
  // The kept units' names in one query, not one per round and unit.
  const names = new Map(
    (
      await ctx.db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(inArray(units.id, [...new Set(scopes.map((g) => g.unitId))]))
    ).map((u) => [u.id, u.name]),
  );
  const items = [];
  for (const { r, path } of rows)
    for (const g of scopes) {
      if (!g.unitPath.startsWith(path) || sent.some((x) => x.roundId === r.id && x.unitId === g.unitId))
        continue;
      items.push({
        kind: 'declaration_roster' as const,
        id: `${r.id}:${g.unitId}`,
        title: String(r.year),
        unitId: g.unitId,
        unitName: names.get(g.unitId) ?? null,
        dueOn: r.rosterDueOn,
        state: w.state(r.rosterDueOn),
        link: `/declarations?tab=rounds&round=${r.id}`,
      });
    }
  return { items: items.slice(0, w.limit), total: items.length };
};

/**
 * The control agency's: the year's verification plan to issue by 31 January, hand-overs to acknowledge,
 * plans to draw by their 10-day date, and each open verification's next step by its due date (decision,
 * report, conclusion, publication).
 */
const toControl: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'declarations.control')) return { items: [], total: 0 };
  const scope = scopeFilter(ctx.actor, 'declarations.control', units.path);
  // A plan for year Y verifies the round of Y − 1 and is approved before 31/01/Y (Decree 130 Art. 15(1)).
  // Next year's is asked for from November, once the national orientation is out (by 31/10, Art. 14).
  const year = Number(w.today.slice(0, 4));
  const years = w.today.slice(5) >= '11-01' ? [year - 1, year] : [year - 1];
  const unplanned = await ctx.db
    .select({ unitId: declarationRounds.unitId, unitName: units.name, roundYear: declarationRounds.year })
    .from(declarationRounds)
    .innerJoin(units, eq(units.id, declarationRounds.unitId))
    .where(
      and(
        scope,
        inArray(declarationRounds.year, years),
        sql`not exists (select 1 from ${verificationPlans} vp where vp.unit_id = ${declarationRounds.unitId}
          and vp.year = ${declarationRounds.year} + 1)`,
      ),
    );
  const [handed] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .where(and(scope, eq(declarations.status, 'handed_over'), isNull(declarations.receivedByControlAt)));
  const plans = await ctx.db
    .select({ p: verificationPlans, unitName: units.name })
    .from(verificationPlans)
    .innerJoin(units, eq(units.id, verificationPlans.unitId))
    .where(and(scope, ne(verificationPlans.status, 'drawn')));
  const due = sql<string>`case ${verificationCases.status} when 'opened' then ${verificationCases.decisionDueOn}
    when 'decided' then ${verificationCases.reportDueOn} when 'reported' then ${verificationCases.conclusionDueOn}
    else ${verificationCases.publicationDueOn} end`;
  const cases = await ctx.db
    .select({ id: verificationCases.id, dueOn: due, fullName: users.fullName, unitName: units.name })
    .from(verificationCases)
    .innerJoin(units, eq(units.id, verificationCases.controlUnitId))
    .innerJoin(users, eq(users.id, verificationCases.userId))
    .where(and(scope, ne(verificationCases.status, 'published')))
    .orderBy(asc(due))
    .limit(w.limit);
  const waiting = await ctx.db
    .select({ r: verificationRequests, unitName: units.name, fullName: users.fullName })
    .from(verificationRequests)
    .innerJoin(verificationCases, eq(verificationCases.id, verificationRequests.caseId))
    .innerJoin(users, eq(users.id, verificationCases.userId))
    .innerJoin(units, eq(units.id, verificationCases.controlUnitId))
    .where(and(scope, isNull(verificationRequests.answeredOn)))
    .orderBy(asc(verificationRequests.dueOn))
    .limit(w.limit);
  const items = [
    ...unplanned.map((r) => {
      const dueOn = `${r.roundYear + 1}-01-31`;
      return {
        kind: 'verification_plan' as const,
        id: `${r.unitId}:${r.roundYear + 1}`,
        title: String(r.roundYear + 1),
        unitId: r.unitId,
        unitName: r.unitName,
        dueOn,
        state: w.state(dueOn),
        link: '/declarations?tab=lottery',
      };
    }),
    ...(handed!.n > 0
      ? [
          {
            kind: 'declaration_acknowledge' as const,
            id: 'acknowledge',
            title: String(handed!.n),
            unitId: null,
            unitName: null,
            dueOn: null,
            state: null,
            link: '/declarations?tab=register&status=handed_over',
          },
        ]
      : []),
    ...plans.map(({ p, unitName }) => ({
      kind: 'verification_draw' as const,
      id: p.id,
      title: String(p.year),
      unitId: p.unitId,
      unitName,
      dueOn: p.drawDueOn,
      state: w.state(p.drawDueOn),
      link: `/declarations?tab=lottery&plan=${p.id}`,
    })),
    ...cases.map((c) => ({
      kind: 'verification_step' as const,
      id: c.id,
      // A name, as the verifications list shows it to the control agency; no finding.
      title: w.purpose === 'home' ? c.fullName : '',
      unitId: null,
      unitName: c.unitName,
      dueOn: c.dueOn,
      state: c.dueOn ? w.state(c.dueOn) : null,
      link: '/declarations?tab=verifications',
    })),
    // Whom the team asked (a body, or the person), never what.
    ...waiting.map(({ r, unitName, fullName }) => ({
      kind: 'verification_request' as const,
      id: r.id,
      // Whose verification, and whom the team asked; never what.
      title: w.purpose === 'home' ? `${fullName} — ${r.addressee}` : '',
      unitId: null,
      unitName,
      dueOn: r.dueOn,
      state: w.state(r.dueOn),
      link: '/declarations?tab=verifications',
    })),
  ];
  return { items: items.slice(0, w.limit), total: items.length };
};

export const declarationDeadlines = [owed, toReceive, rosterToSend, toControl];
