import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createWorld, type World } from '#test/world.ts';
import { addItem, createPlan, issuePlan } from './service.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
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
});
afterAll(() => w.close());

describe('plan deadlines', () => {
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
