import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPosition, createUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { addItem, createPlan, issuePlan, reportProgress } from '#server/modules/plans/service.ts';
import { users } from '#server/modules/users/tables.ts';
import { unlabelledFields } from '#shared/audit/fields.ts';
import { type Action, roles } from '#shared/permissions.ts';
import { describeMatrix, type MatrixCase } from './matrix.ts';
import { call, createWorld, type World } from './world.ts';

/**
 * Role × action matrix over the routes of the foundation: every role, on a record inside its scope (unit A)
 * and outside it (unit B). Inside: allowed → 2xx, visible but not allowed → 403, invisible → 404.
 * Outside: 404 for everyone but the administrator of the whole tree.
 */
let w: World;
let targetUser: { A: string; B: string };

beforeAll(async () => {
  w = await createWorld();
  const mk = async (unitId: string, username: string) =>
    (
      await w.database.db
        .insert(users)
        .values({ username, fullName: username, unitId, passwordHash: 'x' })
        .returning()
    )[0]!.id;
  targetUser = { A: await mk(w.units.A1, 'target.a'), B: await mk(w.units.B, 'target.b') };
});
afterAll(() => w.close());

type Case = Omit<MatrixCase, 'reader'>;

const sideRoot = (side: 'A' | 'B') => (side === 'A' ? w.units.A : w.units.B);
/** A throwaway unit under the side, so state-changing cases never disturb each other. */
const fresh = (side: 'A' | 'B') =>
  createUnit(w.ctx, {
    code: `T${randomUUID().slice(0, 8)}`,
    name: 'Tạm',
    type: 'sub_unit',
    parentId: side === 'A' ? w.units.A1 : w.units.B,
  });
const freshPosition = async (side: 'A' | 'B') =>
  createPosition(w.ctx, (await fresh(side)).id, {
    name: 'Chuyên viên',
    isLeadership: false,
    declarationDuty: false,
  });
const userVersion = async (id: string) =>
  (await w.database.db.select({ v: users.version }).from(users).where(eq(users.id, id)))[0]!.v;

const version = async (id: string) =>
  (await w.database.db.select({ v: units.version }).from(units).where(eq(units.id, id)))[0]!.v;
const unitOf = (side: 'A' | 'B') => (side === 'A' ? w.units.A1 : w.units.B);

const cases: Case[] = [
  {
    name: 'read unit',
    action: 'org.read',
    request: async (s) => ({ method: 'GET', url: `/api/units/${unitOf(s)}` }),
  },
  {
    name: 'list subtree',
    action: 'org.read',
    request: async (s) => ({ method: 'GET', url: `/api/units?within=${unitOf(s)}` }),
  },
  {
    name: 'list positions',
    action: 'org.read',
    request: async (s) => ({ method: 'GET', url: `/api/units/${unitOf(s)}/positions` }),
  },
  {
    name: 'edit unit',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'PATCH',
      url: `/api/units/${unitOf(s)}`,
      body: { shortName: `x${Math.random()}`, version: await version(unitOf(s)) },
    }),
  },
  {
    name: 'read contact details',
    action: 'org.read',
    request: async (s) => ({ method: 'GET', url: `/api/units/${unitOf(s)}/contact` }),
  },
  {
    name: 'edit contact details',
    action: 'org.manage',
    orActions: ['reports.handle'],
    visibleDenied: 403,
    request: async (s) => {
      const unit = (await fresh(s)).id;
      return { method: 'PUT', url: `/api/units/${unit}/contact`, body: { phone: '1022', version: 0 } };
    },
  },
  {
    name: 'create unit under',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: '/api/units',
      body: {
        code: `M${Math.random().toString(36).slice(2, 10)}`,
        name: 'Mới',
        type: 'sub_unit',
        parentId: unitOf(s),
      },
    }),
  },
  {
    name: 'add position',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/units/${unitOf(s)}/positions`,
      body: { name: 'Chuyên viên' },
    }),
  },
  {
    name: 'list users of unit',
    action: 'users.read',
    request: async (s) => ({ method: 'GET', url: `/api/users?unitId=${unitOf(s)}` }),
  },
  {
    name: 'read user',
    action: 'users.read',
    request: async (s) => ({ method: 'GET', url: `/api/users/${targetUser[s]}` }),
  },
  {
    name: 'reset password',
    action: 'users.manage',
    visibleDenied: 403,
    request: async (s) => ({ method: 'POST', url: `/api/users/${targetUser[s]}/reset-password` }),
  },
  {
    name: 'audit of unit',
    action: 'audit.read',
    request: async (s) => ({ method: 'GET', url: `/api/audit/events?unitId=${unitOf(s)}` }),
  },
  {
    name: 'own uploads in a unit',
    action: 'files.upload',
    request: async (s) => ({ method: 'GET', url: `/api/files?unitId=${unitOf(s)}` }),
  },
  {
    name: 'move unit',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/units/${(await fresh(s)).id}/move`,
      body: { parentId: sideRoot(s), version: 1 },
    }),
  },
  {
    name: 'archive unit',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/units/${(await fresh(s)).id}/archive`,
      body: { version: 1 },
    }),
  },
  {
    name: 'split unit',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/units/${(await fresh(s)).id}/split`,
      body: { successorIds: [(await fresh(s)).id], effectiveDate: '2026-01-01' },
    }),
  },
  {
    name: 'merge units',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: '/api/units/merge',
      body: {
        predecessorIds: [(await fresh(s)).id],
        successorId: (await fresh(s)).id,
        effectiveDate: '2026-01-01',
      },
    }),
  },
  {
    name: 'edit position',
    action: 'org.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'PATCH',
      url: `/api/positions/${(await freshPosition(s)).id}`,
      body: { name: 'Chuyên viên chính' },
    }),
  },
  {
    name: 'edit user',
    action: 'users.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'PATCH',
      url: `/api/users/${targetUser[s]}`,
      body: { phone: '0912345678', version: await userVersion(targetUser[s]) },
    }),
  },
  {
    name: 'enable user',
    action: 'users.manage',
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/users/${targetUser[s]}/status`,
      body: { status: 'active' },
    }),
  },
  {
    name: 'reset 2FA',
    action: 'users.manage',
    visibleDenied: 403,
    request: async (s) => ({ method: 'POST', url: `/api/users/${targetUser[s]}/reset-totp` }),
  },
  {
    name: 'grant a role',
    action: 'grants.manage',
    visibleDenied: 400,
    request: async (s) => ({
      method: 'POST',
      url: `/api/users/${targetUser[s]}/grants`,
      body: { role: 'declarant', unitId: unitOf(s) },
    }),
  },
];

// A plan per unit and year: each case takes a year of its own (ones the reporting regime covers).
let yearSeq = 2030;
/** Plans on each side, made by the system: one draft, and one issued with a task and a report. */
const freshPlan = async (side: 'A' | 'B', issued: boolean) => {
  const plan = await createPlan(w.ctx, { unitId: unitOf(side), year: yearSeq++, title: 'Kế hoạch ma trận' });
  const item = await addItem(w.ctx, plan.id, { groupCode: 'leadership', content: 'Nhiệm vụ', coUnitIds: [] });
  if (issued) await issuePlan(w.ctx, plan.id);
  return { plan, item };
};
const planCases: Case[] = [
  {
    name: 'read plan',
    action: 'plans.read',
    request: async (s) => ({ method: 'GET', url: `/api/plans/${(await freshPlan(s, false)).plan.id}` }),
  },
  {
    name: 'edit plan basis',
    action: 'plans.manage',
    orActions: ['plans.edit'],
    visibleDenied: 403,
    request: async (s) => {
      const { plan } = await freshPlan(s, false);
      return {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        body: { docNumber: '1/KH', version: plan.version },
      };
    },
  },
  {
    name: 'add task',
    action: 'plans.manage',
    orActions: ['plans.edit'],
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/plans/${(await freshPlan(s, false)).plan.id}/items`,
      body: { groupCode: 'propaganda', content: 'Thêm' },
    }),
  },
  {
    name: 'issue plan',
    action: 'plans.manage',
    orActions: ['plans.edit'],
    visibleDenied: 403,
    request: async (s) => ({
      method: 'POST',
      url: `/api/plans/${(await freshPlan(s, false)).plan.id}/issue`,
    }),
  },
  {
    name: 'report progress',
    action: 'plans.manage',
    orActions: ['plans.edit'],
    visibleDenied: 403,
    request: async (s) => {
      const { plan, item } = await freshPlan(s, true);
      return {
        method: 'POST',
        url: `/api/plan-items/${item.id}/progress`,
        body: { period: `${plan.year}-Q1`, status: 'in_progress', progress: 10, result: 'Đã làm' },
      };
    },
  },
  {
    name: 'review progress',
    action: 'plans.manage',
    visibleDenied: 403,
    request: async (s) => {
      const { plan, item } = await freshPlan(s, true);
      const report = await reportProgress(w.ctx, item.id, {
        period: `${plan.year}-Q1`,
        status: 'in_progress',
        progress: 10,
        result: 'Đã làm',
        evidenceFileIds: [],
      });
      return {
        method: 'POST',
        url: `/api/progress/${report.id}/review`,
        body: { decision: 'accept', version: report.version },
      };
    },
  },
];
cases.push(...planCases);

// A role that reads what a case changes sees its record and is refused (403) rather than not finding it.
const readerOf: Partial<Record<Action, Action>> = {
  'org.manage': 'org.read',
  'users.manage': 'users.read',
  'grants.manage': 'users.read',
  'plans.manage': 'plans.read',
};
describeMatrix(
  () => w,
  cases.map((c) => ({ ...c, reader: readerOf[c.action] })),
);

describe('the audit log names what it records', () => {
  it('every field of every change the matrix wrote has a label in both languages (issue 17 §14)', async () => {
    const keys = await w.database.query<{ k: string }>(
      `select distinct jsonb_object_keys(changes) as k from audit_events where jsonb_typeof(changes) = 'object'`,
    );
    expect(keys.length).toBeGreaterThan(20);
    expect(unlabelledFields(keys.map((r) => r.k))).toEqual([]);
  });
});

describe('reference data and own data', () => {
  it('every signed-in role reads deadline rules; only the top administrator edits them', async () => {
    for (const role of roles)
      expect((await call(w.app, 'GET', '/api/clocks/rules', { who: w.users[role] })).status).toBe(200);
    const rules = (await call(w.app, 'GET', '/api/clocks/rules', { who: w.users.admin }))
      .json as unknown as Array<{ id: string; version: number }>;
    const rule = rules[0]!;
    expect(
      (
        await call(w.app, 'PATCH', `/api/clocks/rules/${rule.id}`, {
          who: w.users.admin,
          body: { length: 8, version: rule.version },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(w.app, 'PATCH', `/api/clocks/rules/${rule.id}`, {
          who: w.users.root_admin,
          body: { length: 8, version: rule.version },
        })
      ).status,
    ).toBe(200);
  });

  it('only the top administrator edits the holiday calendar', async () => {
    const [cal] = (await call(w.app, 'GET', '/api/clocks/calendars', { who: w.users.declarant }))
      .json as unknown as Array<{ id: string }>;
    const day = { date: '2027-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', source: 'Thử nghiệm' };
    for (const role of roles) {
      expect(
        (await call(w.app, 'PUT', `/api/clocks/calendars/${cal!.id}/days`, { who: w.users[role], body: day }))
          .status,
      ).toBe(403);
    }
    expect(
      (
        await call(w.app, 'PUT', `/api/clocks/calendars/${cal!.id}/days`, {
          who: w.users.root_admin,
          body: day,
        })
      ).status,
    ).toBe(200);
    const days = (
      await call(w.app, 'GET', `/api/clocks/calendars/${cal!.id}/days?year=2027`, { who: w.users.declarant })
    ).json as unknown as Array<{ date: string }>;
    expect(days.map((d) => d.date)).toContain('2027-11-24');
    expect(
      (
        await call(w.app, 'DELETE', `/api/clocks/calendars/${cal!.id}/days/2027-11-24`, {
          who: w.users.root_admin,
        })
      ).status,
    ).toBe(204);
  });

  it('notifications are their owner’s alone', async () => {
    await call(w.app, 'POST', `/api/users/${w.users.declarant.userId}/grants`, {
      who: w.users.admin,
      body: { role: 'reviewer', unitId: w.units.A1 },
    });
    const mine = await call(w.app, 'GET', '/api/notifications?unread=true', { who: w.users.declarant });
    expect(mine.json.unread).toBeGreaterThan(0);
    expect(mine.json.items[0].message).toBe('Bạn được giao vai trò Người thẩm định tại Phòng Nghiệp vụ.');
    const id = mine.json.items[0].id;
    expect(
      (await call(w.app, 'POST', `/api/notifications/${id}/read`, { who: w.users.auditor })).status,
    ).toBe(404);
    expect(
      (await call(w.app, 'POST', `/api/notifications/${id}/read`, { who: w.users.declarant })).status,
    ).toBe(204);
    expect(
      (await call(w.app, 'GET', '/api/notifications?unread=true', { who: w.users.declarant })).json.unread,
    ).toBe(mine.json.unread - 1);
  });

  it('a date in a notification reads as people write it, never as stored', async () => {
    const { notify } = await import('#server/modules/notifications/service.ts');
    await notify(w.database.db, {
      userId: w.users.declarant.userId,
      messageKey: 'notification.declaration_returned',
      values: { year: 2026, due: '2026-12-14' },
    });
    const mine = await call(w.app, 'GET', '/api/notifications?unread=true', { who: w.users.declarant });
    expect(mine.json.items.map((n: { message: string }) => n.message)).toContain(
      'Bản kê khai năm 2026 của bạn được trả lại để bổ sung; hạn hoàn thành 14/12/2026.',
    );
  });

  it('state changes need the CSRF token of the session', async () => {
    const who = w.users.root_admin;
    const res = await call(w.app, 'POST', `/api/units/${w.units.A}/positions`, {
      who: { ...who, csrf: 'forged' },
      body: { name: 'X' },
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('csrf');
  });
});
