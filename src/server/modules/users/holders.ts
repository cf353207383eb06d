import { and, eq, inArray, isNotNull, notInArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { keyRoles, type Role } from '#shared/permissions.ts';
import { grants, users } from './tables.ts';

/**
 * Grants on the unit or on an ancestor that covers it (subtree grants), by path: the unit's lineage names
 * every unit whose grant can cover it.
 */
export function coveringGrant(unitPath: string): SQL {
  const lineage = sql`string_to_array(trim(both '/' from ${unitPath}), '/')::uuid[]`;
  return sql`(${grants.unitId} = any(${lineage}) and (${grants.subtree} or ${grants.unitId} = (${lineage})[cardinality(${lineage})]))`;
}

/** Active users other than `except` holding one of `roleList` in force over the unit (keys activated, for key roles). */
export async function holdersOver(
  tx: Db,
  unitPath: string,
  roleList: readonly Role[],
  except: string[],
  /** Also accounts disabled now: a notice stored for them is read when they are enabled again. */
  disabledToo = false,
) {
  return tx
    .select({ userId: grants.userId })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        inArray(grants.role, [...roleList]),
        eq(grants.status, 'active'),
        isNotNull(grants.keysActivatedAt),
        disabledToo ? undefined : eq(users.status, 'active'),
        except.length > 0 ? notInArray(grants.userId, except) : undefined,
        coveringGrant(unitPath),
      ),
    );
}

/**
 * An administrator's reset of a key holder's password or 2FA, then new keys, is how an account is taken
 * over: the custodians over each unit the holder receives reports for are told, not only the holder.
 */
export async function tellCustodians(
  tx: Db,
  userId: string,
  name: string,
  messageKey:
    | 'notification.key_holder_reset'
    | 'notification.key_holder_new_keys'
    | 'notification.key_holder_removed'
    | 'notification.overseer_disabled'
    | 'notification.overseer_removed'
    | 'notification.key_holder_readdressed',
  /** Who over the holder's desks is told (the custodians by default), and whose grants count as desks. */
  opts: { tell?: Role[]; held?: readonly Role[]; except?: string[]; disabledToo?: boolean } = {},
) {
  const held = await tx
    .select({ path: units.path })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(and(eq(grants.userId, userId), inArray(grants.role, [...(opts.held ?? keyRoles)])));
  const told = new Set<string>();
  for (const { path } of held)
    for (const c of await holdersOver(
      tx,
      path,
      opts.tell ?? ['custodian'],
      [userId, ...(opts.except ?? [])],
      opts.disabledToo,
    ))
      if (!told.has(c.userId)) {
        told.add(c.userId);
        await notify(tx, {
          userId: c.userId,
          messageKey,
          values: { user: name },
        });
      }
}

/** Who is told when a desk officer is taken away: the overseers over the desk, disabled ones included. */
export const removalAudience = (actorId: string | null) => ({
  tell: ['custodian', 'coordinator', 'admin'] as Role[],
  except: actorId ? [actorId] : [],
  disabledToo: true,
});

/**
 * A unit archived, merged or split takes the desk granted on it out of force: each of its officers is
 * told as removed, as when disabled (re-test sec25 N6).
 */
export async function tellDeskClosed(tx: Db, actorId: string | null, unitId: string) {
  const held = await tx
    .selectDistinct({ userId: grants.userId, name: users.fullName })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(eq(grants.unitId, unitId), inArray(grants.role, [...keyRoles]), eq(grants.status, 'active')));
  for (const h of held)
    await tellCustodians(tx, h.userId, h.name, 'notification.key_holder_removed', removalAudience(actorId));
}

/**
 * The people behind an account, as uuid[]s. `core`: itself and every administrator who set its
 * credentials (reset, re-addressed). `full` adds its maker while its owner has not chosen a password
 * through a mailed link: the maker chose or saw the password it signs in with (sec31 F2). Two accounts
 * share someone when one's full set meets the other's core — never through the maker alone: every
 * account one administrator made would otherwise be the same person as every other (sec27 L1), and
 * nobody could handle a colleague's gift where one administrator made every account.
 */
const core = (u: SQL) => sql`array_append(${u}.credential_setters, ${u}.id)`;
const full = (u: SQL) =>
  sql`(${core(u)} || case when ${u}.owner_password_pending and ${u}.created_by is not null then array[${u}.created_by] else '{}'::uuid[] end)`;

/**
 * Which of `others` share someone with the acting account: the same account, or one that an administrator
 * acts through beside the other (see `core` and `full`). Every second-person rule asks this, not only whether the
 * ids differ (re-test sec27 M1).
 */
export async function samePeopleAs(
  db: Db,
  actorId: string | null,
  others: ReadonlyArray<string | null | undefined>,
): Promise<ReadonlySet<string>> {
  const ids = [...new Set(others.filter((o): o is string => !!o))];
  if (!actorId || ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select o.id from ${users} o, ${users} me
      where me.id = ${actorId} and o.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and (o.id = me.id or ${full(sql`o`)} && ${core(sql`me`)} or ${core(sql`o`)} && ${full(sql`me`)})`,
  );
  return new Set(found.map((r) => r.id));
}

/** Whether the acting account and any of these accounts share someone behind them (`samePeopleAs`). */
export async function sharePeople(
  db: Db,
  actorId: string | null,
  others: ReadonlyArray<string | null | undefined>,
): Promise<boolean> {
  return (await samePeopleAs(db, actorId, others)).size > 0;
}
