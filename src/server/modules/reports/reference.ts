import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { userKeys } from '#server/modules/keys/tables.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { unitContacts, units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { reportCategories } from './tables.ts';

export async function listCategories(db: Db) {
  return db
    .select({ code: reportCategories.code, nameVi: reportCategories.nameVi, nameEn: reportCategories.nameEn })
    .from(reportCategories)
    .where(eq(reportCategories.active, true))
    .orderBy(asc(reportCategories.sort));
}

/** Units that can receive reports: at least one active intake officer with a key is granted on them. */
export async function receivingUnits(db: Db) {
  const rows = await db
    .selectDistinct({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .innerJoin(grants, and(eq(grants.unitId, units.id), eq(grants.role, 'intake_officer')))
    .innerJoin(users, and(eq(users.id, grants.userId), eq(users.status, 'active')))
    .innerJoin(userKeys, eq(userKeys.userId, users.id))
    .where(eq(units.status, 'active'))
    .orderBy(asc(units.path));
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/** The receiving bodies with how to reach them outside Liêm, for the portal's contacts page. */
export async function receivingContacts(db: Db) {
  const bodies = await receivingUnits(db);
  if (bodies.length === 0) return [];
  const contacts = await db
    .select()
    .from(unitContacts)
    .where(
      inArray(
        unitContacts.unitId,
        bodies.map((b) => b.id),
      ),
    );
  const byUnit = new Map(contacts.map((c) => [c.unitId, c]));
  return bodies.map((b) => {
    const c = byUnit.get(b.id);
    return {
      ...b,
      address: c?.address ?? null,
      phone: c?.phone ?? null,
      email: c?.email ?? null,
      receptionPlace: c?.receptionPlace ?? null,
      receptionHours: c?.receptionHours ?? null,
      headReceptionSchedule: c?.headReceptionSchedule ?? null,
    };
  });
}

/** Active units whose name matches (for "the unit concerned"), diacritic-insensitive. */
export async function findUnits(db: Db, q: string, limit = 20) {
  if (!q.trim()) return [];
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.status, 'active'), searchFilter(units.search, q)))
    .orderBy(asc(units.depth), asc(units.name))
    .limit(limit);
}
