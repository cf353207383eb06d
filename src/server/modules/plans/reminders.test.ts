import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '#server/modules/notifications/tables.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { sendPlanReminders } from './reminders.ts';
import { addItem, createPlan, issuePlan } from './service.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld({ REMINDER_DAYS: '7' });
});
afterAll(() => w.close());

const mine = (userId: string) =>
  w.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, 'remind:%')));

describe('plan reminders', () => {
  it('remind the unit once before a deadline and once when overdue, in the app and by e-mail', async () => {
    // The world's clock: 25/11/2026. Unit A's head and focal officer answer for A's plan.
    const plan = await createPlan(w.ctx, { unitId: w.units.A, year: 2026, title: 'Kế hoạch thử nhắc việc' });
    await addItem(w.ctx, plan.id, {
      groupCode: 'leadership',
      content: 'Sắp đến hạn',
      deadline: '2026-11-30',
      coUnitIds: [],
    });
    await addItem(w.ctx, plan.id, {
      groupCode: 'leadership',
      content: 'Còn xa',
      deadline: '2026-12-20',
      coUnitIds: [],
    });
    await addItem(w.ctx, plan.id, {
      groupCode: 'leadership',
      content: 'Đã quá hạn',
      deadline: '2026-11-20',
      coUnitIds: [],
    });
    await issuePlan(w.ctx, plan.id);

    const first = await sendPlanReminders(w.ctx);
    // Two items (due soon, overdue) × two responsible users (unit_head, focal_officer on A).
    expect(first.notified).toBe(4);
    const focal = await mine(w.users.focal_officer.userId);
    expect(focal.map((n) => n.messageKey).sort()).toEqual([
      'notification.item_due_soon',
      'notification.item_overdue',
    ]);
    expect(await mine(w.users.reviewer.userId)).toHaveLength(0);
    const mails = await w.jobs.boss.fetch<{ to: string; subject: string }>('mail.send', { batchSize: 10 });
    expect(mails.map((m) => m.data.to).sort()).toEqual([
      'focal_officer@test.invalid',
      'focal_officer@test.invalid',
      'unit_head@test.invalid',
      'unit_head@test.invalid',
    ]);

    expect((await sendPlanReminders(w.ctx)).notified).toBe(0);

    // A week later the "soon" item is overdue: one more reminder each, the rest unchanged.
    w.clock.set('2026-12-02T02:00:00Z');
    expect((await sendPlanReminders(w.ctx)).notified).toBe(2);
    expect(
      (await mine(w.users.focal_officer.userId))
        .map((n) => n.messageKey)
        .filter((k) => k === 'notification.item_overdue'),
    ).toHaveLength(2);
    w.clock.set('2026-11-25T02:00:00.000Z');
  });

  it('lists open tasks by deadline with their clock state, for the people who answer for them', async () => {
    const res = await call(w.app, 'GET', '/api/plan-items/deadlines?mine=true', {
      who: w.users.focal_officer,
    });
    expect(res.status).toBe(200);
    const states = (res.json.items as Array<{ content: string; state: string }>).map((i) => [
      i.content,
      i.state,
    ]);
    expect(states).toEqual([
      ['Đã quá hạn', 'overdue'],
      ['Sắp đến hạn', 'on_time'],
      ['Còn xa', 'on_time'],
    ]);
    const overdue = await call(w.app, 'GET', '/api/plan-items/deadlines?state=overdue', {
      who: w.users.focal_officer,
    });
    expect(overdue.json.total).toBe(1);
    expect(
      (await call(w.app, 'GET', '/api/plan-items/deadlines?mine=true', { who: w.users.reviewer })).json.total,
    ).toBe(0);
    expect(
      (await call(w.app, 'GET', '/api/plan-items/deadlines', { who: w.users.reviewer })).json.total,
    ).toBe(3);
    expect(
      (await call(w.app, 'GET', `/api/plan-items/deadlines?unitId=${w.units.B}`, { who: w.users.root_admin }))
        .json.total,
    ).toBe(0);
    expect(
      (
        await call(w.app, 'GET', '/api/plan-items/deadlines?year=2026&groupCode=leadership', {
          who: w.users.reviewer,
        })
      ).json.total,
    ).toBe(3);
    expect(
      (await call(w.app, 'GET', '/api/plan-items/deadlines?groupCode=detection', { who: w.users.reviewer }))
        .json.total,
    ).toBe(0);
  });

  it('does not list a task handed down to units, only the units’ copies', async () => {
    const plan = await createPlan(w.ctx, { unitId: w.units.R, year: 2026, title: 'Kế hoạch tỉnh thử' });
    await addItem(w.ctx, plan.id, {
      groupCode: 'detection',
      content: 'Giao cho đơn vị B',
      leadUnitId: w.units.B,
      deadline: '2026-11-20',
      coUnitIds: [],
    });
    await issuePlan(w.ctx, plan.id);
    const rows = (
      await call(w.app, 'GET', '/api/plan-items/deadlines?groupCode=detection', { who: w.users.root_admin })
    ).json.items as Array<{ unitName: string }>;
    expect(rows).toEqual([]); // B's copy is in a draft plan: nothing is tracked until B issues it.
  });
});
