import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#server/modules/org/service.ts';
import { type Role, roleAllows, roles } from '#shared/permissions.ts';
import { describeMatrix } from '#test/matrix.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { enterpriseRegistrations } from './tables.ts';

/** Who may decide on enterprise registrations, inside scope (a commune under A) and outside (under B). */
let w: World;
const commune: Record<'A' | 'B', string> = {} as never;
let n = 0;

beforeAll(async () => {
  w = await createWorld();
  commune.A = (
    await createUnit(w.ctx, { code: 'XA', name: 'Xã A', type: 'commune', parentId: w.units.A })
  ).id;
  commune.B = (
    await createUnit(w.ctx, { code: 'XB', name: 'Xã B', type: 'commune', parentId: w.units.B })
  ).id;
});
afterAll(() => w.close());

async function verified(side: 'A' | 'B') {
  n += 1;
  const [r] = await w.database.db
    .insert(enterpriseRegistrations)
    .values({
      taxCode: String(3000000000 + n),
      name: `Doanh nghiệp ${n}`,
      sector: 'Thương mại',
      size: 'small',
      address: 'Địa chỉ',
      communeUnitId: commune[side],
      repName: 'Đại diện',
      repEmail: `dd${n}@dn.invalid`,
      codeHash: 'x',
      codeExpiresAt: new Date(),
      status: 'verified',
    })
    .returning();
  return r!.id;
}

const allowed = (role: Role) => roleAllows(role, 'enterprises.manage');

describeMatrix(
  () => w,
  [
    {
      name: 'approve a registration',
      action: 'enterprises.manage',
      request: async (side) => ({
        method: 'POST',
        url: `/api/enterprise-registrations/${await verified(side)}/approve`,
      }),
    },
    {
      name: 'refuse a registration',
      action: 'enterprises.manage',
      request: async (side) => ({
        method: 'POST',
        url: `/api/enterprise-registrations/${await verified(side)}/reject`,
        body: { reason: 'Thiếu giấy phép kinh doanh' },
      }),
    },
  ],
);

describe('enterprise registrations', () => {
  it.each([...roles])('the list shows registrations in scope only, as %s', async (role) => {
    await verified('A');
    await verified('B');
    const list = await call(w.app, 'GET', '/api/enterprise-registrations', { who: w.users[role] });
    if (allowed(role))
      expect(list.json.every((r: { communeUnitId: string }) => r.communeUnitId === commune.A)).toBe(true);
    else expect(list.status).toBe(404);
  });

  it('framework versions are managed from the top of the tree only', async () => {
    const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.declarant });
    const v = fw.json[0].versionId;
    for (const role of roles)
      expect(
        (await call(w.app, 'POST', `/api/framework-versions/${v}/draft`, { who: w.users[role] })).status,
      ).toBe(403);
    expect(
      (await call(w.app, 'POST', `/api/framework-versions/${v}/draft`, { who: w.users.root_admin })).status,
    ).toBe(201);
    expect((await call(w.app, 'POST', `/api/framework-versions/${v}/draft`)).status).toBe(401);
  });
});
