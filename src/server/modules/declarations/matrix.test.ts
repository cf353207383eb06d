import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, roles } from '#shared/permissions.ts';
import { declareAs, personIn } from '#test/declarations.ts';
import { describeMatrix } from '#test/matrix.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { openRound, refreshRoster } from './roster.ts';

/**
 * Every declarations route × every role, inside scope (unit A, where each role is granted) and outside
 * (unit B): what a role may do comes from the role table, never from a list kept here.
 */
let w: World;
let roundId: string;
/** Rounds of each side alone (2027): a body naming a person is then judged by a round out of scope too. */
const sideRound: Record<'A' | 'B', string> = {} as never;
const unitOf = (side: 'A' | 'B') => (side === 'A' ? w.units.A1 : w.units.B);

beforeAll(async () => {
  w = await createWorld();
  roundId = (
    await openRound(w.ctx, {
      unitId: w.units.R,
      year: 2026,
      rosterDueOn: '2026-12-09',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    })
  ).id;
  for (const side of ['A', 'B'] as const)
    sideRound[side] = (
      await openRound(w.ctx, {
        unitId: side === 'A' ? w.units.A : w.units.B,
        year: 2027,
        rosterDueOn: '2027-12-09',
        declareDueOn: '2027-12-31',
        handoverDueOn: '2028-01-16',
      })
    ).id;
});
afterAll(() => w.close());

/** A declaration of someone in the side's unit, submitted (and, on request, accepted and handed over). */
async function declaration(side: 'A' | 'B', upTo: 'submitted' | 'accepted' | 'handed_over' = 'submitted') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  const { id } = await declareAs(w, p.who, 'first_time', 2026);
  if (upTo === 'submitted') return id;
  // The officer of the tree's root does the officer's steps (system actor in the service would also do).
  const officer = await personIn(w, w.units.R, null, 'declaration_officer');
  await call(w.app, 'POST', `/api/declarations/${id}/accept`, { who: officer.who });
  if (upTo === 'handed_over')
    await call(w.app, 'POST', '/api/declarations/hand-over', { who: officer.who, body: { ids: [id] } });
  return id;
}

/** A roster line of a new person in the side's unit. */
async function rosterEntry(side: 'A' | 'B') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  await refreshRoster(w.ctx, roundId, unitOf(side));
  const roster = await call(w.app, 'GET', `/api/declaration-rounds/${roundId}/roster?unitId=${w.units.R}`, {
    who: (await personIn(w, w.units.R, null, 'asset_controller')).who,
  });
  return roster.json.entries.find((e: { userId: string }) => e.userId === p.userId).id as string;
}

let year = 2030;
describeMatrix(
  () => w,
  [
    {
      name: 'read a submitted declaration',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({ method: 'GET', url: `/api/declarations/${await declaration(side)}` }),
    },
    {
      name: 'read a handed-over declaration',
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declarations/${await declaration(side, 'handed_over')}`,
      }),
    },
    {
      name: 'accept a declaration',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declarations/${await declaration(side)}/accept`,
      }),
    },
    {
      name: 'return a declaration for correction',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declarations/${await declaration(side)}/return`,
        body: { reason: 'Thiếu thông tin mục II.5' },
      }),
    },
    {
      name: 'hand declarations over',
      action: 'declarations.receive',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declarations/hand-over',
        body: { ids: [await declaration(side, 'accepted')] },
      }),
    },
    {
      name: 'acknowledge a hand-over',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declarations/acknowledge',
        body: { ids: [await declaration(side, 'handed_over')] },
      }),
    },
    {
      name: 'open a yearly round',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: (side) => {
        year += 1;
        return {
          method: 'POST',
          url: '/api/declaration-rounds',
          body: {
            unitId: side === 'A' ? w.units.A : w.units.B,
            year,
            rosterDueOn: `${year}-12-09`,
            declareDueOn: `${year}-12-31`,
            handoverDueOn: `${year + 1}-01-16`,
          },
        };
      },
    },
    {
      name: "read a unit's roster",
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: (side) => ({
        method: 'GET',
        url: `/api/declaration-rounds/${roundId}/roster?unitId=${unitOf(side)}`,
      }),
    },
    {
      name: 'add a person to the roster',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${sideRound[side]}/roster`,
        body: { userId: (await personIn(w, unitOf(side), null)).userId, note: 'Quản lý tài sản công' },
      }),
    },
    {
      name: 'refresh the roster from positions',
      action: 'declarations.receive',
      rootAdmin: false,
      request: (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${roundId}/roster/refresh`,
        body: { unitId: unitOf(side) },
      }),
    },
    {
      name: 'send the roster to the control agency',
      action: 'declarations.receive',
      rootAdmin: false,
      request: (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${roundId}/roster/send`,
        body: { unitId: unitOf(side) },
      }),
    },
    {
      name: 'change a roster line',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'PATCH',
        url: `/api/declaration-roster/${await rosterEntry(side)}`,
        body: { note: 'Đã nhắc trực tiếp' },
      }),
    },
  ],
);

describe('lists that filter by scope', () => {
  it.each([...roles])('the register shows only what the role may read in scope, as %s', async (role) => {
    const a = await declaration('A');
    const b = await declaration('B');
    const res = await call(w.app, 'GET', '/api/declarations', { who: w.users[role] });
    if (!roleAllows(role, 'declarations.receive') && !roleAllows(role, 'declarations.control'))
      return expect(res.status).toBe(404);
    const ids = res.json.map((d: { id: string }) => d.id);
    expect(ids).not.toContain(b);
    if (roleAllows(role, 'declarations.receive')) expect(ids).toContain(a);
    else expect(ids).not.toContain(a); // the control agency sees handed-over ones only
  });

  it.each([...roles])(
    'own declarations: every role that declares, never an enterprise representative (%s)',
    async (role) => {
      const res = await call(w.app, 'GET', '/api/declarations/mine', { who: w.users[role] });
      expect(res.status).toBe(roleAllows(role, 'declarations.declare') ? 200 : 404);
      const start = await call(w.app, 'POST', '/api/declarations', {
        who: w.users[role],
        body: { kind: 'first_time', year: 2026 },
      });
      if (roleAllows(role, 'declarations.declare')) expect(start.status).toBe(201);
      else expect(start.status).toBe(404);
    },
  );
});
