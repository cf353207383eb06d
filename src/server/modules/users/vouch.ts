import { createHmac } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { units } from '#server/modules/org/tables.ts';
import { subKey } from '#server/server-key.ts';
import { grants, users } from './tables.ts';

/** Letters and digits no one misreads aloud or on a screen (no 0/O, 1/I/L, U). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The code a person reads, in person, to the colleague who vouches for their waiting grant (re-test sec28
 * S1): only someone signed in as the account sees it, so whoever decides must meet whoever holds the
 * account — a mailbox an administrator typed in proves nothing. It is bound to the grant and to the
 * account's password: a reset by anyone gives a new one. Forty bits; nothing is stored.
 */
export function vouchCode(grantId: string, user: { id: string; passwordChangedAt: Date | null }) {
  const mac = createHmac('sha256', subKey('liem/vouch/v1'))
    .update(`${grantId}|${user.id}|${user.passwordChangedAt?.toISOString() ?? ''}`)
    .digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[mac[i]! % ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** As typed: case, spaces and dashes do not matter. */
export const sameCode = (typed: string | undefined, code: string) =>
  !!typed && typed.toUpperCase().replace(/[\s-]/g, '') === code.replace('-', '');

/** The signed-in person's own grants that wait for a colleague, each with the code to read out. */
export async function myWaitingGrants(db: Db, userId: string) {
  const [me] = await db
    .select({ id: users.id, passwordChangedAt: users.passwordChangedAt, pending: users.ownerPasswordPending })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) return { items: [], ownerPasswordPending: false };
  const rows = await db
    .select({ id: grants.id, role: grants.role, status: grants.status, unitName: units.name })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(
      and(
        eq(grants.userId, userId),
        or(eq(grants.status, 'awaiting_approval'), isNull(grants.keysActivatedAt)),
      ),
    );
  return {
    // Until the owner has set their own password there is nothing a colleague may decide, and no code.
    ownerPasswordPending: me.pending,
    items: rows.map((g) => ({
      grantId: g.id,
      role: g.role,
      unitName: g.unitName,
      kind: g.status === 'awaiting_approval' ? ('approval' as const) : ('keys' as const),
      code: me.pending ? null : vouchCode(g.id, me),
    })),
  };
}

/** For the operator's tools and tests: the code of a grant, as its holder sees it. */
export async function vouchCodeOf(db: Db, grantId: string) {
  const [row] = await db
    .select({ id: users.id, passwordChangedAt: users.passwordChangedAt })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(eq(grants.id, grantId));
  return row ? vouchCode(grantId, row) : null;
}
