import { and, eq, inArray, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue, startClocks } from '#server/modules/clocks/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import type { CampaignCreate } from '#shared/assessments/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Action, can } from '#shared/permissions.ts';
import { assessments, campaigns, frameworks, frameworkVersions } from './tables.ts';

async function unitOr404(db: Db, id: string) {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  if (!u) throw new AppError('not_found');
  return u;
}

export async function createCampaign(ctx: Ctx, input: CampaignCreate) {
  const owner = await unitOr404(ctx.db, input.unitId);
  if (!can(ctx.actor, 'assessments.manage', { unitPath: owner.path })) throw new AppError('not_found');
  const [version] = await ctx.db
    .select()
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, input.versionId));
  if (version?.status !== 'published') throw fieldError('versionId', 'field.invalid');
  const chosen = await ctx.db.select().from(units).where(inArray(units.id, input.unitIds));
  if (chosen.length !== new Set(input.unitIds).size || chosen.some((u) => !u.path.startsWith(owner.path)))
    throw fieldError('unitIds', 'field.unit_out_of_scope');
  let assessed = chosen.filter((u) => u.status === 'active');
  if (input.subtrees) {
    const below = await ctx.db
      .select()
      .from(units)
      .where(
        and(
          eq(units.status, 'active'),
          sql`(${sql.join(
            chosen.map((u) => sql`${units.path} like ${`${u.path}%`}`),
            sql` or `,
          )})`,
        ),
      );
    assessed = below.filter((u) => input.unitTypes.length === 0 || input.unitTypes.includes(u.type));
  }
  if (assessed.length === 0) throw fieldError('unitIds', 'field.required');
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(campaigns)
      .values({
        versionId: version.id,
        unitId: owner.id,
        title: input.title,
        year: input.year,
        reviewerIds: input.reviewerIds,
        createdBy: ctx.actor.userId,
      })
      .returning();
    // A head-of-agency scorecard is about the person who heads the unit now.
    const heads =
      (
        await tx
          .select({ kind: frameworks.kind })
          .from(frameworks)
          .where(eq(frameworks.id, version.frameworkId))
      )[0]?.kind === 'head_evaluation'
        ? await tx
            .select({ unitId: grants.unitId, userId: grants.userId })
            .from(grants)
            .innerJoin(users, eq(users.id, grants.userId))
            .where(
              and(
                eq(grants.role, 'unit_head'),
                eq(users.status, 'active'),
                inArray(
                  grants.unitId,
                  assessed.map((u) => u.id),
                ),
              ),
            )
        : [];
    await tx.insert(assessments).values(
      assessed.map((u) => ({
        campaignId: c!.id,
        unitId: u.id,
        subjectUserId: heads.find((h) => h.unitId === u.id)?.userId ?? null,
      })),
    );
    await audit(tx, ctx, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: c!.id,
      unitId: owner.id,
      changes: { title: input.title, year: input.year, units: assessed.length },
    });
    return c!;
  });
}

/** The campaign if the actor may do one of `actions` on its running unit; else not found. */
export async function loadCampaign(ctx: Ctx, id: string, actions: Action[] = ['assessments.manage']) {
  const [row] = await ctx.db
    .select({ c: campaigns, path: units.path })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .where(eq(campaigns.id, id));
  if (!row || !actions.some((a) => can(ctx.actor, a, { unitPath: row.path })))
    throw new AppError('not_found');
  return row;
}

export const readers: Action[] = ['assessments.review', 'assessments.manage'];

/** Opening starts the self-assessment clock (rule `assessment.self`). */
export async function openCampaign(ctx: Ctx, id: string) {
  const { c } = await loadCampaign(ctx, id);
  if (c.status !== 'draft') throw new AppError('conflict');
  const today = vnToday(ctx.clock.now());
  const due = await computeDue(ctx.db, 'assessment.self', today);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({ status: 'open', openedAt: ctx.clock.now(), selfDue: due.due, selfDueRuleId: due.ruleId })
      .where(eq(campaigns.id, id));
    // Each unit's own clock: done when that unit submits (ADR 0026).
    const opened = await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.campaignId, id));
    await startClocks(
      tx,
      'assessment',
      opened.map((a) => a.id),
      'assessment.self',
      today,
      due,
    );
    await audit(tx, ctx, {
      action: 'campaign.opened',
      entityType: 'campaign',
      entityId: id,
      unitId: c.unitId,
      changes: { selfDue: due.due },
    });
  });
  return { ...c, status: 'open', selfDue: due.due };
}
