import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken, sha256 } from '#server/modules/auth/tokens.ts';
import { sessions } from '#server/modules/users/tables.ts';
import type { Stage } from '#shared/auth/schemas.ts';
import { createWorld, sessionFor, type Who, type World } from './world.ts';

/**
 * The access boundary, tried from outside over real HTTP (inject would normalise the paths under test):
 * every route of the OpenAPI document, reached by its plain path and by encoded, case-variant and
 * dot-segment spellings, as an anonymous caller, a session that has passed only the password step,
 * a session that still has to enrol its second factor, and a signed-in user of the weakest role.
 * No spelling may succeed where the plain path refuses, and the plain path refuses all but its
 * declared callers.
 */
let w: World;
let base: { host: string; port: number };
let routes: Array<{ method: string; path: string; open: boolean }>;

beforeAll(async () => {
  w = await createWorld();
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = w.app.server.address() as AddressInfo;
  base = { host: '127.0.0.1', port: addr.port };
  const doc = w.app.swagger() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const id = '00000000-0000-4000-8000-000000000001';
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => m !== 'head')
      .map((method) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, id),
        // The routes that opt out of "fully signed in": sign-in steps, the API docs, health checks.
        open: /^\/api\/auth\/|^\/api\/docs|^\/api\/open-data\/|^\/health$|^\/ready$/.test(path),
      })),
  );
});
afterAll(() => w.close());

/** A raw request: the path goes on the wire exactly as written. */
function send(method: string, path: string, headers: Record<string, string>): Promise<number> {
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...base,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const spellings = (path: string) => [
  path.replace(/^\/api\//, '/%61pi/'),
  path.replace(/^\/api\//, '/a%70i/'),
  path.replace(/^\/api\//, '/%41PI/'),
  path.replace(/^\/api\//, '/API/'),
  `/${path}`,
  path.replace(/^\/api\//, '/api/./'),
  path.replace(/^\/api\//, '/api//'),
  path.replace(/^\/api\/([^/]+)/, '/api/$1/../$1'),
  `${path}/`,
  path.replace(/s\b/, '%73'),
];

async function halfSession(stage: Stage): Promise<Who> {
  // The administrator of the whole tree, stopped at a sign-in step: the strongest grants, not yet earned.
  const token = newToken();
  const csrf = newToken(24);
  const now = w.clock.now();
  await w.database.db.insert(sessions).values({
    id: sha256(token),
    userId: w.users.root_admin.userId,
    stage,
    csrfToken: csrf,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return { userId: w.users.root_admin.userId, cookie: `liem_session=${token}`, csrf };
}

type Caller = 'anonymous' | 'totp' | 'enrol_totp' | 'declarant';

async function headersOf(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  // A fresh session per route: some routes (sign-out) end the session that calls them.
  const who =
    caller === 'declarant'
      ? await sessionFor(w.database, w.users.declarant.userId, w.clock.now())
      : await halfSession(caller);
  return { cookie: who.cookie, 'x-csrf-token': who.csrf };
}

describe('the access boundary is the matched route, never the URL text', () => {
  it.each(['anonymous', 'totp', 'enrol_totp', 'declarant'] as const)(
    'as %s: no spelling of any route succeeds where its plain path refuses',
    async (caller) => {
      expect(routes.length).toBeGreaterThan(100);
      const failures: string[] = [];
      for (const r of routes) {
        const headers = await headersOf(caller);
        const plain = await send(r.method, r.path, headers);
        if (caller !== 'declarant' && !r.open && plain !== 401 && plain !== 403)
          failures.push(`${r.method} ${r.path}: plain ${plain}`);
        if (plain < 300) continue;
        const statuses = await Promise.all(spellings(r.path).map((p) => send(r.method, p, headers)));
        statuses.forEach((status, i) => {
          // A spelling may land on another route (a trailing slash on a list is an empty id), but it never
          // succeeds, and a caller short of a full sign-in is stopped before the body is even read.
          const refused = caller === 'declarant' || r.open ? status >= 400 : [401, 403, 404].includes(status);
          if (!refused) failures.push(`${r.method} ${spellings(r.path)[i]}: ${status} (plain ${plain})`);
        });
      }
      expect(failures).toEqual([]);
    },
  );

  it('every state-changing request from another site is refused, on every spelling and every route', async () => {
    const admin = await sessionFor(w.database, w.users.root_admin.userId, w.clock.now());
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      for (const path of [r.path, ...spellings(r.path)]) {
        for (const forged of [
          { origin: 'https://evil.example' },
          { 'sec-fetch-site': 'cross-site' },
        ] as Array<Record<string, string>>) {
          const status = await send(r.method, path, { cookie: admin.cookie, ...forged });
          if (status !== 403) failures.push(`${r.method} ${path} ${Object.keys(forged)[0]}: ${status}`);
        }
      }
      // Signed in, same site, but without the session's CSRF token.
      if (!r.open) {
        const status = await send(r.method, r.path.replace(/^\/api\//, '/%61pi/'), { cookie: admin.cookie });
        if (status !== 403) failures.push(`${r.method} ${r.path} without token: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a password alone opens nothing: the half-signed-in administrator cannot list or create users', async () => {
    const half = await headersOf('totp');
    for (const path of ['/api/users', '/%61pi/users', '/a%70i/users'])
      expect(await send('GET', path, half)).toBe(403);
    expect(await send('POST', '/%61pi/users', half)).toBe(403);
  });
});
