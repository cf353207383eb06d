import { createHmac } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lt, notLike, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Ctx } from '#server/context.ts';
import { writeTogether } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { keepPlans } from '#server/db/prepared.ts';
import { audit, auditAppend } from '#server/modules/audit/service.ts';
import { keysForNewSession, rewrapForPassword } from '#server/modules/keys/service.ts';
import { sendMail } from '#server/modules/notifications/service.ts';
import {
  grants,
  loginThrottle,
  passwordResets,
  recoveryCodes,
  sessions,
  users,
} from '#server/modules/users/tables.ts';
import { openAtRest, sealAtRest, subKey } from '#server/server-key.ts';
import type { Stage } from '#shared/auth/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Actor, type Grant, keyRoles, type Role, requiresTotp } from '#shared/permissions.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { newToken, recoveryCode, safeEqual, sha256 } from './tokens.ts';

type UserRow = typeof users.$inferSelect;

/**
 * Failed sign-ins from one client allowed before that client is locked out of the account; each further
 * failure doubles the lock, up to an hour. Counted per account and client (an HMAC of the address, never
 * the address), so someone who knows a username cannot lock its owner out from elsewhere.
 */
export const LOCK_AFTER = 5;
/**
 * Failures from every client together before the account itself is locked: guessing spread over many
 * addresses still stops.
 */
export const ACCOUNT_LOCK_AFTER = 50;
/**
 * An account's count (and an unknown name's, alike: how a count fades must not tell which exists; re-test
 * sec24 H6) starts again after a day without a failure; one client's after an hour. A success forgives
 * only the client's own count: it says nothing of the others (sec24 H4).
 */
const ACCOUNT_FADE_MS = 24 * 3_600_000;
const CLIENT_FADE_MS = 3_600_000;
/**
 * Wrong second-factor codes (the password was right) are counted apart, and lock the second step for
 * everyone, a remembered browser included: whoever is guessing already has the password (sec24 H2).
 * The right code forgives them.
 */
export const SECOND_FACTOR_LOCK_AFTER = 5;
const LOCK_BASE_MS = 60_000;
const LOCK_MAX_MS = 60 * 60_000;
const RESET_TTL_MINUTES = 60;
const RESETS_PER_HOUR = 3;
const INVITE_TTL_MINUTES = 72 * 60;
/** Last-seen is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface LoadedSession {
  id: string;
  stage: Stage;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
  grants: Array<Grant & { id: string; unitName: string }>;
}

export function actorOf(s: LoadedSession): Actor {
  return { kind: 'user', userId: s.user.id, grants: s.grants };
}

type GrantView = LoadedSession['grants'][number];

/**
 * A user's grants as a column of the query that reads the user or the session, so each request reads
 * both in one statement. A grant on a dissolved or archived unit no longer gives anything, nor one awaiting a second admin's approval.
 */
// Written as "users"."id": Drizzle leaves single-table columns unqualified, which the subquery would misread.
const grantsColumn = () => sql<GrantView[]>`coalesce((
  select json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id, 'subtree', g.subtree,
    'unitPath', u.path, 'unitName', u.name,
    'awaitingKeys', g.role in ('intake_officer', 'custodian') and g.keys_activated_at is null)
    order by g.created_at, g.id)
  from grants g join units u on u.id = g.unit_id
  where g.user_id = "users"."id" and g.status = 'active' and u.status = 'active'), '[]'::json)`;

/** Every active account holding a grant, as the actor it acts as: for work done on users' behalf (reminders). */
export async function activeActors(db: Db): Promise<Actor[]> {
  const rows = await db
    .select({ id: users.id, grants: grantsColumn() })
    .from(users)
    .where(eq(users.status, 'active'))
    .orderBy(users.id);
  return rows
    .filter((r) => r.grants.length > 0)
    .map((r) => ({ kind: 'user', userId: r.id, grants: r.grants }));
}

function nextStage(user: UserRow, roles: Role[], totpDone: boolean, waiting: Role[] = []): Stage {
  if (user.totpEnabledAt && !totpDone) return 'totp';
  if (user.mustChangePassword) return 'change_password';
  // A grant waiting for its second administrator asks for the second factor already: it is in force,
  // once approved, only on an account that has one.
  if (requiresTotp([...roles, ...waiting]) && !user.totpEnabledAt) return 'enrol_totp';
  return 'active';
}

/** Roles granted to the user that wait for a second administrator. */
async function waitingRoles(db: Db, userId: string): Promise<Role[]> {
  const found = await db
    .select({ role: grants.role })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.status, 'awaiting_approval')));
  return found.map((g) => g.role as Role);
}

function lockMs(failures: number, after = LOCK_AFTER, weight = 1): number {
  return Math.min(LOCK_BASE_MS * 2 ** Math.floor((failures - after) / weight), LOCK_MAX_MS);
}

function lockedOut(until: Date, now: Date) {
  const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
  return new AppError('locked_out', { values: { minutes }, retryAfterSeconds: minutes * 60 });
}

/**
 * A browser in which the owner completed signing in holds a cookie for that account (a random id under
 * the server's MAC of the sign-in name): from it, failures elsewhere never lock the owner out. It is
 * counted as a client of its own, and the account's lock, meant for guessing spread over many unknown
 * clients, does not apply to it (OWASP's device cookies; re-test sec23c G2).
 */
export const deviceCookieName = (username: string) =>
  `liem_device_${derivedKeyHex('liem/device-cookie-name/v1', normalName(username)).slice(0, 16)}`;

export function deviceToken(username: string): string {
  const id = newToken(16);
  return `${id}.${derivedKeyHex('liem/known-device/v1', `${normalName(username)}\n${id}`)}`;
}

/** The device's id when the cookie is one this server gave for this name, else null. */
export function knownDevice(username: string, token: string | undefined): string | null {
  const [id, mac, ...rest] = (token ?? '').split('.');
  if (!id || !mac || rest.length > 0) return null;
  return safeEqual(mac, derivedKeyHex('liem/known-device/v1', `${normalName(username)}\n${id}`)) ? id : null;
}

const normalName = (username: string) => username.normalize('NFC').trim().toLowerCase();

/** The account's failure count after one more failure at `now`, restarting once the last has faded. */
const failuresPlus = (now: Date) =>
  sql<number>`case when ${users.failedLoginAt} > ${new Date(now.getTime() - ACCOUNT_FADE_MS)}
    then ${users.failedLogins} + 1 else 1 end`;

/** The throttle row of one sign-in name (from one client, or from all when `client` is null). */
const throttleKey = (username: string, client: string | null) =>
  derivedKeyHex('liem/login-throttle/v1', client === null ? username : `${username}\n${client}`);

/** Whether this client is locked out of this name: checked, like the account's own lock, before any work. */
async function clientLocked(ctx: Ctx, username: string, client: string, now: Date) {
  const [row] = await ctx.db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, throttleKey(username, client)));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** One more failure in a throttle row (restarting once the last has faded); locked once it reaches `after`. */
async function countFailure(ctx: Ctx, key: string, now: Date, after: number, fadeMs: number) {
  const [counted] = await ctx.db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} > ${new Date(now.getTime() - fadeMs)}
          then ${loginThrottle.failures} + 1 else 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures });
  if (counted!.failures >= after)
    await ctx.db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + lockMs(counted!.failures, after)) })
      .where(eq(loginThrottle.key, key));
}

/** A failed sign-in for a name with no account: the same counting, lock and answers as for an account. */
async function failUnknownName(ctx: Ctx, username: string, client: string, now: Date): Promise<never> {
  const [row] = await ctx.db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, throttleKey(username, null)));
  if (row?.lockedUntil && row.lockedUntil > now) throw lockedOut(row.lockedUntil, now);
  await countFailure(ctx, throttleKey(username, client), now, LOCK_AFTER, CLIENT_FADE_MS);
  await countFailure(ctx, throttleKey(username, null), now, ACCOUNT_LOCK_AFTER, ACCOUNT_FADE_MS);
  throw new AppError('invalid_credentials');
}

const derivedKeyHex = (purpose: string, value: string) =>
  createHmac('sha256', subKey(purpose)).update(value).digest('hex');

/** Password step. Costs one argon2id verification whatever the outcome. */
type LoginInput = { username: string; password: string; client: string; device?: string };

export function login(ctx: Ctx, input: LoginInput): Promise<{ token: string; session: LoadedSession }> {
  return keepPlans(() => passwordStep(ctx, input));
}

async function passwordStep(ctx: Ctx, input: LoginInput): Promise<{ token: string; session: LoadedSession }> {
  const now = ctx.clock.now();
  const username = normalName(input.username);
  const device = knownDevice(username, input.device);
  const client = device ? `device:${device}` : input.client;
  const [[found], clientLock] = await Promise.all([
    ctx.db.select({ user: users, grants: grantsColumn() }).from(users).where(eq(users.username, username)),
    clientLocked(ctx, username, client, now),
  ]);
  const user = found?.user;
  // Every answer costs one Argon2id verification, and an unknown name is counted and locked out like an
  // account: neither timing nor a 423 tells whether an account exists.
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    if (clientLock) throw lockedOut(clientLock, now);
    return failUnknownName(ctx, username, client, now);
  }
  const lock = [device ? null : user.lockedUntil, clientLock]
    .filter((d): d is Date => !!d && d > now)
    .sort()
    .at(-1);
  if (lock) {
    await verifyPassword(await dummyHash(), input.password);
    throw lockedOut(lock, now);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    await countFailure(ctx, throttleKey(username, client), now, LOCK_AFTER, CLIENT_FADE_MS);
    await ctx.db.transaction(async (tx) => {
      const [u] = await tx
        .update(users)
        .set({ failedLogins: failuresPlus(now), failedLoginAt: now })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      const failures = u!.failedLogins;
      const locked = failures >= ACCOUNT_LOCK_AFTER;
      if (locked)
        await tx
          .update(users)
          .set({ lockedUntil: new Date(now.getTime() + lockMs(failures, ACCOUNT_LOCK_AFTER)) })
          .where(eq(users.id, user.id));
      await audit(
        tx,
        { ...ctx, actor: { kind: 'user', userId: user.id, grants: [] } },
        {
          action: locked ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          unitId: user.unitId,
          changes: { failedLogins: failures },
        },
      );
    });
    throw new AppError('invalid_credentials');
  }
  if (user.status !== 'active') throw new AppError('account_disabled');
  // The second step is locked for every client: only someone with the password learns it (sec24 H2).
  if (user.totpEnabledAt && user.secondFactorLockedUntil && user.secondFactorLockedUntil > now)
    throw lockedOut(user.secondFactorLockedUntil, now);
  const userGrants = found.grants;
  const stage = nextStage(
    user,
    userGrants.map((g) => g.role),
    false,
    await waitingRoles(ctx.db, user.id),
  );
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000);
  const csrfToken = newToken(24);
  const keys = await keysForNewSession(
    ctx.db,
    user,
    userGrants.map((g) => g.role),
    input.password,
    token,
    sha256(token),
  );
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  // The account's count is not forgiven by a success (it fades): the owner signing in says nothing of
  // the unknown clients it holds back (sec24 H4). This client's own count is.
  const userChanges = {
    ...(stage === 'active' ? { lastLoginAt: now } : {}),
    ...(rehashed ? { passwordHash: rehashed } : {}),
  };
  // Sign-in is a hot path: the session, the user's changes and the audit event go in one statement,
  // atomic without a transaction around it (the append takes the chain's lock itself).
  await writeTogether(ctx.db, [
    ctx.db.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      stage,
      csrfToken,
      lastSeenAt: now,
      expiresAt,
      ...keys,
    }),
    ...(Object.keys(userChanges).length > 0
      ? [ctx.db.update(users).set(userChanges).where(eq(users.id, user.id))]
      : []),
    // This client's failures are forgiven.
    ...(user.failedLogins > 0 || device
      ? [ctx.db.delete(loginThrottle).where(eq(loginThrottle.key, throttleKey(username, client)))]
      : []),
    auditAppend(
      { ...ctx, actor: { kind: 'user', userId: user.id, grants: [] } },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        unitId: user.unitId,
        changes: { stage, ...(rehashed ? { credentialUpgraded: true } : {}) },
      },
    ),
  ]);
  return { token, session: { id: sha256(token), stage, csrfToken, expiresAt, user, grants: userGrants } };
}

/** Resolves a cookie token; null when unknown, idle too long, past its absolute end, or user disabled. */
export function loadSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<LoadedSession | null> {
  // Every staff request starts here.
  return keepPlans(() => resolveSession(db, token, now, idleMinutes));
}

async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<LoadedSession | null> {
  const id = sha256(token);
  const [row] = await db
    .select({ s: sessions, u: users, grants: grantsColumn() })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { s, u } = row;
  const idleEnd = new Date(s.lastSeenAt.getTime() + idleMinutes * 60_000);
  if (s.expiresAt <= now || idleEnd <= now || u.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  return {
    id,
    stage: s.stage as Stage,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt,
    user: u,
    // A report-key role handles reports only with its keys open in this session: an account an
    // administrator took over (password reset) has none until its owner restores them, and may not
    // assign or merge reports meanwhile (re-test of issue 15, M2).
    grants: s.keyring
      ? row.grants
      : row.grants.map((g) => (keyRoles.includes(g.role) ? { ...g, keysLocked: true } : g)),
  };
}

async function advance(ctx: Ctx, tx: Db, session: LoadedSession, totpDone: boolean): Promise<Stage> {
  const [user] = await tx.select().from(users).where(eq(users.id, session.user.id));
  const stage = nextStage(
    user!,
    session.grants.map((g) => g.role),
    totpDone,
    await waitingRoles(tx, user!.id),
  );
  await tx.update(sessions).set({ stage }).where(eq(sessions.id, session.id));
  if (stage === 'active')
    await tx.update(users).set({ lastLoginAt: ctx.clock.now() }).where(eq(users.id, user!.id));
  return stage;
}

function totpFor(user: { username: string }, secret: string) {
  return new OTPAuth.TOTP({
    issuer: 'Liêm',
    label: user.username,
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  });
}

/** The time step a code belongs to, checked at the clock's time with one step either side for drift; null if wrong. */
export function totpStep(user: { username: string }, secret: string, code: string, now: Date): number | null {
  const delta = totpFor(user, secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

/** Accepts a code once: its step must be later than the last accepted one (a replayed code fails). */
async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const [row] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return !!row;
}

async function failSecondFactor(
  ctx: Ctx,
  session: LoadedSession,
  code: 'invalid_totp' | 'totp_used' = 'invalid_totp',
): Promise<never> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ secondFactorFailures: sql`${users.secondFactorFailures} + 1` })
      .where(eq(users.id, session.user.id))
      .returning({ failures: users.secondFactorFailures });
    if (u!.failures >= SECOND_FACTOR_LOCK_AFTER) {
      await tx
        .update(users)
        .set({
          secondFactorLockedUntil: new Date(now.getTime() + lockMs(u!.failures, SECOND_FACTOR_LOCK_AFTER)),
        })
        .where(eq(users.id, session.user.id));
      await tx.delete(sessions).where(eq(sessions.id, session.id));
    }
    await audit(tx, ctx, {
      action: 'auth.totp_failed',
      entityType: 'user',
      entityId: session.user.id,
      unitId: session.user.unitId,
    });
  });
  throw new AppError(code);
}

const secondFactorForgiven = { secondFactorFailures: 0, secondFactorLockedUntil: null };

/** The second step refuses while it is locked, whichever session asks (one opened before the lock too). */
async function secondFactorOpen(ctx: Ctx, session: LoadedSession) {
  const [u] = await ctx.db
    .select({ until: users.secondFactorLockedUntil })
    .from(users)
    .where(eq(users.id, session.user.id));
  const now = ctx.clock.now();
  if (u?.until && u.until > now) throw lockedOut(u.until, now);
}

/** TOTP seeds are stored sealed under the server key (ADR 0002): a database copy alone cannot make codes. */
export const totpAd = (userId: string) => `user:${userId}:totp-secret`;
export const sealTotpSecret = (userId: string, secret: string) => sealAtRest(secret, totpAd(userId));
const totpSecretOf = (u: { id: string; totpSecret: string | null }) =>
  u.totpSecret ? openAtRest(u.totpSecret, totpAd(u.id)) : null;

/** At start: seeds stored in clear before they were sealed are sealed (a one-time upgrade). */
export async function sealLegacyTotpSecrets(db: Db) {
  const plain = await db
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), notLike(users.totpSecret, 'v1:%')));
  for (const u of plain)
    await db
      .update(users)
      .set({ totpSecret: sealTotpSecret(u.id, u.secret!) })
      .where(and(eq(users.id, u.id), eq(users.totpSecret, u.secret!)));
}

export async function verifyTotp(ctx: Ctx, session: LoadedSession, code: string): Promise<Stage> {
  const secret = totpSecretOf(session.user);
  if (session.stage !== 'totp' || !secret) throw new AppError('bad_request');
  await secondFactorOpen(ctx, session);
  const step = totpStep(session.user, secret, code, ctx.clock.now());
  if (step === null) return failSecondFactor(ctx, session);
  // A right code already used (a replay, or a second sign-in in the same half-minute): still a failure,
  // but the person is told to wait for the next code rather than that theirs is wrong.
  if (!(await claimTotpStep(ctx.db, session.user.id, step)))
    return failSecondFactor(ctx, session, 'totp_used');
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set(secondFactorForgiven).where(eq(users.id, session.user.id));
    await audit(tx, ctx, {
      action: 'auth.totp_verified',
      entityType: 'user',
      entityId: session.user.id,
      unitId: session.user.unitId,
    });
    return advance(ctx, tx, session, true);
  });
}

export async function useRecoveryCode(ctx: Ctx, session: LoadedSession, code: string): Promise<Stage> {
  if (session.stage !== 'totp') throw new AppError('bad_request');
  await secondFactorOpen(ctx, session);
  const hash = sha256(code.trim().toLowerCase());
  return ctx.db
    .transaction(async (tx) => {
      const [used] = await tx
        .update(recoveryCodes)
        .set({ usedAt: ctx.clock.now() })
        .where(
          and(
            eq(recoveryCodes.userId, session.user.id),
            eq(recoveryCodes.codeHash, hash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      if (!used) return null;
      await tx.update(users).set(secondFactorForgiven).where(eq(users.id, session.user.id));
      await audit(tx, ctx, {
        action: 'auth.recovery_code_used',
        entityType: 'user',
        entityId: session.user.id,
        unitId: session.user.unitId,
      });
      return advance(ctx, tx, session, true);
    })
    .then((stage) => stage ?? failSecondFactor(ctx, session));
}

/** Starts enrolment: a new secret, kept on the user but not enabled until a code proves it. */
export async function startTotpEnrolment(ctx: Ctx, session: LoadedSession, currentPassword?: string) {
  if (session.stage !== 'enrol_totp' && session.stage !== 'active') throw new AppError('bad_request');
  // Turning on a second factor from a running session asks for the password: whoever held only a stolen
  // session cookie could otherwise lock the owner out behind a code they alone have (sec31 F3). At the
  // sign-in step (enrol_totp) the password was given a moment ago.
  if (session.stage === 'active') await proveCurrentPassword(ctx, session, currentPassword);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.db
    .update(users)
    .set({ totpSecret: sealTotpSecret(session.user.id, secret), totpEnabledAt: null })
    .where(and(eq(users.id, session.user.id), isNull(users.totpEnabledAt)));
  const [u] = await ctx.db.select().from(users).where(eq(users.id, session.user.id));
  if (u!.totpEnabledAt) throw new AppError('conflict');
  return { secret, otpauthUrl: totpFor(u!, secret).toString() };
}

export async function confirmTotpEnrolment(ctx: Ctx, session: LoadedSession, code: string) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, session.user.id));
  const secret = u ? totpSecretOf(u) : null;
  if (!u || !secret || u.totpEnabledAt) throw new AppError('bad_request');
  const step = totpStep(u, secret, code, ctx.clock.now());
  if (step === null || !(await claimTotpStep(ctx.db, u.id, step)))
    throw fieldError('code', 'error.invalid_totp');
  const codes = Array.from({ length: 10 }, recoveryCode);
  const stage = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: ctx.clock.now() }).where(eq(users.id, u.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: u.id, codeHash: sha256(c) })));
    await audit(tx, ctx, {
      action: 'auth.totp_enabled',
      entityType: 'user',
      entityId: u.id,
      unitId: u.unitId,
    });
    return advance(ctx, tx, session, true);
  });
  return { recoveryCodes: codes, stage };
}

/**
 * The signed-in person proves they know the account's password before changing what guards it. Guesses
 * from a signed-in session are counted like sign-in failures, the session as the client (re-test sec25
 * N5): five, then locked, doubling.
 */
async function proveCurrentPassword(ctx: Ctx, session: LoadedSession, password: string | undefined) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, session.user.id));
  if (!password) throw fieldError('currentPassword', 'field.required');
  const now = ctx.clock.now();
  const client = `session:${session.id}`;
  const locked = await clientLocked(ctx, u!.username, client, now);
  if (locked) throw lockedOut(locked, now);
  if (!(await verifyPassword(u!.passwordHash, password))) {
    await countFailure(ctx, throttleKey(u!.username, client), now, LOCK_AFTER, CLIENT_FADE_MS);
    throw fieldError('currentPassword', 'error.invalid_credentials');
  }
  return u!;
}

export async function changePassword(
  ctx: Ctx,
  session: LoadedSession,
  input: { currentPassword: string; newPassword: string },
): Promise<Stage> {
  const u = await proveCurrentPassword(ctx, session, input.currentPassword);
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', 'field.password_reused');
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: ctx.clock.now() })
      .where(eq(users.id, u!.id));
    await rewrapForPassword(tx, ctx, u!.id, input.newPassword);
    // Other sessions of this user end: whoever knew the old password is out.
    await tx.delete(sessions).where(and(eq(sessions.userId, u!.id), sql`${sessions.id} <> ${session.id}`));
    await audit(tx, ctx, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: u!.id,
      unitId: u!.unitId,
    });
    return advance(ctx, tx, session, session.stage !== 'totp');
  });
}

export async function logout(ctx: Ctx, session: LoadedSession) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, session.id));
    await audit(tx, ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: session.user.id,
      unitId: session.user.unitId,
    });
  });
}

/** Always answers the same way, so it cannot tell who has an account. */
export async function requestPasswordReset(ctx: Ctx, email: string) {
  const [u] = await ctx.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (u?.status !== 'active') return;
  await ctx.db.transaction(async (tx) => {
    if (!(await mailPasswordLink(ctx, tx, u, 'reset'))) return;
    await audit(
      tx,
      { ...ctx, actor: { kind: 'user', userId: u.id, grants: [] } },
      { action: 'auth.reset_requested', entityType: 'user', entityId: u.id, unitId: u.unitId },
    );
  });
}

/**
 * Mails a link to set the account's password to the address on file: a reset asked for at sign-in (an
 * hour), or an administrator's invitation (three days, over a weekend). At most three links are open at a
 * time per account: requests from anyone must not flood an official's mailbox (re-test sec25 N4). False
 * when none was sent.
 */
export async function mailPasswordLink(
  ctx: Ctx,
  tx: Db,
  u: { id: string; email: string | null; fullName: string; language: string },
  kind: 'reset' | 'invite',
) {
  if (!u.email) return false;
  const now = ctx.clock.now();
  const [open] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.userId, u.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
    );
  if (open!.n >= RESETS_PER_HOUR) return false;
  const token = newToken();
  const minutes = kind === 'reset' ? RESET_TTL_MINUTES : INVITE_TTL_MINUTES;
  await tx.insert(passwordResets).values({
    tokenHash: sha256(token),
    userId: u.id,
    expiresAt: new Date(now.getTime() + minutes * 60_000),
  });
  // The token travels in the fragment: browsers do not send it to servers or write it in access logs.
  const link = `${ctx.config.publicUrl}/app/reset-password#token=${token}`;
  await sendMail(ctx, tx, {
    to: u.email,
    lang: u.language === 'en' ? 'en' : 'vi',
    subject: kind === 'reset' ? 'mail.reset.subject' : 'mail.invite.subject',
    body: kind === 'reset' ? 'mail.reset.body' : 'mail.invite.body',
    values: { name: u.fullName, link, minutes, hours: minutes / 60 },
  });
  return true;
}

export async function confirmPasswordReset(ctx: Ctx, input: { token: string; newPassword: string }) {
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning();
    if (!reset) throw fieldError('token', 'field.invalid');
    const [u] = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        failedLogins: 0,
        lockedUntil: null,
        // Set through a link mailed to the owner: no administrator knows this password.
        ownerPasswordPending: false,
      })
      .where(eq(users.id, reset.userId))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    // One link used, the others the mailbox still holds open nothing.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await audit(
      tx,
      { ...ctx, actor: { kind: 'user', userId: reset.userId, grants: [] } },
      { action: 'auth.password_reset', entityType: 'user', entityId: reset.userId, unitId: u!.unitId },
    );
  });
}

/** Housekeeping: ended sessions and used or expired reset tokens. */
export async function purgeExpired(db: Db, now: Date, idleMinutes: number) {
  await db
    .delete(sessions)
    .where(
      sql`${sessions.expiresAt} <= ${now} or ${sessions.lastSeenAt} <= ${new Date(now.getTime() - idleMinutes * 60_000)}`,
    );
  await db.delete(passwordResets).where(lt(passwordResets.expiresAt, now));
  await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.lastFailureAt, new Date(now.getTime() - ACCOUNT_FADE_MS)),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now)),
      ),
    );
}

export function verifyCsrf(session: LoadedSession, header: string | undefined): boolean {
  return !!header && safeEqual(header, session.csrfToken);
}

/**
 * The session as the web app sees it. Before the second factor, a password alone learns nothing about
 * the account: not the person's name, unit or roles (whether it is worth attacking further).
 */
export async function sessionInfo(session: LoadedSession) {
  // Until the session is fully signed in it tells nothing about the account beyond the name typed: not
  // its id, name, unit, roles or whether it has a second factor (the stage says what to do next).
  const half = session.stage !== 'active';
  return {
    stage: session.stage,
    csrfToken: session.csrfToken,
    user: {
      id: half ? '' : session.user.id,
      username: session.user.username,
      fullName: half ? session.user.username : session.user.fullName,
      unitId: half ? '' : session.user.unitId,
      language: session.user.language,
      totpEnabled: half ? false : !!session.user.totpEnabledAt,
      mustChangePassword: session.stage === 'change_password' || (!half && session.user.mustChangePassword),
    },
    grants: half
      ? []
      : session.grants.map((g) => ({
          id: g.id,
          role: g.role,
          unitId: g.unitId,
          unitName: g.unitName,
          unitPath: g.unitPath,
          subtree: g.subtree,
          awaitingKeys: !!g.awaitingKeys,
          keysLocked: !!g.keysLocked,
        })),
    expiresAt: session.expiresAt.toISOString(),
  };
}
