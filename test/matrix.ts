import { describe, expect, it } from 'vitest';
import { type Action, type Role, roleAllows, roles } from '#shared/permissions.ts';
import { call, upload, type Who, type World } from './world.ts';

/** One request of a case, on the record of one side: A is inside every role's scope, B outside it. */
export interface MatrixRequest {
  method: string;
  url: string;
  body?: unknown;
  /** Sent as an upload (a small text file, or `file`), as the reports' staff uploads are. */
  multipart?: boolean;
  file?: { name: string; content: Buffer };
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
  /** A role the action allows that this step still refuses (a head's decision), with the status it gets. */
  refusedFor?: (role: Role) => number | undefined;
  /** The action that lets a role see the record without doing this: it then gets `visibleDenied`. */
  reader?: Action;
  visibleDenied?: number;
  /** Body references (not URL ids) answer 400 on the field when out of scope. */
  outOfScopeStatus?: number;
  /** What a role that may not act gets inside scope, where it differs from out of scope (default: the same). */
  deniedStatus?: number;
  /** Whether the administrator of the whole tree does it on both sides (most routes). */
  rootAdmin?: boolean;
  request(side: 'A' | 'B'): MatrixRequest | Promise<MatrixRequest>;
  /**
   * A list filtered by scope rather than refused: the record it makes on a side is listed on that side
   * only (checked for the roles that may use it; the others get the refusal).
   */
  listed?: (side: 'A' | 'B') => Promise<string>;
}

export interface MatrixOptions {
  /** The session a role acts with (keyed sessions where report keys matter). */
  who?: (role: Role | 'root_admin') => Who;
  /** Run the administrator of the whole tree among the roles, expected as `admin` (who never reads reports). */
  rootAdminAsRole?: boolean;
}

async function send(w: World, who: Who | undefined, r: MatrixRequest) {
  if (!r.multipart) return call(w.app, r.method, r.url, { who, body: r.body });
  const res = await upload(
    w.app,
    r.url,
    who ?? { userId: '', cookie: '', csrf: '' },
    {},
    r.file ?? {
      name: 'them.txt',
      content: Buffer.from('bổ sung'),
    },
  );
  return { status: res.statusCode, json: res.json() };
}

/** What a role gets inside its scope: 'ok' (2xx), 403 where it sees but may not act, else 404. */
export function expectedInside(role: Role, c: MatrixCase): 'ok' | number {
  const refused = c.refusedFor?.(role);
  if (refused) return refused;
  if ([c.action, ...(c.orActions ?? [])].some((a) => roleAllows(role, a)) || c.alsoAllowed?.(role))
    return 'ok';
  if (c.reader && roleAllows(role, c.reader)) return c.visibleDenied ?? 403;
  return c.deniedStatus ?? c.outOfScopeStatus ?? 404;
}

/** Every case × every role, inside and outside scope, as the root administrator, and without a session. */
export function describeMatrix(world: () => World, cases: MatrixCase[], opts: MatrixOptions = {}) {
  const everyone: Array<Role | 'root_admin'> = [
    ...roles,
    ...(opts.rootAdminAsRole ? (['root_admin'] as const) : []),
  ];
  describe.each(cases)('$name', (c) => {
    it.each(everyone)('as %s', async (role) => {
      const w = world();
      const who = opts.who?.(role) ?? w.users[role];
      const resIn = await send(w, who, await c.request('A'));
      const expected = expectedInside(role === 'root_admin' ? 'admin' : role, c);
      if (expected === 'ok') expect(resIn.status, JSON.stringify(resIn.json)).toBeLessThan(300);
      else expect(resIn.status, JSON.stringify(resIn.json)).toBe(expected);
      if (c.listed) {
        if (expected !== 'ok') return;
        const [mine, theirs] = [await c.listed('A'), await c.listed('B')];
        const ids = (await send(w, who, await c.request('A'))).json.items.map(
          (x: { reportId: string }) => x.reportId,
        );
        expect(ids).toContain(mine);
        expect(ids).not.toContain(theirs);
        return;
      }
      const resOut = await send(w, who, await c.request('B'));
      const outside = expected === 'ok' ? c.outOfScopeStatus : (c.deniedStatus ?? c.outOfScopeStatus);
      expect(resOut.status, JSON.stringify(resOut.json)).toBe(outside ?? 404);
    });

    if (c.rootAdmin !== false && !opts.rootAdminAsRole)
      it('as the administrator of the whole tree, on both sides', async () => {
        const w = world();
        for (const side of ['A', 'B'] as const) {
          const r = await c.request(side);
          const res = await send(w, w.users.root_admin, r);
          expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
        }
      });

    it('without a session', async () => {
      const w = world();
      expect((await send(w, undefined, await c.request('A'))).status).toBe(401);
    });
  });
}
