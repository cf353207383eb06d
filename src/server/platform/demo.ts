import { eq } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { newToken, sha256 } from '#server/modules/auth/tokens.ts';
import { keysForNewSession, sessionKeyOf } from '#server/modules/keys/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, sessions, users } from '#server/modules/users/tables.ts';
import type { Role } from '#shared/permissions.ts';

/** What the demo's foundation (units, accounts, contacts) hands to each module's demo step. */
export interface DemoContext {
  /** The system actor on the demo database. */
  ctx: Ctx;
  /** Every demo account's password (README). */
  password: string;
  /** The demo province's root unit. */
  root: { id: string; code: string };
  /** The departments and communes the demo plan and campaigns lead, by code (ids in the same order). */
  leadCodes: string[];
  leadIds: string[];
}

/** A module's part of the demo (issue 16 §1): run once, in the modules' list order, after the foundation. */
export type DemoStep = (d: DemoContext) => Promise<{ sampleReceipt?: string } | undefined>;

async function accountOf(base: Ctx, username: string) {
  const [u] = await base.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo account ${username} is missing`);
  const g = await base.db
    .select({ role: grants.role, unitId: grants.unitId, subtree: grants.subtree, unitPath: units.path })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(eq(grants.userId, u.id));
  return { user: u, grants: g.map((x) => ({ ...x, role: x.role as Role })) };
}

/** A demo account's ctx without a session (for work that opens no sealed key). */
export async function demoActor(base: Ctx, username: string): Promise<Ctx> {
  const { user, grants: g } = await accountOf(base, username);
  return { ...base, actor: { kind: 'user', userId: user.id, grants: g } };
}

/** A demo account's ctx with its keys open, as after a real sign-in; `end` removes the session row. */
export async function demoSession(base: Ctx, username: string, password: string) {
  const { user, grants: g } = await accountOf(base, username);
  const token = newToken();
  const id = sha256(token);
  const keys = await keysForNewSession(
    base.db,
    user,
    g.map((x) => x.role),
    password,
    token,
    id,
  );
  const now = base.clock.now();
  await base.db.insert(sessions).values({
    id,
    userId: user.id,
    stage: 'active',
    csrfToken: newToken(),
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    ...keys,
  });
  const ctx: Ctx = {
    ...base,
    actor: { kind: 'user', userId: user.id, grants: g },
    sessionId: id,
    sessionKey: sessionKeyOf(token),
  };
  return { ctx, userId: user.id, end: () => base.db.delete(sessions).where(eq(sessions.id, id)) };
}
