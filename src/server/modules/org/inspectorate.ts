import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import { agencyOf } from '#server/modules/org/agency.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { fieldError } from '#shared/errors.ts';

/**
 * An inspectorate: a unit whose own staff are inspectors over it. A department, or the province's root,
 * is not one — a department forwards what it finds to the inspectorate first (issue-15 re-tests N1, F2).
 */
export async function isInspectorate(db: Db, unitId: string, path: string) {
  const found = await db
    .select({ subtree: grants.subtree, path: units.path })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(
      and(
        eq(grants.role, 'inspector'),
        eq(grants.status, 'active'),
        eq(users.status, 'active'),
        eq(users.unitId, unitId),
      ),
    );
  return found.some((g) => (g.subtree ? path.startsWith(g.path) : path === g.path));
}

/**
 * Would the handler judge itself? The subject is the handler's agency (the nearest unit at or above it
 * that is not a team), a team inside that agency, or a unit above it (re-test sec23 F3: an inspectorate
 * inspected its own team). A unit with its own agency below the handler's is another body.
 */
export async function judgesItself(db: Db, handlerPath: string, subjectPath: string) {
  return judgesItselfBy(await agencyPath(db, handlerPath), subjectPath, await agencyPath(db, subjectPath));
}

/** The same, on agencies already known (an import asks each unit's once, not each row's). */
export const judgesItselfBy = (handlerAgency: string, subjectPath: string, subjectAgency: string) =>
  handlerAgency.startsWith(subjectPath) || subjectAgency === handlerAgency;

/** The path of a unit's agency (its own when none is above it). */
export const agencyPath = async (db: Db, path: string) => (await agencyOf(db, path))?.path ?? path;

/** Names of bodies outside the tree that are in fact units of it (by name or code): chosen from the list instead. */
export async function namesOfUnits(db: Db, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const found = await rows<{ n: string }>(
    db,
    // Compared as words (accents, case, spaces of any kind and punctuation aside), also with the
    // province's place name after it ("Thanh tra tỉnh Sơn Hà"; sec23b N3).
    sql`with words as (select n, trim(regexp_replace(liem_fold(n), '[^a-z0-9]+', ' ', 'g')) w
        from jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) n),
      places as (select trim(regexp_replace(regexp_replace(liem_fold(name), '^(tinh|thanh pho) ', ''),
        '[^a-z0-9]+', ' ', 'g')) place from ${units} where parent_id is null),
      known as (select trim(regexp_replace(liem_fold(name), '[^a-z0-9]+', ' ', 'g')) w,
        trim(regexp_replace(lower(code), '[^a-z0-9]+', ' ', 'g')) c
        from ${units} where status = 'active')
      select n from words where exists (select 1 from known k where words.w in (k.w, k.c)
        or exists (select 1 from places p where words.w = k.w || ' ' || p.place))`,
  );
  return new Set(found.map((r) => r.n));
}

/**
 * The one rule of who handles a case or inspects a unit, wherever it is set (a case opened, moved or joined
 * by a report; an inspection plan or an inspection, typed or imported): an inspectorate, and never of its
 * own agency (itself, a team inside it) or a unit above it — it would judge itself or its superior.
 */
export async function checkHandler(
  db: Db,
  handlerId: string,
  subjectId: string | null | undefined,
  field = 'unitId',
  /** Where an inspection names its subject apart, the refusal of inspecting oneself goes there. */
  subjectField?: string,
) {
  const found = await db
    .select({ id: units.id, path: units.path, status: units.status })
    .from(units)
    .where(inArray(units.id, subjectId ? [handlerId, subjectId] : [handlerId]));
  const handler = found.find((u) => u.id === handlerId);
  const subject = found.find((u) => u.id === subjectId);
  // An archived or dissolved unit handles nothing new (re-test L2: opening a case there was accepted).
  if (handler?.status !== 'active') throw fieldError(field, 'field.invalid');
  if (subject && (await judgesItself(db, handler.path, subject.path)))
    throw subjectField
      ? fieldError(subjectField, 'field.inspects_itself')
      : fieldError(field, 'field.handler_is_subject');
  if (!(await isInspectorate(db, handler.id, handler.path)))
    throw fieldError(field, 'field.not_inspectorate');
}
