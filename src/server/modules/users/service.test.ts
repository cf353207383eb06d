import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, createWorld, type World } from '#test/world.ts';
import { listUsers } from './service.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
  for (const n of ['timkiem3', 'timkiem1', 'timkiem2']) await addUser(w, n, 'declarant', w.units.A1);
});
afterAll(() => w.close());

const q = { page: 1, pageSize: 2, sort: 'username' as const };

describe('user list', () => {
  it('pages a search and counts all its matches, on every page and past the last', async () => {
    const first = await listUsers(w.ctx, { ...q, q: 'TIMKIEM' });
    expect(first.items.map((u) => u.username)).toEqual(['timkiem1', 'timkiem2']);
    expect(first.total).toBe(3);
    const second = await listUsers(w.ctx, { ...q, q: 'timkiem', page: 2 });
    expect(second.items.map((u) => u.username)).toEqual(['timkiem3']);
    expect(second.total).toBe(3);
    const past = await listUsers(w.ctx, { ...q, q: 'timkiem', page: 5 });
    expect(past).toMatchObject({ items: [], total: 3 });
    expect(await listUsers(w.ctx, { ...q, q: 'khong co ai' })).toMatchObject({ items: [], total: 0 });
  });

  it("counts every user in the reader's scope, and no one outside it, when nothing is searched", async () => {
    const outside = await addUser(w, 'ngoai.pham.vi', 'declarant', w.units.B);
    // The world's administrator of unit A (and below), through the API as a user reads it.
    const res = await call(w.app, 'GET', '/api/users?pageSize=100', { who: w.users.admin });
    expect(res.status).toBe(200);
    const ids = res.json.items.map((u: { id: string }) => u.id);
    expect(res.json.total).toBe(ids.length);
    expect(ids).not.toContain(outside);
    expect(res.json.items.every((u: { unitId: string }) => [w.units.A, w.units.A1].includes(u.unitId))).toBe(
      true,
    );
    // Everyone in A and A1, counted directly.
    const everyone = await listUsers(w.ctx, { ...q, pageSize: 100 });
    const inScope = everyone.items.filter((u) => [w.units.A, w.units.A1].includes(u.unitId));
    expect(res.json.total).toBe(inScope.length);
    expect(everyone.items.map((u) => u.id)).toContain(outside);
  });

  it('sorts names in Vietnamese order (Đặng with D, tone marks aside), searched or not', async () => {
    const { users } = await import('./tables.ts');
    const { eq } = await import('drizzle-orm');
    for (const [username, fullName] of [
      ['thutu.z', 'Zô Thứ Tự'],
      ['thutu.dang', 'Đặng Thứ Tự'],
      ['thutu.duong', 'Dương Thứ Tự'],
      ['thutu.an', 'Ân Thứ Tự'],
    ]) {
      const id = await addUser(w, username!, 'declarant', w.units.A1);
      await w.database.db.update(users).set({ fullName }).where(eq(users.id, id));
    }
    const names = async (extra: object) =>
      (await listUsers(w.ctx, { page: 1, pageSize: 100, sort: 'fullName', ...extra })).items
        .map((u) => u.fullName)
        .filter((n) => n.endsWith('Thứ Tự'));
    const expected = ['Ân Thứ Tự', 'Đặng Thứ Tự', 'Dương Thứ Tự', 'Zô Thứ Tự'];
    expect(await names({})).toEqual(expected);
    expect(await names({ q: 'thu tu' })).toEqual(expected);
  });
});
