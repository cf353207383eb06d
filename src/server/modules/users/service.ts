import { and, asc, eq, exists, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import { type Db, rows as dbRows } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { hashPassword } from '#server/modules/auth/passwords.ts';
import { mailPasswordLink } from '#server/modules/auth/service.ts';
import { temporaryPassword } from '#server/modules/auth/tokens.ts';
import { myKeyPair } from '#server/modules/keys/service.ts';
import { notify, sendMail } from '#server/modules/notifications/service.ts';
import { scopeFilter, searchFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { fieldUnit, writableUnit } from '#server/modules/org/service.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import {
  type Action,
  approvalRoles,
  can,
  canGrant,
  type Grant,
  grantCovers,
  keyRoles,
  type Role,
  roleConflict,
} from '#shared/permissions.ts';
import type { UserCreate, UserQuery, UserUpdate } from '#shared/users/schemas.ts';
import { coveringGrant, holdersOver, removalAudience, tellCustodians } from './holders.ts';
import { grants, passwordResets, recoveryCodes, sessions, users } from './tables.ts';
import { sameCode, vouchCode } from './vouch.ts';

export { coveringGrant };

type UserRow = typeof users.$inferSelect;

export function presentUser(u: UserRow, unitName: string) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    unitId: u.unitId,
    unitName,
    positionId: u.positionId,
    status: u.status,
    language: u.language,
    totpEnabled: !!u.totpEnabledAt,
    mustChangePassword: u.mustChangePassword,
    ownerPasswordPending: u.ownerPasswordPending,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
  };
}

/** The user if their unit lies in the actor's scope for `action`; otherwise not found. */
export async function userInScope(ctx: Ctx, id: string, action: Action, db: Db = ctx.db) {
  const [row] = await db
    .select({ u: users, unitPath: units.path, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  if (!row || !can(ctx.actor, action, { unitPath: row.unitPath })) {
    if (row && action !== 'users.read' && can(ctx.actor, 'users.read', { unitPath: row.unitPath }))
      throw new AppError('forbidden');
    throw new AppError('not_found');
  }
  return row;
}

async function checkPosition(db: Db, positionId: string | null | undefined, unitId: string) {
  if (!positionId) return;
  const [p] = await db.select().from(positions).where(eq(positions.id, positionId));
  if (!p || p.unitId !== unitId || p.archivedAt) throw fieldError('positionId', 'field.invalid');
}

async function checkUnique(
  db: Db,
  field: 'username' | 'email',
  value: string | null | undefined,
  exceptId?: string,
) {
  if (!value) return;
  const col = field === 'username' ? users.username : users.email;
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(col, value), exceptId ? ne(users.id, exceptId) : undefined));
  if (taken) throw fieldError(field, field === 'username' ? 'field.username_taken' : 'field.email_taken');
}

export async function listUsers(ctx: Ctx, q: UserQuery) {
  const where = and(
    scopeFilter(ctx.actor, 'users.read', units.path),
    await subtreeFilter(ctx, q.unitId, 'users.read'),
    q.status ? eq(users.status, q.status) : undefined,
    q.role
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(grants)
            .where(and(eq(grants.userId, users.id), eq(grants.role, q.role))),
        )
      : undefined,
    searchFilter(users.search, q.q),
  );
  // Sort column and direction, applied to the table or to the search's matches below.
  const [sortKey, dir] = {
    fullName: ['full_name', 'asc'],
    '-fullName': ['full_name', 'desc'],
    username: ['username', 'asc'],
    '-username': ['username', 'desc'],
    lastLoginAt: ['last_login_at', 'asc nulls first'],
    '-lastLoginAt': ['last_login_at', 'desc nulls last'],
  }[q.sort] as [string, string];
  // Names in Vietnamese order: by their letters without tone marks (Đặng with D), as units are.
  const sortExpr = (column: string) => (sortKey === 'full_name' ? `liem_fold(${column})` : column);
  const offset = (q.page - 1) * q.pageSize;
  const selectPage = () =>
    ctx.db
      .select({ u: users, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId));
  const countAll = async () => {
    const [c] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where);
    return c?.n ?? 0;
  };
  let rows: Awaited<ReturnType<typeof selectPage>>;
  let total: number;
  if (q.q?.trim()) {
    // A search's matches are read once (the CTE, used twice, is materialised): their number and the
    // page's ids, sorted among the matches. Left to the planner, the page walked the name index through
    // ~27,000 non-matching users of the province (PostgreSQL 57 ms + 24 ms for the count; now 22 ms).
    const ranked = await dbRows<{ id: string; total: number }>(
      ctx.db,
      sql`with matched as (select ${users.id} as id, ${users.fullName} as full_name, ${users.username} as username,
          ${users.lastLoginAt} as last_login_at
        from ${users} inner join ${units} on ${units.id} = ${users.unitId} where ${where})
      select id, (select count(*) from matched)::int as total from matched
      order by ${sql.raw(`${sortExpr(sortKey)} ${dir}`)}, id limit ${q.pageSize} offset ${offset}`,
    );
    total = ranked[0]?.total ?? (q.page > 1 ? await countAll() : 0);
    const ids = ranked.map((r) => r.id);
    const found = ids.length ? await selectPage().where(inArray(users.id, ids)) : [];
    const byId = new Map(found.map((r) => [r.u.id, r]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  } else {
    // Unfiltered, the page walks the sort's index and stops; only the count reads every row.
    [rows, total] = await Promise.all([
      selectPage()
        .where(where)
        .orderBy(sql.raw(`${sortExpr(`"users"."${sortKey}"`)} ${dir}`), asc(users.id))
        .limit(q.pageSize)
        .offset(offset),
      countAll(),
    ]);
  }
  return {
    items: rows.map((r) => presentUser(r.u, r.unitName)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function grantViews(db: Db, userId: string) {
  return db
    .select({
      id: grants.id,
      role: grants.role,
      unitId: grants.unitId,
      unitName: units.name,
      subtree: grants.subtree,
      status: grants.status,
      keysActivatedAt: grants.keysActivatedAt,
    })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(eq(grants.userId, userId))
    .orderBy(asc(grants.createdAt))
    .then((list) =>
      list.map(({ keysActivatedAt, ...g }) => ({
        ...g,
        status: g.status as 'active' | 'awaiting_approval',
        keysActivated: keysActivatedAt !== null,
      })),
    );
}

export async function getUser(ctx: Ctx, id: string, db: Db = ctx.db) {
  const row = await userInScope(ctx, id, 'users.read', db);
  return { ...presentUser(row.u, row.unitName), grants: await grantViews(db, id) };
}

export async function createUser(
  ctx: Ctx,
  input: Omit<UserCreate, 'invite'> & { invite?: boolean },
  db: Db = ctx.db,
) {
  // Invited, the owner chooses the first password through a link mailed to them, and no one else ever
  // knows one; otherwise the administrator chooses it or is shown a one-time one.
  if (input.invite && !input.email) throw fieldError('email', 'field.email_for_invite');
  if (input.invite && input.password) throw fieldError('password', 'field.password_with_invite');
  const oneTime = input.password || input.invite ? undefined : temporaryPassword();
  const passwordHash = await hashPassword(input.password ?? oneTime ?? temporaryPassword());
  return db.transaction(async (tx) => {
    const unit = await fieldUnit(ctx, tx, input.unitId, 'unitId', 'users.manage');
    await checkPosition(tx, input.positionId, unit.id);
    await checkUnique(tx, 'username', input.username);
    await checkUnique(tx, 'email', input.email);
    const [u] = await tx
      .insert(users)
      .values({
        username: input.username,
        fullName: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        unitId: unit.id,
        positionId: input.positionId ?? null,
        language: input.language,
        passwordHash,
        mustChangePassword: true,
        // Its maker chose or saw its first password (sec25 N1); kept apart from the setters (sec27 L1).
        createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.userId,
        ownerPasswordPending: ctx.actor.kind !== 'system',
      })
      .returning();
    if (input.invite) await mailPasswordLink(ctx, tx, u!, 'invite');
    await audit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: u!.id,
      unitId: unit.id,
      changes: {
        username: u!.username,
        fullName: u!.fullName,
        email: u!.email,
        unitId: unit.id,
        ...(input.invite ? { invited: true } : {}),
      },
    });
    return { ...presentUser(u!, unit.name), grants: [], ...(oneTime ? { oneTimePassword: oneTime } : {}) };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate) {
  return ctx.db.transaction(async (tx) => {
    const { u } = await userInScope(ctx, id, 'users.manage', tx);
    if (u.version !== input.version) throw new AppError('conflict');
    const { version: _v, ...fields } = input;
    if (fields.unitId && fields.unitId !== u.unitId) {
      await fieldUnit(ctx, tx, fields.unitId, 'unitId', 'users.manage');
      // An inspector's home unit makes it an inspectorate, which may handle cases (ADR 0029): moving them
      // goes through removing the role and granting it anew, which a second administrator approves
      // (issue-15 re-test F5) — not one administrator's edit of a profile.
      const held = await tx
        .select({ role: grants.role })
        .from(grants)
        .where(and(eq(grants.userId, id), inArray(grants.role, ['inspector', ...keyRoles])));
      if (held.some((g) => g.role === 'inspector')) throw fieldError('unitId', 'field.inspector_home_unit');
      // Where a report-key holder works decides which reports about a head they may receive, and so
      // which desk is apart from the head (sec23b N5): not one administrator's edit either.
      if (held.length > 0) throw fieldError('unitId', 'field.key_holder_home_unit');
    }
    if (fields.positionId !== undefined)
      await checkPosition(tx, fields.positionId, fields.unitId ?? u.unitId);
    else if (fields.unitId && fields.unitId !== u.unitId && u.positionId)
      Object.assign(fields, { positionId: null });
    if (fields.email !== undefined && fields.email !== u.email)
      await checkUnique(tx, 'email', fields.email, id);
    const changes = diff(u, fields);
    if (Object.keys(changes).length > 0) {
      await tx
        .update(users)
        .set({ ...fields, version: u.version + 1, updatedAt: ctx.clock.now() })
        .where(eq(users.id, id));
      // The address a password reset is mailed to, changed by someone else, is a reset by them; the
      // old address is told, so the owner learns of it even when the new one is not theirs.
      const readdressed = 'email' in changes && ctx.actor.userId !== id;
      const suspended = readdressed ? await suspendApprovalGrants(ctx, tx, id) : [];
      if (readdressed) {
        // Its reset links now go where an administrator said: a password set through one proves no owner.
        await tx
          .update(users)
          .set({ ...credentialsSetter(ctx), ownerPasswordPending: true })
          .where(eq(users.id, id));
        // Links already mailed went to the address before: none outlives a change of it (sec28 S2).
        await tx
          .update(passwordResets)
          .set({ usedAt: ctx.clock.now() })
          .where(and(eq(passwordResets.userId, id), isNull(passwordResets.usedAt)));
        // Where its reset links now go is told to the overseers as a reset is (re-test sec27 L2).
        await tellCustodians(tx, id, u.fullName, 'notification.key_holder_readdressed', {
          ...removalAudience(ctx.actor.userId),
          held: [...keyRoles, ...approvalRoles],
        });
        if (u.email)
          await sendMail(ctx, tx, {
            to: u.email,
            lang: u.language === 'en' ? 'en' : 'vi',
            subject: 'mail.email_changed.subject',
            body: 'mail.email_changed.body',
            values: { name: u.fullName },
          });
      }
      await audit(tx, ctx, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        unitId: fields.unitId ?? u.unitId,
        changes: { ...changes, ...(suspended.length > 0 ? { grantsAwaitingApproval: suspended } : {}) },
      });
    }
    return getUser(ctx, id, tx);
  });
}

export async function setUserStatus(ctx: Ctx, id: string, status: 'active' | 'disabled') {
  return ctx.db.transaction(async (tx) => {
    const { u } = await userInScope(ctx, id, 'users.manage', tx);
    if (u.id === ctx.actor.userId && status === 'disabled') throw fieldError('status', 'field.invalid');
    if (u.status !== status) {
      // Taking a desk officer away can leave a head's agency with no desk apart from it (re-test sec24
      // H3): it is done at once (a compromised account cannot wait), and never silently.
      if (status === 'disabled') await tellOfRemoval(ctx, tx, id, u.fullName, true);
      await tx
        .update(users)
        .set({
          status,
          version: u.version + 1,
          updatedAt: ctx.clock.now(),
          ...(status === 'active'
            ? { failedLogins: 0, lockedUntil: null, secondFactorFailures: 0, secondFactorLockedUntil: null }
            : {}),
        })
        .where(eq(users.id, id));
      if (status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
      await audit(tx, ctx, {
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: id,
        unitId: u.unitId,
        changes: { status: [u.status, status] },
      });
    }
    return getUser(ctx, id, tx);
  });
}

/** Admin reset: a one-time password, shown once; sessions end and the user must change it. */
export async function resetPasswordByAdmin(ctx: Ctx, id: string) {
  const oneTimePassword = temporaryPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction(async (tx) => {
    const { u } = await userInScope(ctx, id, 'users.manage', tx);
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: ctx.clock.now(),
        ...credentialsSetter(ctx),
        ...(ctx.actor.kind === 'system' ? {} : { ownerPasswordPending: true }),
      })
      .where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await notify(tx, { userId: id, messageKey: 'notification.password_reset_by_admin' });
    await mailOwner(ctx, tx, u);
    // Told as widely as a removal: the only custodian may be the account taken over (sec26 N2).
    await tellCustodians(
      tx,
      id,
      u.fullName,
      'notification.key_holder_reset',
      removalAudience(ctx.actor.userId),
    );
    const suspended = await suspendApprovalGrants(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      unitId: u.unitId,
      ...(suspended.length > 0 ? { changes: { grantsAwaitingApproval: suspended } } : {}),
    });
  });
  return { oneTimePassword };
}

/**
 * An administrator who resets an account's password or second factor could sign in as it: its roles
 * that need a second administrator (`approvalRoles`) go back to waiting for one, that person not being
 * the one who reset it — as a new grant would (re-test sec23c G1). Key roles are held back the same way
 * by the keys a reset account no longer opens. The system (an operator on the server) resets freely.
 */
/** The owner hears of an administrator's reset at the address on file, outside the account (sec26 N1). */
async function mailOwner(ctx: Ctx, tx: Db, u: { email: string | null; language: string; fullName: string }) {
  if (!u.email) return;
  await sendMail(ctx, tx, {
    to: u.email,
    lang: u.language === 'en' ? 'en' : 'vi',
    subject: 'mail.reset_by_admin.subject',
    body: 'mail.reset_by_admin.body',
    values: { name: u.fullName },
  });
}

/**
 * Taking a desk officer away — or an overseer who would be told of it — is told at once to the
 * custodians, coordinators and other administrators over their desks, disabled ones included (they read
 * it when enabled again): disabling the overseers first no longer makes the rest silent (sec25 N3).
 */
async function tellOfRemoval(ctx: Ctx, tx: Db, userId: string, name: string, disabling: boolean) {
  const audience = removalAudience(ctx.actor.userId);
  await tellCustodians(tx, userId, name, 'notification.key_holder_removed', audience);
  if (disabling)
    await tellCustodians(tx, userId, name, 'notification.overseer_disabled', {
      ...audience,
      held: ['coordinator', 'admin'],
    });
}

/** The administrator setting an account's credentials is recorded (the system is no one's second person). */
const credentialsSetter = (ctx: Ctx) =>
  ctx.actor.kind === 'system' || !ctx.actor.userId
    ? {}
    : {
        credentialSetters: sql`(select array_agg(distinct s) from unnest(array_append(${users.credentialSetters}, ${ctx.actor.userId}::uuid)) s)`,
      };

async function suspendApprovalGrants(ctx: Ctx, tx: Db, userId: string): Promise<Role[]> {
  if (ctx.actor.kind === 'system') return [];
  const suspended = await tx
    .update(grants)
    .set({ status: 'awaiting_approval', grantedBy: ctx.actor.userId, decidedBy: null })
    .where(
      and(eq(grants.userId, userId), eq(grants.status, 'active'), inArray(grants.role, [...approvalRoles])),
    )
    .returning();
  for (const g of suspended) {
    const [unit] = await tx
      .select({ name: units.name, path: units.path })
      .from(units)
      .where(eq(units.id, g.unitId));
    await tellSensitiveGrant(tx, g, unit!);
  }
  return suspended.map((g) => g.role as Role);
}

/**
 * Mails the owner a link to set their own password (an invitation): the way a desk officer or an approver
 * gets a password no administrator knows. The current password keeps working until the link is used.
 */
export async function sendPasswordLink(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { u } = await userInScope(ctx, id, 'users.manage', tx);
    if (u.status !== 'active') throw fieldError('status', 'field.account_disabled');
    if (!u.email) throw fieldError('email', 'field.email_for_invite');
    if (!(await mailPasswordLink(ctx, tx, u, 'invite'))) throw new AppError('rate_limited');
    await audit(tx, ctx, {
      action: 'user.password_link_sent',
      entityType: 'user',
      entityId: id,
      unitId: u.unitId,
    });
    return { sent: true as const };
  });
}

/** For a lost phone: two-factor is cleared and must be enrolled again at next sign-in. */
export async function resetTotp(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { u } = await userInScope(ctx, id, 'users.manage', tx);
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        secondFactorFailures: 0,
        secondFactorLockedUntil: null,
        ...credentialsSetter(ctx),
      })
      .where(eq(users.id, id));
    // Told as widely as a removal: the only custodian may be the account taken over (sec26 N2).
    await tellCustodians(
      tx,
      id,
      u.fullName,
      'notification.key_holder_reset',
      removalAudience(ctx.actor.userId),
    );
    await mailOwner(ctx, tx, u);
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    const suspended = await suspendApprovalGrants(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'user.totp_reset',
      entityType: 'user',
      entityId: id,
      unitId: u.unitId,
      ...(suspended.length > 0 ? { changes: { grantsAwaitingApproval: suspended } } : {}),
    });
    return getUser(ctx, id, tx);
  });
}

/**
 * Gives a role. Separation of duties: no one grants themselves a role, and no one holds two roles that
 * must stay apart (`roleConflict`). A new admin grant, or one of a role that reads declarations or runs
 * inspections (`approvalRoles`), waits for a second administrator's approval; a new intake officer or custodian receives report keys only once a colleague who already holds
 * the unit's keys activates them. Each grant that touches reports or administration is told to the unit's
 * custodians.
 */
export async function addGrant(
  ctx: Ctx,
  userId: string,
  input: { role: Role; unitId: string; subtree: boolean },
  db: Db = ctx.db,
) {
  return db.transaction(async (tx) => {
    await userInScope(ctx, userId, 'users.read', tx);
    const [row] = await tx.select().from(units).where(eq(units.id, input.unitId));
    const unit = writableUnit(ctx, row, () => true);
    if (unit.status !== 'active') throw fieldError('unitId', 'field.unit_archived');
    if (!canGrant(ctx.actor, input.role, { unitPath: unit.path }))
      throw fieldError('role', 'field.role_scope');
    const system = ctx.actor.kind === 'system';
    if (!system && ctx.actor.userId === userId) throw fieldError('role', 'field.role_self');
    // The account's row is locked first: two grants sent at once (custodian and intake officer) are
    // decided one after the other, each seeing the other's, never both against the roles held before.
    const [grantee] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    const held = await tx.select({ role: grants.role }).from(grants).where(eq(grants.userId, userId));
    if (
      roleConflict(
        input.role,
        held.map((h) => h.role as Role),
      )
    )
      throw fieldError('role', 'field.role_conflict');
    // Made through the API, sensitive grants always wait for a second person: counting who else exists
    // would let an administrator disable or remove them first. Only the system (first start, the demo,
    // an operator on the server: `liem grants approve`) grants them at once.
    // A report-key holder's grants decide whom reports about a head are kept from, and so whether a
    // desk is apart from that head: one administrator alone could close the channel about a head by
    // giving every desk officer a grant in the head's unit (sec23b N5). Any new grant of theirs waits.
    const keyHolder = held.some((h) => keyRoles.includes(h.role as Role));
    const awaitingApproval = !system && (approvalRoles.includes(input.role) || keyHolder);
    const keysWait = !system && keyRoles.includes(input.role);
    const [g] = await tx
      .insert(grants)
      .values({
        userId,
        role: input.role,
        unitId: unit.id,
        subtree: input.subtree,
        status: awaitingApproval ? 'awaiting_approval' : 'active',
        grantedBy: ctx.actor.userId,
        ...(keysWait ? { keysActivatedAt: null } : {}),
      })
      .onConflictDoNothing()
      .returning();
    if (g) {
      if (!awaitingApproval)
        await notify(tx, {
          userId,
          messageKey: 'notification.grant_added',
          values: { role: `role.${input.role}`, unit: unit.name },
        });
      await audit(tx, ctx, {
        action: 'grant.added',
        entityType: 'user',
        entityId: userId,
        unitId: unit.id,
        changes: {
          role: input.role,
          unitId: unit.id,
          subtree: input.subtree,
          status: g.status,
          ...(keyRoles.includes(input.role) ? { keysActivated: !keysWait } : {}),
        },
      });
      await tellSensitiveGrant(tx, g, unit);
      // A role that waits for a second person waits, too, for the owner's own password: the link is
      // mailed to them now rather than when someone notices (re-test sec27 M2).
      if ((awaitingApproval || keysWait) && grantee!.ownerPasswordPending)
        await mailPasswordLink(ctx, tx, grantee!, 'invite');
    }
    return getUser(ctx, userId, tx);
  });
}

type GrantRow = typeof grants.$inferSelect;

/** Admin and key-role grants are told to the custodians over the unit (and admins awaiting approval to the admins). */
async function tellSensitiveGrant(tx: Db, g: GrantRow, unit: { name: string; path: string }) {
  const role = g.role as Role;
  if (g.status !== 'awaiting_approval' && !approvalRoles.includes(role) && !keyRoles.includes(role)) return;
  const [grantee] = await tx.select({ name: users.fullName }).from(users).where(eq(users.id, g.userId));
  const values = { role: `role.${role}`, unit: unit.name, user: grantee!.name };
  const custodians = await holdersOver(tx, unit.path, ['custodian'], [g.userId]);
  const deciders =
    g.status === 'awaiting_approval'
      ? await holdersOver(tx, unit.path, ['admin'], [g.userId, ...(g.grantedBy ? [g.grantedBy] : [])])
      : [];
  // A new desk officer is told to the coordinators and the other administrators too: the colleague who
  // activates its keys is then not the only one who hears of it (re-test sec27 M2).
  const overseers = keyRoles.includes(role)
    ? await holdersOver(
        tx,
        unit.path,
        ['coordinator', 'admin'],
        [g.userId, ...(g.grantedBy ? [g.grantedBy] : [])],
      )
    : [];
  const inputs = [
    ...[...custodians, ...overseers].map((c) => ({
      userId: c.userId,
      messageKey: 'notification.sensitive_grant' as const,
    })),
    ...deciders.map((d) => ({
      userId: d.userId,
      messageKey: 'notification.grant_awaiting_approval' as const,
    })),
    ...(keyRoles.includes(role) && !g.keysActivatedAt
      ? (await holdersOver(tx, unit.path, keyRoles, [g.userId])).map((k) => ({
          userId: k.userId,
          messageKey: 'notification.keys_awaiting_activation' as const,
        }))
      : []),
  ];
  const seen = new Set<string>();
  for (const i of inputs) {
    const key = `${i.userId}:${i.messageKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await notify(tx, { ...i, values, link: '/app/grants', dedupeKey: `grant:${g.id}:${key}:${g.status}` });
  }
}

/**
 * No one decides on a grant they made or received; the system (an operator on the server) may. An
 * account stands for everyone who ever set its credentials: the people behind the decider (the account
 * and its setters) and those behind the grant (its holder, its maker and the holder's setters) must not
 * meet — an administrator deciding through an account they took over is still themselves (sec26 N1).
 */
const isSecondPerson = (
  ctx: Ctx,
  g: GrantRow,
  holder: { setBy: readonly string[]; createdBy: string | null },
  actorSetters: readonly string[],
) => {
  if (ctx.actor.kind === 'system') return true;
  const behindGrant = new Set([
    g.userId,
    ...(g.grantedBy ? [g.grantedBy] : []),
    ...holder.setBy,
    ...(holder.createdBy ? [holder.createdBy] : []),
  ]);
  return ![ctx.actor.userId ?? '', ...actorSetters].some((p) => behindGrant.has(p));
};

/** Everyone who ever set the acting account's credentials (see `isSecondPerson`). */
async function settersOfActor(ctx: Ctx, db: Db): Promise<string[]> {
  if (!ctx.actor.userId) return [];
  const [me] = await db
    .select({ setters: users.credentialSetters })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  return me?.setters ?? [];
}

/** A grant with its unit, locked for a decision on it. */
async function grantForUpdate(tx: Db, grantId: string) {
  const [row] = await tx
    .select({
      g: grants,
      path: units.path,
      unitName: units.name,
      setBy: users.credentialSetters,
      createdBy: users.createdBy,
      ownerPasswordPending: users.ownerPasswordPending,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .innerJoin(users, eq(users.id, grants.userId))
    .where(eq(grants.id, grantId))
    .for('update', { of: grants });
  return row;
}

/**
 * A second person vouches only for an account whose password its owner set through a link mailed to
 * them: one an administrator made or reset may still be theirs to sign in as (re-test sec27 M2). The
 * operator on the server is trusted as ever.
 */
function ownerHoldsPassword(ctx: Ctx, row: { ownerPasswordPending: boolean }) {
  if (ctx.actor.kind !== 'system' && row.ownerPasswordPending) throw new AppError('owner_password_pending');
}

/**
 * And only having met whoever holds it: the code its holder reads out in person (`vouchCode`). A mailbox
 * an administrator typed in, or an account they made and signed in to, no longer passes for a colleague
 * (re-test sec28 S1, S3): to get the code, the one who decides must deal with the account's holder.
 */
function metTheHolder(
  ctx: Ctx,
  row: { g: GrantRow; passwordChangedAt: Date | null },
  code: string | undefined,
) {
  if (ctx.actor.kind === 'system') return;
  if (!sameCode(code, vouchCode(row.g.id, { id: row.g.userId, passwordChangedAt: row.passwordChangedAt })))
    throw fieldError('code', 'field.vouch_code');
}

/** A second administrator approves an admin grant; never the one who made it, nor the one who receives it. */
export async function approveGrant(ctx: Ctx, grantId: string, code?: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await grantForUpdate(tx, grantId);
    if (!row || !canGrant(ctx.actor, row.g.role as Role, { unitPath: row.path }))
      throw new AppError('not_found');
    if (row.g.status !== 'awaiting_approval') throw new AppError('conflict');
    if (!isSecondPerson(ctx, row.g, row, await settersOfActor(ctx, tx)))
      throw new AppError('separation_of_duties');
    ownerHoldsPassword(ctx, row);
    metTheHolder(ctx, row, code);
    await tx
      .update(grants)
      .set({ status: 'active', decidedBy: ctx.actor.userId })
      .where(eq(grants.id, grantId));
    await notify(tx, {
      userId: row.g.userId,
      messageKey: 'notification.grant_added',
      values: { role: `role.${row.g.role}`, unit: row.unitName },
    });
    await audit(tx, ctx, {
      action: 'grant.approved',
      entityType: 'user',
      entityId: row.g.userId,
      unitId: row.g.unitId,
      changes: { grantId, role: row.g.role, grantedBy: row.g.grantedBy },
    });
    return getUser(ctx, row.g.userId, tx);
  });
}

/**
 * Who may activate a key-role grant: an active colleague whose own keys over the unit are activated; where
 * no such colleague is left, another administrator over the unit (still a second person); the system.
 */
async function mayActivate(ctx: Ctx, tx: Db, row: { g: GrantRow; path: string }) {
  if (ctx.actor.kind === 'system') return true;
  const holders = await holdersOver(tx, row.path, keyRoles, [row.g.userId]);
  // A holder vouches with their keys open in this session: an account an administrator took over
  // (password or 2FA reset) has its keys locked, and new keys need activating again (replaceKeys).
  if (holders.some((h) => h.userId === ctx.actor.userId))
    return myKeyPair({ ...ctx, db: tx }).then(
      () => true,
      () => false,
    );
  return holders.length === 0 && canGrant(ctx.actor, row.g.role as Role, { unitPath: row.path });
}

/**
 * A colleague who already holds the unit's report keys lets a new intake officer or custodian receive
 * them (four eyes): from then on new reports are sealed to them too, and "share keys" gives them the old.
 */
export async function activateGrantKeys(ctx: Ctx, grantId: string, code?: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await grantForUpdate(tx, grantId);
    if (!row || !keyRoles.includes(row.g.role as Role) || !(await mayActivate(ctx, tx, row)))
      throw new AppError('not_found');
    if (row.g.keysActivatedAt) throw new AppError('conflict');
    if (!isSecondPerson(ctx, row.g, row, await settersOfActor(ctx, tx)))
      throw new AppError('separation_of_duties');
    ownerHoldsPassword(ctx, row);
    metTheHolder(ctx, row, code);
    await tx
      .update(grants)
      .set({ keysActivatedAt: ctx.clock.now(), keysActivatedBy: ctx.actor.userId })
      .where(eq(grants.id, grantId));
    await audit(tx, ctx, {
      action: 'grant.keys_activated',
      entityType: 'user',
      entityId: row.g.userId,
      unitId: row.g.unitId,
      changes: { grantId, role: row.g.role },
    });
    return { id: grantId, keysActivated: true as const };
  });
}

/** What waits on the actor: admin grants to approve, colleagues whose report keys wait for activation. */
export async function pendingGrants(ctx: Ctx) {
  const grantee = alias(users, 'grantee');
  const granter = alias(users, 'granter');
  const rows = await ctx.db
    .select({
      g: grants,
      path: units.path,
      unitName: units.name,
      userName: grantee.fullName,
      username: grantee.username,
      grantedByName: granter.fullName,
      setBy: grantee.credentialSetters,
      createdBy: grantee.createdBy,
      lastLoginAt: grantee.lastLoginAt,
      ownerPasswordPending: grantee.ownerPasswordPending,
      madeByName: sql<string | null>`(select m.full_name from users m where m.id = ${grantee.createdBy})`,
    })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .innerJoin(grantee, eq(grantee.id, grants.userId))
    .leftJoin(granter, eq(granter.id, grants.grantedBy))
    .where(
      and(
        eq(grantee.status, 'active'),
        or(eq(grants.status, 'awaiting_approval'), isNull(grants.keysActivatedAt)),
      ),
    )
    .orderBy(asc(grants.createdAt))
    .limit(500);
  const mine = ctx.actor.userId;
  const actorSetters = await settersOfActor(ctx, ctx.db);
  // The actor's own key-role grants that are activated: only those let them activate a colleague's.
  const activated = new Set(
    mine
      ? (
          await ctx.db
            .select({ id: grants.id })
            .from(grants)
            .where(
              and(
                eq(grants.userId, mine),
                inArray(grants.role, [...keyRoles]),
                isNotNull(grants.keysActivatedAt),
              ),
            )
        ).map((g) => g.id)
      : [],
  );
  const holderGrants = (ctx.actor.grants as Array<Grant & { id?: string }>).filter(
    (g) => keyRoles.includes(g.role) && g.id !== undefined && activated.has(g.id),
  );
  // Key holders per unit, looked up once for all the grants waiting in it.
  const holders = new Map<string, Promise<Array<{ userId: string }>>>();
  const noOtherHolder = async (path: string, grantee: string) => {
    if (!holders.has(path)) holders.set(path, holdersOver(ctx.db, path, keyRoles, []));
    return (await holders.get(path)!).every((h) => h.userId === grantee);
  };
  const items = [];
  for (const r of rows) {
    const kind: 'approval' | 'keys' = r.g.status === 'awaiting_approval' ? 'approval' : 'keys';
    const visible =
      kind === 'approval'
        ? canGrant(ctx.actor, r.g.role as Role, { unitPath: r.path })
        : keyRoles.includes(r.g.role as Role) &&
          (holderGrants.some((g) => grantCovers(g, r.path)) ||
            // Where no colleague holds the unit's keys, another administrator activates.
            (canGrant(ctx.actor, r.g.role as Role, { unitPath: r.path }) &&
              (await noOtherHolder(r.path, r.g.userId))));
    if (!visible) continue;
    items.push({
      id: r.g.id,
      kind,
      role: r.g.role,
      userId: r.g.userId,
      userName: r.userName,
      username: r.username,
      unitId: r.g.unitId,
      unitName: r.unitName,
      grantedByName: r.grantedByName,
      createdAt: r.g.createdAt.toISOString(),
      // Shown, but refused if tried: no one decides on their own request or their own grant.
      canDecide: isSecondPerson(ctx, r.g, r, actorSetters) && !r.ownerPasswordPending,
      account: {
        madeByName: r.madeByName,
        credentialsSetByAdmin: r.createdBy !== null || r.setBy.length > 0,
        everSignedIn: r.lastLoginAt !== null,
        ownerPasswordPending: r.ownerPasswordPending,
      },
    });
  }
  return { items };
}

/** Every grant waiting for a second person, for the operator's command line. */
export async function pendingGrantsForSystem(ctx: Ctx) {
  const granter = alias(users, 'granter');
  const rows = await ctx.db
    .select({ g: grants, unitName: units.name, userName: users.fullName, grantedByName: granter.fullName })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .innerJoin(users, eq(users.id, grants.userId))
    .leftJoin(granter, eq(granter.id, grants.grantedBy))
    .where(or(eq(grants.status, 'awaiting_approval'), isNull(grants.keysActivatedAt)))
    .orderBy(asc(grants.createdAt));
  return rows.map((r) => ({
    id: r.g.id,
    kind: r.g.status === 'awaiting_approval' ? ('approval' as const) : ('keys' as const),
    role: r.g.role,
    userName: r.userName,
    unitName: r.unitName,
    grantedByName: r.grantedByName,
    createdAt: r.g.createdAt.toISOString(),
  }));
}

export async function removeGrant(ctx: Ctx, userId: string, grantId: string) {
  return ctx.db.transaction(async (tx) => {
    await userInScope(ctx, userId, 'users.read', tx);
    const [g] = await tx
      .select({ g: grants, path: units.path })
      .from(grants)
      .innerJoin(units, eq(units.id, grants.unitId))
      .where(and(eq(grants.id, grantId), eq(grants.userId, userId)));
    if (!g) throw new AppError('not_found');
    if (!canGrant(ctx.actor, g.g.role as Role, { unitPath: g.path })) throw new AppError('forbidden');
    if (keyRoles.includes(g.g.role as Role)) {
      const [holder] = await tx.select({ name: users.fullName }).from(users).where(eq(users.id, userId));
      await tellOfRemoval(ctx, tx, userId, holder!.name, false);
    }
    // An overseer's role taken away is told to them and to the other overseers (sec26 N3).
    if (g.g.role === 'coordinator' || g.g.role === 'admin') {
      const [holder] = await tx.select({ name: users.fullName }).from(users).where(eq(users.id, userId));
      await notify(tx, {
        userId,
        messageKey: 'notification.overseer_removed',
        values: { user: holder!.name, role: `role.${g.g.role}` },
      });
      await tellCustodians(tx, userId, holder!.name, 'notification.overseer_removed', {
        ...removalAudience(ctx.actor.userId),
        held: [g.g.role as Role],
      });
    }
    await tx.delete(grants).where(eq(grants.id, grantId));
    await audit(tx, ctx, {
      action: 'grant.removed',
      entityType: 'user',
      entityId: userId,
      unitId: g.g.unitId,
      changes: { role: g.g.role, unitId: g.g.unitId },
    });
    return getUser(ctx, userId, tx);
  });
}
