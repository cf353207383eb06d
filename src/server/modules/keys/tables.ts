import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, updatedAt } from '#server/db/columns.ts';
import { users } from '#server/modules/users/tables.ts';

/**
 * A recipient's key pair for confidential reports. The private key is stored only wrapped: under a key
 * derived from the user's password (Argon2id, own salt) and under their one-time recovery key.
 */
export const userKeys = pgTable('user_keys', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  publicKey: bytea('public_key').notNull(),
  passwordSalt: bytea('password_salt').notNull(),
  wrappedByPassword: bytea('wrapped_by_password').notNull(),
  wrappedByRecovery: bytea('wrapped_by_recovery').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
