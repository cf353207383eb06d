import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { submitReport } from '#server/modules/reports/service.ts';
import {
  addUser,
  call,
  createWorld,
  keyedSessionFor,
  sessionFor,
  type Who,
  type World,
} from '#test/world.ts';
import { createUnit } from './service.ts';
import { units } from './tables.ts';

/**
 * Issue 15 re-test H1: one administrator moved the inspectorate under a department, and the department's
 * desk read, triaged and closed the inspectorate's reports at once. A move is now asked by one
 * administrator and made by a second over both places (ADR 0031).
 */
let w: World;
let second: Who;
let deskB: Who;

beforeAll(async () => {
  w = await createWorld();
  second = await sessionFor(w.database, await addUser(w, 'quantri.hai', 'admin', w.units.R), w.clock.now());
  deskB = await keyedSessionFor(
    w.database,
    await addUser(w, 'tiepnhan.b', 'intake_officer', w.units.B),
    w.clock.now(),
  );
});
afterAll(() => w.close());

const parentOf = async (id: string) =>
  (await w.database.db.select({ parentId: units.parentId }).from(units).where(eq(units.id, id)))[0]!.parentId;

describe('moving a unit takes two administrators', () => {
  it("one administrator's move of the inspectorate under a department waits: the department's desk still cannot see its reports", async () => {
    const report = await submitReport(
      { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } },
      {
        receivedUnitId: w.units.A,
        concernedUnitId: w.units.B,
        categoryCode: 'bribery',
        channel: 'web',
        content: {
          title: 'Sở Xây dựng nhận tiền',
          description: 'Chi tiết.',
          officials: null,
          when: null,
          where: null,
          amountVnd: null,
        },
        identity: null,
        consent: false,
        files: [],
      },
    );
    const [a] = await w.database.db.select().from(units).where(eq(units.id, w.units.A));
    const asked = await call(w.app, 'POST', `/api/units/${w.units.A}/move`, {
      who: w.users.root_admin,
      body: { parentId: w.units.B, version: a!.version },
    });
    expect(asked.status).toBe(202);
    expect(asked.json.move).toMatchObject({ status: 'pending', toParentId: w.units.B });
    expect(await parentOf(w.units.A)).toBe(w.units.R);
    expect((await call(w.app, 'GET', `/api/reports/${report.id}`, { who: deskB })).status).toBe(404);
    expect((await call(w.app, 'GET', '/api/reports', { who: deskB })).json.items).toHaveLength(0);

    // A second request for the same unit waits its turn; the asker cannot make their own move.
    const again = await call(w.app, 'POST', `/api/units/${w.units.A}/move`, {
      who: w.users.root_admin,
      body: { parentId: w.units.B, version: a!.version },
    });
    expect(again.status).toBe(400);
    expect(Object.keys(again.json.fields)).toEqual(['parentId']);
    const own = await call(w.app, 'POST', `/api/unit-moves/${asked.json.move.id}/decision`, {
      who: w.users.root_admin,
      body: { decision: 'approve' },
    });
    expect(own.status).toBe(403);
    expect(own.json.code).toBe('separation_of_duties');
    // An administrator who does not manage both places does not see it (A's admin, not over B).
    expect((await call(w.app, 'GET', '/api/unit-moves', { who: w.users.admin })).json.items).toHaveLength(0);
    const foreign = await call(w.app, 'POST', `/api/unit-moves/${asked.json.move.id}/decision`, {
      who: w.users.admin,
      body: { decision: 'approve' },
    });
    expect(foreign.status).toBe(404);
    // The second administrator rejects it: nothing moves, the asker is told.
    const list = await call(w.app, 'GET', '/api/unit-moves', { who: second });
    expect(list.json.items).toEqual([
      expect.objectContaining({
        unitName: 'Thanh tra tỉnh',
        fromName: 'Tỉnh Thử Nghiệm',
        toName: 'Sở Xây dựng',
        // The whole line with codes: a look-alike name elsewhere in the tree is told apart (re-test L2).
        toLineage: 'Tỉnh Thử Nghiệm (R) › Sở Xây dựng (B)',
        canDecide: true,
        mine: false,
      }),
    ]);
    const rejected = await call(w.app, 'POST', `/api/unit-moves/${asked.json.move.id}/decision`, {
      who: second,
      body: { decision: 'reject' },
    });
    expect(rejected.json.status).toBe('rejected');
    expect(await parentOf(w.units.A)).toBe(w.units.R);
    expect((await call(w.app, 'GET', `/api/reports/${report.id}`, { who: deskB })).status).toBe(404);
  });

  it('a second administrator over both places makes the move, on the tree as it is then; the asker may withdraw instead', async () => {
    const sub = await createUnit(w.ctx, {
      code: 'A1X',
      name: 'Tổ mới',
      type: 'sub_unit',
      parentId: w.units.A1,
    });
    const ask = () =>
      call(w.app, 'POST', `/api/units/${sub.id}/move`, {
        who: w.users.root_admin,
        body: { parentId: w.units.B, version: 1 },
      });
    const first = await ask();
    const cancel = await call(w.app, 'POST', `/api/unit-moves/${first.json.move.id}/decision`, {
      who: w.users.root_admin,
      body: { decision: 'cancel' },
    });
    expect(cancel.json.status).toBe('cancelled');
    // Only the asker withdraws.
    const move = (await ask()).json.move;
    expect(
      (
        await call(w.app, 'POST', `/api/unit-moves/${move.id}/decision`, {
          who: second,
          body: { decision: 'cancel' },
        })
      ).status,
    ).toBe(403);
    const made = await call(w.app, 'POST', `/api/unit-moves/${move.id}/decision`, {
      who: second,
      body: { decision: 'approve' },
    });
    expect(made.status).toBe(200);
    const [moved] = await w.database.db.select().from(units).where(eq(units.id, sub.id));
    expect(moved).toMatchObject({ parentId: w.units.B });
    expect(
      moved!.path.startsWith(
        (await w.database.db.select().from(units).where(eq(units.id, w.units.B)))[0]!.path,
      ),
    ).toBe(true);
    // Decided once: a second decision is a conflict.
    expect(
      (
        await call(w.app, 'POST', `/api/unit-moves/${move.id}/decision`, {
          who: second,
          body: { decision: 'reject' },
        })
      ).status,
    ).toBe(409);
    const actions = (
      await w.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, sub.id))
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'unit.move_requested',
        'unit.move_cancelled',
        'unit.move_approved',
        'unit.moved',
      ]),
    );
  });

  it('is approved only as it was asked: a rename or recode of either end meanwhile refuses the approval (sec22 F4)', async () => {
    const sub = await createUnit(w.ctx, {
      code: 'A1Y',
      name: 'Tổ lưu trữ',
      type: 'sub_unit',
      parentId: w.units.A1,
    });
    const target = await createUnit(w.ctx, {
      code: 'BZ',
      name: 'Phòng Ngoại vụ',
      type: 'sub_unit',
      parentId: w.units.B,
    });
    const asked = await call(w.app, 'POST', `/api/units/${sub.id}/move`, {
      who: w.users.root_admin,
      body: { parentId: target.id, version: 1 },
    });
    expect(asked.status).toBe(202);
    const shown = async () =>
      (await call(w.app, 'GET', '/api/unit-moves', { who: second })).json.items.find(
        (m: { id: string }) => m.id === asked.json.move.id,
      );
    expect(await shown()).toMatchObject({
      changed: false,
      toLineage: 'Tỉnh Thử Nghiệm (R) › Sở Xây dựng (B) › Phòng Ngoại vụ (BZ)',
      unitLineage: 'Tỉnh Thử Nghiệm (R) › Thanh tra tỉnh (A) › Phòng Nghiệp vụ (A1) › Tổ lưu trữ (A1Y)',
    });
    // A name cannot pass for a whole line of units (sec22b N5).
    const fake = await call(w.app, 'PATCH', `/api/units/${target.id}`, {
      who: w.users.root_admin,
      body: { name: 'Thanh tra tỉnh (A) › Tổ tạm', version: 1 },
    });
    expect(fake.status).toBe(400);
    expect(Object.keys(fake.json.fields)).toEqual(['name']);
    for (const name of ['Tổ tạm\nThanh tra tỉnh (A)', 'Thanh tra tỉnh (A) ❯ Tổ tạm', 'A » B'])
      expect(
        (
          await call(w.app, 'PATCH', `/api/units/${target.id}`, {
            who: w.users.root_admin,
            body: { name, version: 1 },
          })
        ).status,
      ).toBe(400);
    // The asker alone renames the new parent to look like a harmless re-filing.
    const renamed = await call(w.app, 'PATCH', `/api/units/${target.id}`, {
      who: w.users.root_admin,
      body: { name: 'Tổ tạm của Thanh tra', code: 'A1Y.TMP', version: 1 },
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    // The approver still reads what was asked, told that it changed; approving it is refused.
    expect(await shown()).toMatchObject({
      changed: true,
      toLineage: 'Tỉnh Thử Nghiệm (R) › Sở Xây dựng (B) › Phòng Ngoại vụ (BZ)',
    });
    const approve = await call(w.app, 'POST', `/api/unit-moves/${asked.json.move.id}/decision`, {
      who: second,
      body: { decision: 'approve' },
    });
    expect(approve.status).toBe(400);
    expect(Object.keys(approve.json.fields)).toEqual(['decision']);
    expect(await parentOf(sub.id)).toBe(w.units.A1);
    const reject = await call(w.app, 'POST', `/api/unit-moves/${asked.json.move.id}/decision`, {
      who: second,
      body: { decision: 'reject' },
    });
    expect(reject.json.status).toBe('rejected');
  });

  it("makes a team a unit of its own, or a unit a team, only by a second administrator: it changes the unit's agency (sec23 F7)", async () => {
    const team = await createUnit(w.ctx, {
      code: 'A9',
      name: 'Phòng Giám sát',
      type: 'sub_unit',
      parentId: w.units.A,
    });
    const [before] = await w.database.db.select().from(units).where(eq(units.id, team.id));
    const edited = await call(w.app, 'PATCH', `/api/units/${team.id}`, {
      who: w.users.root_admin,
      body: { type: 'department', name: 'Phòng Giám sát, kiểm tra', version: before!.version },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    // The name is changed now; the type waits.
    expect(edited.json).toMatchObject({ type: 'sub_unit', name: 'Phòng Giám sát, kiểm tra' });
    const waiting = (await call(w.app, 'GET', '/api/unit-moves', { who: second })).json.items.find(
      (m: { unitId: string }) => m.unitId === team.id,
    );
    expect(waiting).toMatchObject({ toType: 'department', unitType: 'sub_unit', toParentId: w.units.A });
    const own = await call(w.app, 'POST', `/api/unit-moves/${waiting.id}/decision`, {
      who: w.users.root_admin,
      body: { decision: 'approve' },
    });
    expect(own.json.code).toBe('separation_of_duties');
    const made = await call(w.app, 'POST', `/api/unit-moves/${waiting.id}/decision`, {
      who: second,
      body: { decision: 'approve' },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const [after] = await w.database.db.select().from(units).where(eq(units.id, team.id));
    expect(after).toMatchObject({ type: 'department', parentId: w.units.A });
    // A change between two kinds that are not teams is made at once.
    const direct = await call(w.app, 'PATCH', `/api/units/${team.id}`, {
      who: w.users.root_admin,
      body: { type: 'commune', version: after!.version },
    });
    expect(direct.json.type).toBe('commune');
  });

  it('refuses a bad decision by field, and an unknown move as not found', async () => {
    const bad = await call(w.app, 'POST', `/api/unit-moves/${w.units.A}/decision`, {
      who: second,
      body: { decision: 'teleport' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(['decision']);
    const unknown = await call(w.app, 'POST', `/api/unit-moves/${w.units.A}/decision`, {
      who: second,
      body: { decision: 'approve' },
    });
    expect(unknown.status).toBe(404);
  });
});
