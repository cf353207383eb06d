import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createWorld, type World } from '#test/world.ts';
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

  it('counts every user in scope when nothing is searched', async () => {
    const all = await listUsers(w.ctx, { ...q, pageSize: 100 });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(3);
  });
});
