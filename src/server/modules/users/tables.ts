import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import type { Role } from '#shared/permissions.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    email: text('email'),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    positionId: uuid('position_id').references(() => positions.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: tstz('password_changed_at'),
    status: text('status').notNull().default('active'),
    totpSecret: text('totp_secret'),
    totpEnabledAt: tstz('totp_enabled_at'),
    /** Time step of the last accepted code: a code is accepted once (no replay within its window). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    /** The last failure: the count starts again once it is a day old. */
    failedLoginAt: tstz('failed_login_at'),
    /** Wrong second-factor codes since the last right one; they lock the second step for every client. */
    secondFactorFailures: integer('second_factor_failures').notNull().default(0),
    secondFactorLockedUntil: tstz('second_factor_locked_until'),
    lockedUntil: tstz('locked_until'),
    /**
     * Every administrator who ever took this account's credentials in hand — reset its password or
     * second factor, changed its e-mail: each could sign in as it, so none is ever the second person for
     * its grants, nor decides anything through it with them (re-tests sec24 H1, sec25 N2, sec26 N1).
     */
    credentialSetters: uuid('credential_setters').array().notNull().default(sql`'{}'::uuid[]`),
    /** The administrator who made the account (and saw or chose its first password): never the second person for its grants (sec25 N1). */
    createdBy: uuid('created_by'),
    /**
     * The password in use was made or reset by an administrator, or its reset links go to an address an
     * administrator set: until its owner sets one through a link mailed to them, no one activates the
     * account's report keys or approves its sensitive roles (re-test sec27 M2).
     */
    ownerPasswordPending: boolean('owner_password_pending').notNull().default(false),
    lastLoginAt: tstz('last_login_at'),
    language: text('language').notNull().default('vi'),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(sql`liem_fold(full_name || ' ' || username || ' ' || coalesce(email, ''))`),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_idx').on(t.username),
    uniqueIndex('users_email_idx').on(t.email),
    index('users_unit_idx').on(t.unitId),
    // The default list order: a page is read from the index instead of sorting every row in scope.
    // The list's default order (Vietnamese: letters without tone marks), walked page by page.
    index('users_full_name_idx').on(sql`liem_fold(${t.fullName})`, t.id),
    index('users_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    check('users_status_check', sql`${t.status} in ('active', 'disabled')`),
  ],
);

export const grants = pgTable(
  'grants',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    subtree: boolean('subtree').notNull().default(true),
    /** `awaiting_approval`: an admin grant made where another admin exists, not in force until a second admin approves. */
    status: text('status').notNull().default('active'),
    /** Who made the grant (null: the system, e.g. first start or demo); never the one who approves it. */
    grantedBy: uuid('granted_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    /**
     * For intake officers and custodians: reports are sealed to this grant's holder only once a colleague
     * who already holds the unit's keys has activated it (four eyes). Null while waiting.
     */
    keysActivatedAt: tstz('keys_activated_at').defaultNow(),
    keysActivatedBy: uuid('keys_activated_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('grants_user_role_unit_idx').on(t.userId, t.role, t.unitId),
    check('grants_status_check', sql`${t.status} in ('active', 'awaiting_approval')`),
    index('grants_unit_idx').on(t.unitId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database reader cannot replay sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    stage: text('stage').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    /** The user's report private key, encrypted under a key derived from the cookie token (never stored). */
    keyring: bytea('keyring'),
    /** A newly made recovery key waiting to be shown once, encrypted like the keyring. */
    pendingRecovery: bytea('pending_recovery'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: tstz('expires_at').notNull(),
  usedAt: tstz('used_at'),
  createdAt: createdAt(),
});

/**
 * Failed sign-ins for names that have no account, counted as for accounts (users.failed_logins), so an
 * unknown name is locked out on the same schedule and no answer tells whether an account exists. Keyed by
 * an HMAC of the name under a key kept outside the database: a name typed by mistake (sometimes a
 * password) is not kept readable. Rows go an hour after their last failure.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: tstz('locked_until'),
  lastFailureAt: tstz('last_failure_at').notNull(),
});
