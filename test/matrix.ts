import { describe, expect, it } from 'vitest';
import { type Action, type Role, roleAllows, roles } from '#shared/permissions.ts';
import { call, type World } from './world.ts';

/** One request of a case, on the record of one side: A is inside every role's scope, B outside it. */
export interface MatrixRequest {
  method: string;
  url: string;
  body?: unknown;
}

/**
 * One route of the role × action matrix. Whether a role may use it comes from the actions the route
 * declares (`config.action` / the service's check): the table in `shared/permissions.ts` decides the
 * expectation, never a list kept here.
 */
export interface MatrixCase {
  name: string;
  /** The route's action; further actions that also allow it (writing a plan: plans.manage or plans.edit). */
  action: Action;
  orActions?: Action[];
  /** A rule beyond the role table (a campaign's named reviewer), or'ed with the actions. */
  alsoAllowed?: (role: Role) => boolean;
  /** The action that lets a role see the record without doing this: it then gets `visibleDenied`. */
  reader?: Action;
  visibleDenied?: number;
  /** Body references (not URL ids) answer 400 on the field when out of scope. */
  outOfScopeStatus?: number;
  /** Whether the administrator of the whole tree does it on both sides (most routes). */
  rootAdmin?: boolean;
  request(side: 'A' | 'B'): MatrixRequest | Promise<MatrixRequest>;
}

/** What a role gets inside its scope: 'ok' (2xx), 403 where it sees but may not act, else 404. */
export function expectedInside(role: Role, c: MatrixCase): 'ok' | number {
  if ([c.action, ...(c.orActions ?? [])].some((a) => roleAllows(role, a)) || c.alsoAllowed?.(role))
    return 'ok';
  if (c.reader && roleAllows(role, c.reader)) return c.visibleDenied ?? 403;
  return c.outOfScopeStatus ?? 404;
}

/** Every case × every role, inside and outside scope, as the root administrator, and without a session. */
export function describeMatrix(world: () => World, cases: MatrixCase[]) {
  describe.each(cases)('$name', (c) => {
    it.each([...roles])('as %s', async (role: Role) => {
      const w = world();
      const who = w.users[role];
      const inside = await c.request('A');
      const resIn = await call(w.app, inside.method, inside.url, { who, body: inside.body });
      const expected = expectedInside(role, c);
      if (expected === 'ok') expect(resIn.status, JSON.stringify(resIn.json)).toBeLessThan(300);
      else expect(resIn.status, JSON.stringify(resIn.json)).toBe(expected);
      const outside = await c.request('B');
      const resOut = await call(w.app, outside.method, outside.url, { who, body: outside.body });
      expect(resOut.status, JSON.stringify(resOut.json)).toBe(c.outOfScopeStatus ?? 404);
    });

    if (c.rootAdmin !== false)
      it('as the administrator of the whole tree, on both sides', async () => {
        const w = world();
        for (const side of ['A', 'B'] as const) {
          const r = await c.request(side);
          const res = await call(w.app, r.method, r.url, { who: w.users.root_admin, body: r.body });
          expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
        }
      });

    it('without a session', async () => {
      const w = world();
      const r = await c.request('A');
      expect((await call(w.app, r.method, r.url, { body: r.body })).status).toBe(401);
    });
  });
}
