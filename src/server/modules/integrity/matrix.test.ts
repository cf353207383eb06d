import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#server/modules/org/tables.ts';
import { roleAllows, roles } from '#shared/permissions.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, type World } from '#test/world.ts';
import * as conflicts from './conflicts.ts';
import * as gifts from './gifts.ts';

/**
 * Every gift and conflict route × every role, inside scope (an official of A1, below every role's A) and
 * outside (an official of B): what a role may do comes from the role table. The officials concerned are
 * not among the roles' users, so separation of duties does not enter here (integrity.test.ts tests it).
 */
let w: World;
const official = { A: '', B: '' };
beforeAll(async () => {
  w = await createWorld();
  official.A = await addUser(w, 'official.a1', 'declarant', w.units.A1);
  official.B = await addUser(w, 'official.b', 'declarant', w.units.B);
});
afterAll(() => w.close());

const aGift = async (side: 'A' | 'B') =>
  gifts.createGift(w.ctx, {
    recipientId: official[side],
    receivedOn: '2026-11-20',
    place: 'Trụ sở',
    circumstances: 'Gửi kèm hồ sơ',
    giverName: 'Người tặng',
    giverAgency: 'Công ty Thử',
    relationship: 'Đối tác',
    kind: 'goods',
    description: 'Giỏ quà',
  });
const aConflict = async (side: 'A' | 'B') => {
  const unitId = side === 'A' ? w.units.A1 : w.units.B;
  const [u] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  const grant = { role: 'declarant' as const, unitId, unitPath: u!.path, subtree: true };
  return conflicts.createConflict(
    { ...w.ctx, actor: { kind: 'user', userId: official[side], grants: [grant] } },
    {
      reporter: 'self',
      situation: 'relatives_interest_in_task',
      task: 'Thẩm định hồ sơ',
      description: 'Người thân có lợi ích',
      arisenOn: '2026-11-24',
      impact: 'Có thể',
    },
  );
};

const read = {
  action: 'integrity.handle' as const,
  orActions: ['integrity.oversee' as const],
  rootAdmin: false,
};
const handle = {
  action: 'integrity.handle' as const,
  reader: 'integrity.oversee' as const,
  visibleDenied: 403,
  rootAdmin: false,
};

describeMatrix(
  () => w,
  [
    {
      name: 'read a gift',
      ...read,
      request: async (s) => ({ method: 'GET', url: `/api/gifts/${(await aGift(s)).id}` }),
    },
    {
      name: 'record a gift’s hand-over',
      ...handle,
      request: async (s) => ({
        method: 'POST',
        url: `/api/gifts/${(await aGift(s)).id}/steps`,
        body: { step: 'hand_over', on: '2026-11-24', receivedBy: 'Văn phòng', version: 1 },
      }),
    },
    {
      name: 'correct a gift’s report',
      ...handle,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/gifts/${(await aGift(s)).id}`,
        body: {
          receivedOn: '2026-11-19',
          place: 'Trụ sở',
          circumstances: 'Gửi kèm hồ sơ',
          giverName: 'Người tặng',
          giverAgency: 'Công ty Thử',
          relationship: 'Đối tác',
          kind: 'goods',
          description: 'Giỏ quà Tết',
          version: 1,
        },
      }),
    },
    {
      name: 'read the year’s gift summary',
      ...read,
      request: (s) => ({
        method: 'GET',
        url: `/api/gifts/summary?year=2026&unitId=${s === 'A' ? w.units.A1 : w.units.B}`,
      }),
    },
    {
      name: 'register a gift from a paper report',
      action: 'integrity.handle',
      rootAdmin: false,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/gifts',
        body: {
          recipientId: official[s],
          receivedOn: '2026-11-20',
          place: 'Trụ sở',
          circumstances: 'Gửi kèm hồ sơ',
          giverName: 'Người tặng',
          giverAgency: 'Công ty Thử',
          relationship: 'Đối tác',
          kind: 'service',
          description: 'Chuyến tham quan',
        },
      }),
    },
    {
      name: 'read a conflict of interest',
      ...read,
      request: async (s) => ({ method: 'GET', url: `/api/conflicts/${(await aConflict(s)).id}` }),
    },
    {
      name: 'correct a conflict’s report',
      ...handle,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/conflicts/${(await aConflict(s)).id}`,
        body: {
          situation: 'relatives_interest_in_task',
          task: 'Thẩm định hồ sơ số 2',
          description: 'Người thân có lợi ích',
          arisenOn: '2026-11-23',
          impact: 'Có thể',
          version: 1,
        },
      }),
    },
    {
      name: 'decide a conflict’s measure',
      ...handle,
      // The head decides; other keepers of the register (focal officer, coordinator) may not (rev20 P6).
      refusedFor: (role) => (role !== 'unit_head' && roleAllows(role, 'integrity.handle') ? 403 : undefined),
      request: async (s) => ({
        method: 'POST',
        url: `/api/conflicts/${(await aConflict(s)).id}/steps`,
        body: {
          step: 'decide',
          on: '2026-11-25',
          measure: 'supervision',
          documentNo: '1/QĐ',
          supervisor: 'Phó phòng',
          version: 1,
        },
      }),
    },
  ],
);

/** The lists are filtered by scope, not refused: each role sees side A's records only if it keeps or reads them. */
describe('the gift and conflict lists, by role', () => {
  it.each(roles)('as %s', async (role) => {
    const made = { gift: { A: (await aGift('A')).id, B: (await aGift('B')).id } };
    const conflict = { A: (await aConflict('A')).id, B: (await aConflict('B')).id };
    const reads = roleAllows(role, 'integrity.handle') || roleAllows(role, 'integrity.oversee');
    const lists = roleAllows(role, 'integrity.declare') || reads;
    for (const [url, ids] of [
      ['/api/gifts?pageSize=200', made.gift],
      ['/api/conflicts?pageSize=200', conflict],
    ] as const) {
      const res = await call(w.app, 'GET', url, { who: w.users[role] });
      if (!lists) {
        expect(res.status).toBe(404);
        continue;
      }
      expect(res.status).toBe(200);
      const listed = res.json.items.map((x: { id: string }) => x.id);
      expect(listed.includes(ids.A)).toBe(reads);
      expect(listed).not.toContain(ids.B);
    }
  });
});
