import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './plugin.ts';
import { registerStaffApp } from './staff-app.ts';

// A build's files as vite.config.ts writes them, each saying which it is.
let app: FastifyInstance;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'liem-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), 'the app');
  writeFileSync(join(dist, 'sign-in.vi.html'), 'drawn: Đăng nhập');
  writeFileSync(join(dist, 'sign-in.en.html'), 'drawn: Sign in');
  writeFileSync(join(dist, 'boot.js'), '// boot');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), '// code');
  app = Fastify();
  await app.register(fastifyCookie);
  await registerStaffApp(app, dist);
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, cookie?: string) => app.inject({ url, headers: cookie ? { cookie } : {} });

describe('the staff app as served', () => {
  it('sends the sign-in page drawn in the language of the cookie, to someone with no session', async () => {
    const vi = await get('/app/sign-in?next=%2Fplans');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toBe('drawn: Đăng nhập');
    expect(vi.headers.vary).toContain('cookie');
    expect((await get('/app/sign-in', 'liem_lang=en')).body).toBe('drawn: Sign in');
    // Anything else in the cookie is Vietnamese, never a file named by it.
    expect((await get('/app/sign-in', 'liem_lang=../index')).body).toBe('drawn: Đăng nhập');
  });

  it('lets the app decide the sign-in step when there is a session (a second factor may be next)', async () => {
    expect((await get('/app/sign-in', `${SESSION_COOKIE}=x; liem_lang=en`)).body).toBe('the app');
  });

  it('sends someone with no session from any page straight to sign-in, and back there afterwards', async () => {
    const res = await get('/app/plans?year=2026');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/app/sign-in?next=%2Fplans%3Fyear%3D2026');
    expect((await get('/app/')).headers.location).toBe('/app/sign-in?next=%2F');
    // With a session the app is sent (it checks the session itself); a reset link opens without one.
    expect((await get('/app/plans', `${SESSION_COOKIE}=x`)).body).toBe('the app');
    expect((await get('/app/reset-password?token=t')).body).toBe('the app');
  });

  it('serves the build’s files: hashed ones for a year, a missing one as 404, never the page', async () => {
    const asset = await get('/app/assets/index-abc.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/app/boot.js')).headers['cache-control']).toBe('no-cache');
    const missing = await get('/app/assets/index-old.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('the app');
  });
});
