import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { verifyPassword } from '#server/modules/auth/passwords.ts';
import { removalAudience, tellCustodians } from '#server/modules/users/holders.ts';
import { grants, sessions, users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { keyRoles, type Role } from '#shared/permissions.ts';
import {
  CryptoFailure,
  decrypt,
  deriveKey,
  encrypt,
  type Key,
  type KeyPair,
  newKeyPair,
  newRecoveryKey,
  normaliseRecoveryKey,
  publicKeyOf,
  randomBytes,
  tokenKey,
} from './crypto.ts';
import { userKeys } from './tables.ts';

export { keyRoles };

/** The key that encrypts a session's keyring: derived from the cookie token, which is never stored. */
export const sessionKeyOf = (token: string) => tokenKey(token, 'liem/session-keyring/v1');
const recoveryWrapKey = (recoveryKey: string) =>
  tokenKey(normaliseRecoveryKey(recoveryKey), 'liem/recovery-key/v1');

const adPassword = (userId: string) => `user-key:password:${userId}`;
const adRecovery = (userId: string) => `user-key:recovery:${userId}`;
const adKeyring = (sessionId: string) => `session:keyring:${sessionId}`;
const adPending = (sessionId: string) => `session:recovery:${sessionId}`;

async function wrapPair(userId: string, pair: KeyPair, password: string, recoveryKey: string) {
  const passwordSalt = randomBytes(16);
  const kek = await deriveKey(password, passwordSalt);
  return {
    publicKey: pair.publicKey,
    passwordSalt,
    wrappedByPassword: encrypt(kek, pair.privateKey, adPassword(userId)),
    wrappedByRecovery: encrypt(recoveryWrapKey(recoveryKey), pair.privateKey, adRecovery(userId)),
  };
}

export interface SessionKeys {
  keyring: Uint8Array | null;
  pendingRecovery: Uint8Array | null;
}

/**
 * At the password step: unwraps the user's private key into the new session, or makes the user's first
 * key pair when their roles need one. After a password reset the old wrap no longer opens: the session
 * then has no keyring until the user restores with their recovery key or makes new keys.
 */
export async function keysForNewSession(
  db: Db,
  user: { id: string },
  roles: readonly Role[],
  password: string,
  token: string,
  sessionId: string,
): Promise<SessionKeys> {
  const [row] = await db.select().from(userKeys).where(eq(userKeys.userId, user.id));
  const sk = sessionKeyOf(token);
  if (row) {
    try {
      const kek = await deriveKey(password, row.passwordSalt);
      const privateKey = decrypt(kek, row.wrappedByPassword, adPassword(user.id));
      return { keyring: encrypt(sk, privateKey, adKeyring(sessionId)), pendingRecovery: null };
    } catch (e) {
      if (e instanceof CryptoFailure) return { keyring: null, pendingRecovery: null };
      throw e;
    }
  }
  if (!roles.some((r) => keyRoles.includes(r))) return { keyring: null, pendingRecovery: null };
  const pair = newKeyPair();
  const recoveryKey = newRecoveryKey();
  await db
    .insert(userKeys)
    .values({ userId: user.id, ...(await wrapPair(user.id, pair, password, recoveryKey)) })
    .onConflictDoNothing();
  return {
    keyring: encrypt(sk, pair.privateKey, adKeyring(sessionId)),
    pendingRecovery: encrypt(sk, new TextEncoder().encode(recoveryKey), adPending(sessionId)),
  };
}

/** The signed-in user's key pair, from their session; `keys_locked` when the session has none. */
export async function myKeyPair(ctx: Ctx): Promise<KeyPair> {
  if (!ctx.sessionId || !ctx.sessionKey) throw new AppError('keys_locked');
  const [s] = await ctx.db
    .select({ keyring: sessions.keyring })
    .from(sessions)
    .where(eq(sessions.id, ctx.sessionId));
  if (!s?.keyring) throw new AppError('keys_locked');
  const privateKey = decrypt(ctx.sessionKey, s.keyring, adKeyring(ctx.sessionId));
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export async function keyStatus(ctx: Ctx) {
  const userId = ctx.actor.userId!;
  const [row] = await ctx.db
    .select({ publicKey: userKeys.publicKey, createdAt: userKeys.createdAt })
    .from(userKeys)
    .where(eq(userKeys.userId, userId));
  const [s] = ctx.sessionId
    ? await ctx.db
        .select({ keyring: sessions.keyring, pending: sessions.pendingRecovery })
        .from(sessions)
        .where(eq(sessions.id, ctx.sessionId))
    : [];
  return {
    needed: ctx.actor.grants.some((g) => keyRoles.includes(g.role)),
    hasKeys: !!row,
    unlocked: !!s?.keyring,
    recoveryKeyPending: !!s?.pending,
    createdAt: row?.createdAt.toISOString() ?? null,
  };
}

/** Shows a newly made recovery key once, then forgets it. */
export async function takeRecoveryKey(ctx: Ctx): Promise<{ recoveryKey: string }> {
  if (!ctx.sessionId || !ctx.sessionKey) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .select({ pending: sessions.pendingRecovery })
      .from(sessions)
      .where(eq(sessions.id, ctx.sessionId!))
      .for('update');
    if (!s?.pending) throw new AppError('not_found');
    const recoveryKey = new TextDecoder().decode(
      decrypt(ctx.sessionKey!, s.pending, adPending(ctx.sessionId!)),
    );
    await tx.update(sessions).set({ pendingRecovery: null }).where(eq(sessions.id, ctx.sessionId!));
    await audit(tx, ctx, { action: 'keys.recovery_shown', entityType: 'user', entityId: ctx.actor.userId! });
    return { recoveryKey };
  });
}

async function checkPassword(ctx: Ctx, password: string) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId!));
  if (!u || !(await verifyPassword(u.passwordHash, password)))
    throw fieldError('password', 'error.invalid_credentials');
  return u;
}

async function putKeyring(tx: Db, ctx: Ctx, privateKey: Key, pendingRecovery?: string) {
  await tx
    .update(sessions)
    .set({
      keyring: encrypt(ctx.sessionKey!, privateKey, adKeyring(ctx.sessionId!)),
      ...(pendingRecovery
        ? {
            pendingRecovery: encrypt(
              ctx.sessionKey!,
              new TextEncoder().encode(pendingRecovery),
              adPending(ctx.sessionId!),
            ),
          }
        : {}),
    })
    .where(eq(sessions.id, ctx.sessionId!));
}

/** After a password reset: the recovery key opens the old private key, which is re-wrapped for the password. */
export async function recoverKeys(ctx: Ctx, input: { recoveryKey: string; password: string }) {
  if (!ctx.sessionId || !ctx.sessionKey) throw new AppError('keys_locked');
  const u = await checkPassword(ctx, input.password);
  const [row] = await ctx.db.select().from(userKeys).where(eq(userKeys.userId, u.id));
  if (!row) throw new AppError('not_found');
  let privateKey: Key;
  try {
    privateKey = decrypt(recoveryWrapKey(input.recoveryKey), row.wrappedByRecovery, adRecovery(u.id));
  } catch {
    throw fieldError('recoveryKey', 'field.invalid');
  }
  // The same recovery key stays valid: the user keeps the paper they wrote it on.
  const wrapped = await wrapPair(
    u.id,
    { publicKey: row.publicKey, privateKey },
    input.password,
    input.recoveryKey,
  );
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(userKeys)
      .set({ ...wrapped, updatedAt: ctx.clock.now() })
      .where(eq(userKeys.userId, u.id));
    await putKeyring(tx, ctx, privateKey);
    await audit(tx, ctx, { action: 'keys.recovered', entityType: 'user', entityId: u.id, unitId: u.unitId });
  });
  return keyStatus(ctx);
}

/**
 * New keys when the recovery key is lost too. Reports sealed to the old key stay unreadable to this user
 * until a colleague who can read them shares them again.
 */
export async function replaceKeys(ctx: Ctx, input: { password: string }) {
  if (!ctx.sessionId || !ctx.sessionKey) throw new AppError('keys_locked');
  if (!ctx.actor.grants.some((g) => keyRoles.includes(g.role))) throw new AppError('forbidden');
  const u = await checkPassword(ctx, input.password);
  const pair = newKeyPair();
  const recoveryKey = newRecoveryKey();
  const wrapped = await wrapPair(u.id, pair, input.password, recoveryKey);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(userKeys)
      .values({ userId: u.id, ...wrapped })
      .onConflictDoUpdate({ target: userKeys.userId, set: { ...wrapped, updatedAt: ctx.clock.now() } });
    await putKeyring(tx, ctx, pair.privateKey, recoveryKey);
    // New keys are a new recipient: a colleague activates them again before reports are sealed to them.
    await tx
      .update(grants)
      .set({ keysActivatedAt: null, keysActivatedBy: null })
      .where(and(eq(grants.userId, u.id), inArray(grants.role, [...keyRoles])));
    await audit(tx, ctx, { action: 'keys.replaced', entityType: 'user', entityId: u.id, unitId: u.unitId });
    await tellCustodians(tx, u.id, u.fullName, 'notification.key_holder_new_keys', {
      ...removalAudience(u.id),
      tell: ['custodian', 'coordinator', 'admin', 'intake_officer'],
    });
  });
  return keyStatus(ctx);
}

/** A password change by the user: the private key (from the session) is re-wrapped for the new password. */
export async function rewrapForPassword(tx: Db, ctx: Ctx, userId: string, newPassword: string) {
  const [row] = await tx.select().from(userKeys).where(eq(userKeys.userId, userId));
  if (!row) return;
  let pair: KeyPair;
  try {
    pair = await myKeyPair({ ...ctx, db: tx });
  } catch (e) {
    if (e instanceof AppError) return; // locked: nothing to re-wrap; recovery or new keys later
    throw e;
  }
  const passwordSalt = randomBytes(16);
  const kek = await deriveKey(newPassword, passwordSalt);
  await tx
    .update(userKeys)
    .set({
      passwordSalt,
      wrappedByPassword: encrypt(kek, pair.privateKey, adPassword(userId)),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(userKeys.userId, userId));
}
