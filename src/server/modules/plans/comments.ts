import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { audit } from '#server/modules/audit/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError } from '#shared/errors.ts';
import { mayWritePlan } from '#shared/plans/policy.ts';
import { responsibleUsers } from './items.ts';
import { itemInScope } from './progress.ts';
import { planItemComments } from './tables.ts';

export async function listComments(ctx: Ctx, itemId: string) {
  return ctx.db.transaction(async (tx) => {
    await itemInScope(ctx, tx, itemId);
    const rows = await tx
      .select({ c: planItemComments, author: users.fullName })
      .from(planItemComments)
      .leftJoin(users, eq(users.id, planItemComments.authorId))
      .where(eq(planItemComments.itemId, itemId))
      .orderBy(asc(planItemComments.createdAt))
      .limit(500);
    return rows.map((r) => ({
      id: r.c.id,
      author: r.author,
      body: r.c.body,
      createdAt: r.c.createdAt.toISOString(),
    }));
  });
}

/** A message on a task, between the unit and the coordinator; those who answer for the unit are told. */
export async function addComment(ctx: Ctx, itemId: string, body: string) {
  return ctx.db.transaction(async (tx) => {
    const { item, p, unitPath } = await itemInScope(ctx, tx, itemId);
    if (!mayWritePlan(ctx.actor, unitPath)) throw new AppError('forbidden');
    const [c] = await tx
      .insert(planItemComments)
      .values({ itemId, authorId: ctx.actor.userId, body })
      .returning();
    for (const userId of await responsibleUsers(tx, unitPath)) {
      if (userId === ctx.actor.userId) continue;
      await notify(tx, {
        userId,
        messageKey: 'notification.item_comment',
        values: { item: item.content.slice(0, 80) },
        link: `/app/plans/${p.id}`,
        dedupeKey: `comment:${c!.id}:user:${userId}`,
      });
    }
    await audit(tx, ctx, {
      action: 'plan_item.commented',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes: { commentId: c!.id },
    });
    const [author] = ctx.actor.userId
      ? await tx.select({ n: users.fullName }).from(users).where(eq(users.id, ctx.actor.userId))
      : [];
    return { id: c!.id, author: author?.n ?? null, body: c!.body, createdAt: c!.createdAt.toISOString() };
  });
}
