import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '#server/mail.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import type { Role } from '#shared/permissions.ts';
import { startSmtp } from '#test/smtp.ts';
import { call, cookieFrom, createWorld, PASSWORD, sessionFor, type World } from '#test/world.ts';
import { hashPassword } from './passwords.ts';
import { clientOf } from './routes.ts';
import { ACCOUNT_LOCK_AFTER, purgeExpired, sealLegacyTotpSecrets, sealTotpSecret } from './service.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

async function newUser(
  username: string,
  opts: { role?: Role; totpSecret?: string; mustChange?: boolean } = {},
) {
  const [u] = await w.database.db
    .insert(users)
    .values({
      username,
      fullName: username,
      email: `${username}@test.invalid`,
      unitId: w.units.A,
      passwordHash: await hashPassword(PASSWORD),
      mustChangePassword: opts.mustChange ?? false,
    })
    .returning();
  if (opts.totpSecret)
    await w.database.db
      .update(users)
      .set({ totpSecret: sealTotpSecret(u!.id, opts.totpSecret), totpEnabledAt: w.clock.now() })
      .where(eq(users.id, u!.id));
  if (opts.role)
    await w.database.db.insert(grants).values({ userId: u!.id, role: opts.role, unitId: w.units.A });
  return u!;
}

const totp = (secret: string, at: Date) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });

describe('sign-in', () => {
  it('signs in with a password, sets a strict HttpOnly Secure cookie and answers the session', async () => {
    await newUser('plain', { role: 'focal_officer' });
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'Plain', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.json.stage).toBe('active');
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Strict/);
    const session = await call(w.app, 'GET', '/api/auth/session', { headers: { cookie: cookieFrom(res) } });
    expect(session.json.grants[0].role).toBe('focal_officer');
  });

  it('rejects a wrong password in Vietnamese or English, then locks the account with backoff', async () => {
    await newUser('lockme');
    const wrong = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'lockme', password: 'nope' },
      lang: 'en',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toBe('Wrong user name or password.');
    for (let i = 0; i < 4; i++)
      await call(w.app, 'POST', '/api/auth/login', { body: { username: 'lockme', password: 'nope' } });
    const locked = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'lockme', password: PASSWORD },
    });
    expect(locked.status).toBe(423);
    expect(locked.json.message).toContain('tạm khóa');
    w.clock.advance(61_000);
    expect(
      (await call(w.app, 'POST', '/api/auth/login', { body: { username: 'lockme', password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('locks out the client that failed, not the owner signing in from elsewhere; many clients together lock the account', async () => {
    await newUser('target');
    const from = (remoteAddress: string, password: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        payload: { username: 'target', password },
      });
    // Someone who knows only the name tries five passwords: they are locked out, the owner is not.
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7', 'doan-mo')).statusCode).toBe(401);
    expect((await from('203.0.113.7', PASSWORD)).statusCode).toBe(423);
    expect((await from('198.51.100.20', PASSWORD)).statusCode).toBe(200);
    // Guessing spread over many addresses still stops: the account locks for everyone at 50 failures.
    for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) await from(`192.0.2.${i + 1}`, 'doan-mo');
    expect((await from('198.51.100.20', PASSWORD)).statusCode).toBe(423);
    // Nothing readable of the addresses is kept.
    expect(JSON.stringify(await w.database.query('select * from login_throttle'))).not.toContain('203.0.113');
    w.clock.advance(61 * 60_000);
    expect((await from('198.51.100.20', PASSWORD)).statusCode).toBe(200);
  });

  it('never locks the owner out of a browser they signed in with; the count of an account fades after a day', async () => {
    const owner = await newUser('remembered');
    await newUser('neighbour');
    const login = (remoteAddress: string, username: string, password: string, cookie?: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          ...(cookie ? { cookie } : {}),
        },
        payload: { username, password },
      });
    const deviceOf = (res: { headers: Record<string, unknown> }) =>
      ([res.headers['set-cookie']].flat() as string[])
        .find((c) => c.startsWith('liem_device_'))
        ?.split(';')[0];
    const first = await login('198.51.100.30', 'remembered', PASSWORD);
    const device = deviceOf(first);
    expect(device).toBeDefined();
    expect([first.headers['set-cookie']].flat().join('\n')).toMatch(
      /liem_device_[^\n]*HttpOnly[^\n]*SameSite=Strict/,
    );
    // The cookie names neither the account nor its id.
    expect(device).not.toContain('remembered');
    expect(device).not.toContain(owner.id);
    const neighbourDevice = deviceOf(await login('198.51.100.31', 'neighbour', PASSWORD));
    // Someone who knows only the name locks it for every unknown client, from the owner's own office too.
    for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) await login(`192.0.2.${i + 1}`, 'remembered', 'doan-mo');
    expect((await login('198.51.100.30', 'remembered', PASSWORD)).statusCode).toBe(423);
    // From the browser the owner signed in with, wrong passwords elsewhere change nothing…
    expect((await login('198.51.100.30', 'remembered', PASSWORD, device)).statusCode).toBe(200);
    // …but a cookie of another account, or one forged, is an unknown client.
    const forged = `${device!.split('=')[0]}=${'A'.repeat(22)}.${'0'.repeat(64)}`;
    expect((await login('198.51.100.30', 'remembered', PASSWORD, forged)).statusCode).toBe(423);
    const foreign = `${device!.split('=')[0]}=${neighbourDevice!.split('=')[1]}`;
    expect((await login('198.51.100.30', 'remembered', PASSWORD, foreign)).statusCode).toBe(423);
    // The remembered browser is a client of its own: five wrong passwords there lock only it.
    for (let i = 0; i < 5; i++) await login('198.51.100.30', 'remembered', 'doan-mo', device);
    expect((await login('198.51.100.30', 'remembered', PASSWORD, device)).statusCode).toBe(423);
    // The owner's sign-in there did not forgive the unknown clients' count. Probes again, then none
    // for a day: the count starts again, and one more wrong password no longer locks anyone out.
    w.clock.advance(61 * 60_000);
    for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) await login(`192.0.2.${i + 1}`, 'remembered', 'doan-mo');
    w.clock.advance(25 * 3_600_000);
    expect((await login('192.0.2.200', 'remembered', 'doan-mo')).statusCode).toBe(401);
    expect((await login('203.0.113.99', 'remembered', PASSWORD)).statusCode).toBe(200);
  });

  it('locks the second step for a remembered browser too, and a right code there forgives no unknown client (sec24 H2, H4)', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await newUser('twofactor', { role: 'coordinator', totpSecret: secret });
    const login = (remoteAddress: string, password: string, cookie?: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          ...(cookie ? { cookie } : {}),
        },
        payload: { username: 'twofactor', password },
      });
    const code = (session: string, csrf: string, value: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/totp',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          cookie: session,
          'x-csrf-token': csrf,
        },
        payload: { code: value },
      });
    const cookieOf = (res: { headers: Record<string, unknown> }, prefix: string) =>
      ([res.headers['set-cookie']].flat() as string[]).find((c) => c.startsWith(prefix))?.split(';')[0];
    // The owner signs in once, second factor and all: the browser is remembered.
    w.clock.advance(60_000);
    const first = await login('198.51.100.40', PASSWORD);
    const done = await code(
      cookieOf(first, 'liem_session')!,
      first.json().csrfToken,
      totp(secret, w.clock.now()),
    );
    expect(done.statusCode).toBe(200);
    const device = cookieOf(done, 'liem_device_');
    expect(device).toBeDefined();
    // Unknown clients lock the account's password step; the owner's right code does not lift it for them.
    for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) await login(`192.0.2.${i + 1}`, 'doan-mo');
    // (The next half-minute's code: the last one was used.)
    w.clock.advance(31_000);
    const again = await login('198.51.100.40', PASSWORD, device);
    expect(again.statusCode).toBe(200);
    expect(
      (await code(cookieOf(again, 'liem_session')!, again.json().csrfToken, totp(secret, w.clock.now())))
        .statusCode,
    ).toBe(200);
    expect((await login('203.0.113.50', PASSWORD)).statusCode).toBe(423);
    // Someone with the password guesses codes: five wrong lock the second step for every client, the
    // remembered browser included, whoever types the password there.
    for (let i = 0; i < 5; i++) {
      const s = await login('198.51.100.40', PASSWORD, device);
      expect(s.statusCode).toBe(200);
      expect((await code(cookieOf(s, 'liem_session')!, s.json().csrfToken, '000000')).statusCode).toBe(401);
    }
    expect((await login('198.51.100.40', PASSWORD, device)).statusCode).toBe(423);
    // A wrong password there is still only wrong: the lock tells nothing to who lacks the password.
    expect((await login('198.51.100.40', 'doan-mo', device)).statusCode).toBe(401);
    w.clock.advance(2 * 60_000);
    const back = await login('198.51.100.40', PASSWORD, device);
    expect(
      (await code(cookieOf(back, 'liem_session')!, back.json().csrfToken, totp(secret, w.clock.now())))
        .statusCode,
    ).toBe(200);
    w.clock.advance(61 * 60_000);
  });

  it('fades an unknown name’s count as an account’s: after an hour either still locks at once (sec24 H6)', async () => {
    await newUser('faded');
    const login = (remoteAddress: string, username: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        payload: { username, password: 'doan-mo' },
      });
    const run = async (username: string) => {
      const out: number[] = [];
      for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++)
        out.push((await login(`192.0.2.${i + 1}`, username)).statusCode);
      w.clock.advance(2 * 3_600_000);
      // The quarter-hourly housekeeping has run meanwhile.
      await purgeExpired(w.database.db, w.clock.now(), 30);
      out.push((await login('192.0.2.201', username)).statusCode);
      out.push((await login('192.0.2.202', username)).statusCode);
      return out;
    };
    const account = await run('faded');
    const unknown = await run('khong-co-tai-khoan');
    expect(unknown).toEqual(account);
    // Two hours on, the next failure still counts with the fifty: the account locks again.
    expect(account.slice(-1)).toEqual([423]);
    w.clock.advance(61 * 60_000);
  });

  it('counts wrong second-factor codes across sign-ins: a right password does not wipe them, five lock the account', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await newUser('guessing', { role: 'coordinator', totpSecret: secret });
    const tryCodes = async (n: number) => {
      const res = await call(w.app, 'POST', '/api/auth/login', {
        body: { username: 'guessing', password: PASSWORD },
      });
      if (res.status !== 200) return [res.status];
      const who = { userId: '', cookie: cookieFrom(res), csrf: res.json.csrfToken };
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await call(w.app, 'POST', '/api/auth/totp', { who, body: { code: '000000' } })).status);
      return out;
    };
    expect(await tryCodes(4)).toEqual([401, 401, 401, 401]);
    // The password again: the fifth wrong code still locks the account.
    expect(await tryCodes(1)).toEqual([401]);
    expect(await tryCodes(1)).toEqual([423]);
    w.clock.advance(61 * 60_000);
  });

  it('takes an IPv6 client by its /64 (one subscriber holds it whole), written out or shortened', () => {
    expect(clientOf('2001:db8:85a3:0000:0000:8a2e:0370:7334')).toBe('2001:db8:85a3:0::/64');
    expect(clientOf('2001:db8:85a3::1')).toBe('2001:db8:85a3:0::/64');
    expect(clientOf('2001:db8:85a3:0:ffff::9')).toBe(clientOf('2001:db8:85a3::7'));
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
  });

  it('answers a name without an account exactly as an account: the same failures, then the same lock', async () => {
    await newUser('realname');
    const answers = async (username: string) => {
      const out: Array<[number, string]> = [];
      for (let i = 0; i < 7; i++) {
        const res = await call(w.app, 'POST', '/api/auth/login', { body: { username, password: 'nope' } });
        out.push([res.status, res.json.message]);
      }
      return out;
    };
    const known = await answers('realname');
    const unknown = await answers('nobody.here');
    expect(unknown).toEqual(known);
    expect(known.map(([s]) => s)).toEqual([401, 401, 401, 401, 401, 423, 423]);
    // Nothing readable of the name is kept.
    const kept = JSON.stringify(await w.database.query('select * from login_throttle'));
    expect(kept).not.toContain('nobody');
    w.clock.advance(61_000);
  });

  it('keeps TOTP seeds sealed under the server key: a seed written into the database in clear opens nothing', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const u = await newUser('sealed2fa', { role: 'coordinator', totpSecret: secret });
    const [row] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.totpSecret).toMatch(/^v1:/);
    expect(row!.totpSecret).not.toContain(secret);
    // Someone with the database but not the key plants a seed of their own: it is not accepted.
    const planted = new OTPAuth.Secret({ size: 20 }).base32;
    await w.database.db.update(users).set({ totpSecret: planted }).where(eq(users.id, u.id));
    const login = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'sealed2fa', password: PASSWORD },
    });
    const who = { userId: u.id, cookie: cookieFrom(login), csrf: login.json.csrfToken };
    const code = totp(planted, w.clock.now());
    expect((await call(w.app, 'POST', '/api/auth/totp', { who, body: { code } })).status).toBe(400);
    // A seed from before sealing is sealed at start, and then works.
    await sealLegacyTotpSecrets(w.database.db);
    const [after] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(after!.totpSecret).toMatch(/^v1:/);
    w.clock.advance(30_000);
    const again = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'sealed2fa', password: PASSWORD },
    });
    const who2 = { userId: u.id, cookie: cookieFrom(again), csrf: again.json.csrfToken };
    expect(
      (
        await call(w.app, 'POST', '/api/auth/totp', {
          who: who2,
          body: { code: totp(planted, w.clock.now()) },
        })
      ).status,
    ).toBe(200);
  });

  it('asks for TOTP when enabled, accepts a right code, refuses a wrong one', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await newUser('twofa', { role: 'coordinator', totpSecret: secret });
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'twofa', password: PASSWORD },
    });
    expect(res.json.stage).toBe('totp');
    // A password alone tells nothing about the account: not the name, unit or roles.
    expect(res.json.grants).toEqual([]);
    expect(res.json.user).toEqual({
      id: '',
      username: 'twofa',
      fullName: 'twofa',
      unitId: '',
      language: 'vi',
      totpEnabled: false,
      mustChangePassword: false,
    });
    const cookie = cookieFrom(res);
    const who = { userId: '', cookie, csrf: res.json.csrfToken };
    const half = await call(w.app, 'GET', '/api/auth/session', { who });
    expect(half.json.grants).toEqual([]);
    // Nothing else is open before the second factor.
    expect((await call(w.app, 'GET', '/api/units', { who })).status).toBe(403);
    expect((await call(w.app, 'POST', '/api/auth/totp', { who, body: { code: '000000' } })).status).toBe(401);
    const ok = await call(w.app, 'POST', '/api/auth/totp', {
      who,
      body: { code: totp(secret, w.clock.now()) },
    });
    expect(ok.json.stage).toBe('active');
    expect((await call(w.app, 'GET', '/api/units', { who })).status).toBe(200);
    // The same code cannot be used again, even within its 30-second window.
    const again = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'twofa', password: PASSWORD },
    });
    const who2 = { userId: '', cookie: cookieFrom(again), csrf: again.json.csrfToken };
    const replay = await call(w.app, 'POST', '/api/auth/totp', {
      who: who2,
      body: { code: totp(secret, w.clock.now()) },
    });
    expect(replay.status).toBe(401);
    // Told to wait for the next code, not that theirs is wrong.
    expect(replay.json.code).toBe('totp_used');
    w.clock.advance(30_000);
    const next = await call(w.app, 'POST', '/api/auth/totp', {
      who: who2,
      body: { code: totp(secret, w.clock.now()) },
    });
    expect(next.json.stage).toBe('active');
  });

  it('counts wrong current passwords from a signed-in session: five, then locked (re-test sec25 N5)', async () => {
    await newUser('changer', { role: 'focal_officer' });
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'changer', password: PASSWORD },
    });
    const who = { userId: '', cookie: cookieFrom(res), csrf: res.json.csrfToken };
    const change = (currentPassword: string) =>
      call(w.app, 'POST', '/api/auth/password', {
        who,
        body: { currentPassword, newPassword: 'mot cum tu rat dai 2026' },
      });
    for (let i = 0; i < 5; i++) expect((await change(`doan-${i}`)).status).toBe(400);
    // Even the right one waits now.
    expect((await change(PASSWORD)).status).toBe(423);
    w.clock.advance(61_000);
    expect((await change(PASSWORD)).status).toBe(200);
  });

  it('makes a coordinator without 2FA change the one-time password, then enrol, then gives recovery codes', async () => {
    await newUser('newcoord', { role: 'coordinator', mustChange: true });
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'newcoord', password: PASSWORD },
    });
    expect(res.json.stage).toBe('change_password');
    // A one-time password tells no more about the account than the second-factor step does.
    expect(res.json.grants).toEqual([]);
    expect(res.json.user).toMatchObject({
      id: '',
      fullName: 'newcoord',
      unitId: '',
      mustChangePassword: true,
    });
    const who = { userId: '', cookie: cookieFrom(res), csrf: res.json.csrfToken };
    const short = await call(w.app, 'POST', '/api/auth/password', {
      who,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.json.fields.newPassword).toContain('12');
    const changed = await call(w.app, 'POST', '/api/auth/password', {
      who,
      body: { currentPassword: PASSWORD, newPassword: 'a much longer passphrase' },
    });
    expect(changed.json.stage).toBe('enrol_totp');
    const enrol = await call(w.app, 'POST', '/api/auth/totp/enrol', { who });
    expect(enrol.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const confirm = await call(w.app, 'POST', '/api/auth/totp/confirm', {
      who,
      body: { code: totp(enrol.json.secret, w.clock.now()) },
    });
    expect(confirm.json.stage).toBe('active');
    expect(confirm.json.recoveryCodes).toHaveLength(10);
    // A recovery code works once in place of the TOTP code.
    const again = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'newcoord', password: 'a much longer passphrase' },
    });
    const who2 = { userId: '', cookie: cookieFrom(again), csrf: again.json.csrfToken };
    const code = confirm.json.recoveryCodes[0];
    expect((await call(w.app, 'POST', '/api/auth/recovery', { who: who2, body: { code } })).json.stage).toBe(
      'active',
    );
    const third = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'newcoord', password: 'a much longer passphrase' },
    });
    const who3 = { userId: '', cookie: cookieFrom(third), csrf: third.json.csrfToken };
    expect((await call(w.app, 'POST', '/api/auth/recovery', { who: who3, body: { code } })).status).toBe(401);
  });

  it('asks a signed-in person for their password before turning on a second factor (sec31 F3)', async () => {
    const u = await newUser('enrolsafely', { role: 'focal_officer' });
    const who = await sessionFor(w.database, u.id, w.clock.now());
    const bare = await call(w.app, 'POST', '/api/auth/totp/enrol', { who });
    expect(bare.status, JSON.stringify(bare.json)).toBe(400);
    expect(Object.keys(bare.json.fields)).toEqual(['currentPassword']);
    const wrong = await call(w.app, 'POST', '/api/auth/totp/enrol', {
      who,
      body: { currentPassword: 'not the password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.fields.currentPassword).toBeTruthy();
    const [before] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(before!.totpSecret).toBeNull();
    const right = await call(w.app, 'POST', '/api/auth/totp/enrol', {
      who,
      body: { currentPassword: PASSWORD },
    });
    expect(right.status, JSON.stringify(right.json)).toBe(200);
    expect(right.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  });

  it('expires idle sessions and says so', async () => {
    await newUser('idle');
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'idle', password: PASSWORD },
    });
    const who = { userId: '', cookie: cookieFrom(res), csrf: res.json.csrfToken };
    w.clock.advance(31 * 60_000);
    const expired = await call(w.app, 'GET', '/api/units', { who });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('session_expired');
  });

  it('logs out', async () => {
    await newUser('bye');
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'bye', password: PASSWORD },
    });
    const who = { userId: '', cookie: cookieFrom(res), csrf: res.json.csrfToken };
    expect((await call(w.app, 'POST', '/api/auth/logout', { who })).status).toBe(204);
    expect((await call(w.app, 'GET', '/api/auth/session', { who })).status).toBe(401);
  });
});

describe('password reset by e-mail', () => {
  it('queues a mail in the same transaction, delivers it over SMTP, and the link works once', async () => {
    const u = await newUser('forgetful');
    const smtp = await startSmtp();
    try {
      const res = await call(w.app, 'POST', '/api/auth/password-reset/request', {
        body: { email: 'forgetful@test.invalid' },
      });
      expect(res.status).toBe(202);
      // An unknown address answers the same.
      expect(
        (
          await call(w.app, 'POST', '/api/auth/password-reset/request', {
            body: { email: 'nobody@test.invalid' },
          })
        ).status,
      ).toBe(202);
      const [job] = await w.jobs.boss.fetch<{ to: string; subject: string; text: string }>('mail.send');
      expect(job?.data.to).toBe(u.email);
      // Three links an hour at most: more requests answer the same and mail nothing (sec25 N4).
      for (let i = 0; i < 4; i++)
        expect(
          (await call(w.app, 'POST', '/api/auth/password-reset/request', { body: { email: u.email } }))
            .status,
        ).toBe(202);
      const more = await w.jobs.boss.fetch<{ to: string }>('mail.send', { batchSize: 10 });
      expect(more.filter((m) => m.data.to === u.email)).toHaveLength(2);
      const mailer = createMailer(
        { smtpUrl: smtp.url, mailFrom: 'liem@test.invalid', dataDir: '/tmp' },
        w.ctx.log,
      );
      await mailer.send(job!.data);
      expect(smtp.received).toHaveLength(1);
      const token = /#token=([\w-]+)/.exec(job!.data.text)![1]!;
      expect(smtp.received[0]).toContain('Subject:');
      const confirm = await call(w.app, 'POST', '/api/auth/password-reset/confirm', {
        body: { token, newPassword: 'brand new passphrase' },
      });
      expect(confirm.status).toBe(204);
      expect(
        (
          await call(w.app, 'POST', '/api/auth/password-reset/confirm', {
            body: { token, newPassword: 'another passphrase' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call(w.app, 'POST', '/api/auth/login', {
            body: { username: 'forgetful', password: 'brand new passphrase' },
          })
        ).status,
      ).toBe(200);
    } finally {
      await smtp.close();
    }
  });

  it('an administrator reset forces a change at next sign-in and ends sessions', async () => {
    const u = await newUser('resetme');
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'resetme', password: PASSWORD },
    });
    const who = { userId: u.id, cookie: cookieFrom(res), csrf: res.json.csrfToken };
    // The world's sessions have gone idle while the clock moved: the administrator signs in afresh.
    const admin = await sessionFor(w.database, w.users.admin.userId, w.clock.now());
    const reset = await call(w.app, 'POST', `/api/users/${u.id}/reset-password`, { who: admin });
    expect(reset.status).toBe(200);
    expect((await call(w.app, 'GET', '/api/auth/session', { who })).status).toBe(401);
    const again = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'resetme', password: reset.json.oneTimePassword },
    });
    expect(again.json.stage).toBe('change_password');
    const [row] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(row?.mustChangePassword).toBe(true);
  });
});

describe('password hashes from older releases', () => {
  it('are upgraded to the current parameters at the next sign-in, and the sign-in is audited as such', async () => {
    const u = await newUser('old.hash');
    const weak = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await w.database.db.update(users).set({ passwordHash: weak }).where(eq(users.id, u.id));
    const res = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'old.hash', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const [after] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(after!.passwordHash).not.toBe(weak);
    expect(after!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'auth.login' and entity_id = $1`,
      [u.id],
    );
    expect(event!.changes).toMatchObject({ credentialUpgraded: true });
    // The new hash still opens with the same password; a current hash is left as it is.
    const again = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'old.hash', password: PASSWORD },
    });
    expect(again.status).toBe(200);
    const [same] = await w.database.db.select().from(users).where(eq(users.id, u.id));
    expect(same!.passwordHash).toBe(after!.passwordHash);
  });
});
