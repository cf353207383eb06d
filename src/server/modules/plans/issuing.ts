import { and, eq, inArray } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue, finishClocks, startClocks } from '#server/modules/clocks/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { responsibleUsers } from './items.ts';
import {
  type ItemRow,
  itemsOf,
  type PlanRow,
  planProgress,
  presentPlan,
  requireDraft,
  writablePlan,
} from './records.ts';
import { planItems, planItemUnits, plans, planVersions } from './tables.ts';

export async function issuePlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    requireDraft(p);
    const now = ctx.clock.now();
    const items = await itemsOf(tx, [id]);
    const coUnits = items.length
      ? await tx
          .select()
          .from(planItemUnits)
          .where(
            inArray(
              planItemUnits.itemId,
              items.map((i) => i.id),
            ),
          )
      : [];
    const version = p.issuedVersion + 1;
    await tx.insert(planVersions).values({
      planId: id,
      version,
      snapshot: { plan: p, items, coUnits },
      issuedAt: now,
      issuedBy: ctx.actor.userId,
    });
    const [issued] = await tx
      .update(plans)
      .set({
        status: 'issued',
        issuedVersion: version,
        issuedAt: now,
        version: p.version + 1,
        updatedAt: now,
      })
      .where(eq(plans.id, id))
      .returning();
    // A unit plan issued stops its clock (a reopened plan issued again finds none open).
    await finishClocks(tx, id, vnToday(now), ['plan.unit_plan']);
    await audit(tx, ctx, {
      action: 'plan.issued',
      entityType: 'plan',
      entityId: id,
      unitId: p.unitId,
      changes: { status: ['draft', 'issued'], issuedVersion: version },
    });
    if (!p.sourcePlanId) await cascade(ctx, tx, issued!, items, coUnits);
    return presentPlan(issued!, unitName, vnToday(now), planProgress(items));
  });
}

async function cascade(
  ctx: Ctx,
  tx: Db,
  plan: PlanRow,
  items: ItemRow[],
  coUnits: Array<{ itemId: string; unitId: string }>,
) {
  const assigned = new Map<string, ItemRow[]>();
  const assign = (unitId: string | null, item: ItemRow) => {
    if (!unitId || unitId === plan.unitId) return;
    const list = assigned.get(unitId) ?? [];
    if (!list.includes(item)) list.push(item);
    assigned.set(unitId, list);
  };
  for (const i of items) {
    assign(i.leadUnitId, i);
    for (const c of coUnits.filter((c) => c.itemId === i.id)) assign(c.unitId, i);
  }
  if (assigned.size === 0) return;
  const issuedOn = vnToday(ctx.clock.now());
  const due = await computeDue(tx, 'plan.unit_plan', issuedOn);
  const started: string[] = [];
  const unitRows = await tx
    .select()
    .from(units)
    .where(inArray(units.id, [...assigned.keys()]));
  for (const unit of unitRows) {
    let [unitPlan] = await tx
      .select()
      .from(plans)
      .where(and(eq(plans.unitId, unit.id), eq(plans.year, plan.year)));
    if (!unitPlan) {
      [unitPlan] = await tx
        .insert(plans)
        .values({
          unitId: unit.id,
          year: plan.year,
          sourcePlanId: plan.id,
          title: `Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm ${plan.year} — ${unit.name}`,
          dueDate: due.due,
          dueRuleId: due.ruleId,
        })
        .returning();
      started.push(unitPlan!.id);
      await audit(tx, ctx, {
        action: 'plan.cascaded',
        entityType: 'plan',
        entityId: unitPlan!.id,
        unitId: unit.id,
        changes: { sourcePlanId: plan.id, dueDate: due.due },
      });
    }
    if (unitPlan!.status === 'draft') {
      const have = new Set(
        (
          await tx
            .select({ s: planItems.sourceItemId })
            .from(planItems)
            .where(eq(planItems.planId, unitPlan!.id))
        ).map((r) => r.s),
      );
      const fresh = assigned.get(unit.id)!.filter((i) => !have.has(i.id));
      if (fresh.length) {
        await tx.insert(planItems).values(
          fresh.map((i) => ({
            planId: unitPlan!.id,
            sourceItemId: i.id,
            ordinal: i.ordinal,
            groupCode: i.groupCode,
            content: i.content,
            leadUnitId: unit.id,
            deadline: i.deadline,
            recurrence: i.recurrence,
            expectedOutput: i.expectedOutput,
            indicator: i.indicator,
            target: i.target,
          })),
        );
      }
    }
    for (const userId of await responsibleUsers(tx, unit.path)) {
      await notify(tx, {
        userId,
        messageKey: 'notification.plan_cascaded',
        values: { plan: plan.title, unit: unit.name, due: formatLegalDate(unitPlan!.dueDate ?? due.due) },
        link: `/app/plans/${unitPlan!.id}`,
        dedupeKey: `plan:${plan.id}:v${plan.issuedVersion}:unit:${unit.id}:user:${userId}`,
      });
    }
  }
  await startClocks(tx, 'plan', started, 'plan.unit_plan', issuedOn, due);
}

/** An issued plan is re-opened as a draft to be amended; its next issue is the next version. */
export async function reopenPlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    if (p.status !== 'issued') throw new AppError('plan_not_issued');
    const [row] = await tx
      .update(plans)
      .set({ status: 'draft', version: p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(plans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'plan.reopened',
      entityType: 'plan',
      entityId: id,
      unitId: p.unitId,
      changes: { status: ['issued', 'draft'] },
    });
    return presentPlan(row!, unitName, vnToday(ctx.clock.now()), planProgress(await itemsOf(tx, [id])));
  });
}

/** Copies a plan's items into a new draft for another year (last year's plan as a start). */
export async function copyPlan(ctx: Ctx, id: string, year: number) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    const [exists] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.unitId, p.unitId), eq(plans.year, year)));
    if (exists) throw fieldError('year', 'error.conflict');
    const [copy] = await tx
      .insert(plans)
      .values({ unitId: p.unitId, year, title: p.title.replace(String(p.year), String(year)) })
      .returning();
    const items = await itemsOf(tx, [id]);
    const newId = new Map<string, string>();
    for (const i of items) newId.set(i.id, crypto.randomUUID());
    const shift = (d: string | null) =>
      d ? `${Number(d.slice(0, 4)) + (year - p.year)}${d.slice(4)}` : null;
    if (items.length) {
      await tx.insert(planItems).values(
        items.map((i) => ({
          id: newId.get(i.id)!,
          planId: copy!.id,
          parentId: i.parentId ? newId.get(i.parentId)! : null,
          ordinal: i.ordinal,
          groupCode: i.groupCode,
          content: i.content,
          leadUnitId: i.leadUnitId,
          deadline: shift(i.deadline)?.endsWith('-02-29')
            ? shift(i.deadline)!.replace('-02-29', '-02-28')
            : shift(i.deadline),
          recurrence: i.recurrence,
          expectedOutput: i.expectedOutput,
          indicator: i.indicator,
          target: i.target,
        })),
      );
      const co = await tx
        .select()
        .from(planItemUnits)
        .where(
          inArray(
            planItemUnits.itemId,
            items.map((i) => i.id),
          ),
        );
      if (co.length)
        await tx
          .insert(planItemUnits)
          .values(co.map((c) => ({ itemId: newId.get(c.itemId)!, unitId: c.unitId })));
    }
    await audit(tx, ctx, {
      action: 'plan.copied',
      entityType: 'plan',
      entityId: copy!.id,
      unitId: p.unitId,
      changes: { from: id, year },
    });
    return presentPlan(copy!, unitName, vnToday(ctx.clock.now()), 0);
  });
}
