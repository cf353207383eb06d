import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { handlingUnit } from '#server/modules/integrity/common.ts';
import { agencyOf } from '#server/modules/org/agency.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import type { InternalReportSubmit } from '#shared/reports/schemas.ts';
import { plainName } from './attachments.ts';
import { INTERNAL_CLOCK } from './clocks.ts';
import type { SubmittedFile } from './common.ts';
import { recipientsOf } from './crypt.ts';
import { peopleOf } from './independence.ts';
import { submitReport } from './intake.ts';
import { asNoOne } from './reporter.ts';

/**
 * An official's report of corruption in their own unit (Law 36/2018 Art. 66; ADR 0031). It is a sealed
 * report like a citizen's: its content is readable only by the receiving desk's intake officers, the name
 * only by its custodians, and nothing in the database or the audit chain says which official sent it. The
 * head's desk receives it — the own unit's, or the nearest above it that has one — and the superior
 * unit's desk when the head is involved or the official is the head. It must be handled or transferred
 * within 15 days (complex: 30), on the `internal_report.handling` clock; the reporter follows it with the
 * receipt on the portal, as a citizen does.
 */
const DECLARE = 'integrity.declare' as const;

interface Desk {
  unitId: string;
  unitName: string;
}

async function reporterOf(ctx: Ctx) {
  const me = ctx.actor.userId;
  if (!me) throw new AppError('not_found');
  const person = await handlingUnit(ctx.db, me);
  if (!person) throw new AppError('not_found');
  const [home] = await ctx.db
    .select({ id: units.id, path: units.path, name: units.name, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, person.homeUnitId));
  // Officials report on their own unit: a grant that lets them declare there (every official's role does).
  if (!home || !can(ctx.actor, DECLARE, { unitPath: home.path })) throw new AppError('not_found');
  const heads = person.unitId !== person.homeUnitId;
  return { person, home, heads, agency: await agencyOf(ctx.db, home.path) };
}

/**
 * The nearest unit at or above `unitId` whose report desk (intake officers with their keys) would receive
 * a report: a unit without its own desk is served by the one above it. `independentOf`: a report about the
 * head goes to a desk none of whose people belong to the head's unit — working there, or holding any grant
 * there or below, whatever its role (the head's own grant included) — such a desk is passed over for the
 * next one up (re-tests N1, sec22 F2/F3: the inspectorate's desk was also the province's; the head was
 * given a seat on the superior desk; a desk officer also held a declarant grant in the head's unit), and
 * only when there is none does a desk where the head sits take it, without them.
 */
async function deskFrom(db: Db, unitId: string | null, independentOf?: string): Promise<Desk | null> {
  if (!unitId) return null;
  const [start] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!start) return null;
  const lineage = await rows<{ id: string; path: string; name: string }>(
    db,
    sql`select id, path, name from ${units}
      where id = any(string_to_array(trim(both '/' from ${start.path}), '/')::uuid[]) and status = 'active'
      order by length(path) desc`,
  );
  const own = independentOf ? await peopleOf(db, independentOf) : new Set<string>();
  // The nearest desk wholly apart from the head's unit; failing one, the nearest where someone apart is
  // left, the others kept from the report as everywhere (sealTo, the inbox): one seat given to the head
  // must not close the channel about them (re-test sec22c C6).
  let shared: Desk | null = null;
  for (const u of lineage) {
    const people = await recipientsOf(db, u.path, 'intake_officer');
    const apart = people.filter((p) => !own.has(p.userId)).length;
    if (apart > 0 && apart === people.length) return { unitId: u.id, unitName: u.name };
    if (apart > 0) shared ??= { unitId: u.id, unitName: u.name };
  }
  return shared;
}

/** Where the official's report would go, both ways, for the form to say before anything is written. */
export async function internalReportRoute(ctx: Ctx) {
  const { home, heads, agency } = await reporterOf(ctx);
  // The form asks "is the head involved?": the superior shown is where that report would go.
  const above = agency ?? { id: home.id, parentId: home.parentId };
  const [own, superior] = await Promise.all([
    heads ? null : deskFrom(ctx.db, home.id),
    deskFrom(ctx.db, above.parentId, above.id),
  ]);
  return {
    homeUnitName: home.name,
    own: own && { unitName: own.unitName },
    superior: superior && { unitName: superior.unitName },
    heads,
  };
}

/**
 * Reports each official may send a day, counted only when accepted (re-test sec23 F5: refused requests
 * from anyone had spent a whole office's hourly budget). Counted in this process's memory under a key
 * that lives only here, never stored or logged; the route's per-address ceiling stops floods.
 */
const ACCEPTED_PER_DAY = 10;
const accountKey = randomBytes(32);
const accepted = new Map<string, number>();
function acceptedToday(ctx: Ctx) {
  const day = vnToday(ctx.clock.now());
  const key = `${day}:${createHmac('sha256', accountKey).update(ctx.actor.userId!).digest('base64url')}`;
  return {
    count: () => accepted.get(key) ?? 0,
    add() {
      for (const k of accepted.keys()) if (!k.startsWith(`${day}:`)) accepted.delete(k);
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
    },
  };
}

/**
 * Attempts at the officials' channel an account may make an hour, whatever their outcome: one account's
 * flood stops itself only. Counted in memory under the same process key, never stored or logged.
 */
const ATTEMPTS_PER_HOUR = 60;
const attempts = new Map<string, number>();
export function countAttempt(ctx: Ctx) {
  const hour = ctx.clock.now().toISOString().slice(0, 13);
  const key = `${hour}:${createHmac('sha256', accountKey)
    .update(ctx.actor.userId ?? '')
    .digest('base64url')}`;
  const n = (attempts.get(key) ?? 0) + 1;
  if (n === 1) for (const k of attempts.keys()) if (!k.startsWith(`${hour}:`)) attempts.delete(k);
  attempts.set(key, n);
  if (n > ATTEMPTS_PER_HOUR) throw new AppError('rate_limited');
}

export async function submitInternalReport(ctx: Ctx, input: InternalReportSubmit, files: SubmittedFile[]) {
  const { person, home, heads, agency } = await reporterOf(ctx);
  const today = acceptedToday(ctx);
  if (today.count() >= ACCEPTED_PER_DAY) throw new AppError('rate_limited');
  const toSuperior = input.headInvolved || heads;
  // The head involved: above the whole agency; an official who heads their own unit: above that unit.
  const above = input.headInvolved && agency ? agency : { id: home.id, parentId: home.parentId };
  if (toSuperior && !above.parentId) throw fieldError('headInvolved', 'field.no_superior');
  const desk = toSuperior
    ? await deskFrom(ctx.db, above.parentId, above.id)
    : await deskFrom(ctx.db, home.id);
  if (!desk) throw fieldError('headInvolved', 'field.no_desk');
  let identity: NonNullable<Parameters<typeof submitReport>[1]['identity']> | null = null;
  if (input.named) {
    const [u] = await ctx.db
      .select({ fullName: users.fullName, email: users.email })
      .from(users)
      .where(eq(users.id, ctx.actor.userId!));
    identity = {
      fullName: u!.fullName,
      email: u!.email,
      phone: input.phone ?? null,
      idNumber: null,
      address: null,
      workplace: [person.position, home.name].filter(Boolean).join(', '),
    };
  }
  // Received as no one: the audit event, the report and its keys name no actor and no request, so that
  // neither the chain nor the logs tie the report to the official's account (Art. 67's protection).
  const out = await submitReport(asNoOne(ctx), {
    receivedUnitId: desk.unitId,
    concernedUnitId: home.id,
    categoryCode: input.categoryCode,
    content: input.content,
    identity,
    consent: input.named ? input.consent : false,
    channel: 'internal',
    // Kept under plain names, as the portal keeps them: a file's name can name its sender (re-test N2).
    files: files.map((f, i) => plainName(f, i + 1)),
    initialClock: INTERNAL_CLOCK,
    // Kept from the head's whole unit, now and whenever its key is shared later (sec22b N1, N3).
    independentOfUnitId: toSuperior ? above.id : null,
  });
  today.add();
  return { number: out.number, receipt: out.receipt, receivedBy: desk.unitName };
}
