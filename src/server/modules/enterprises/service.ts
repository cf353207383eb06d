import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { hashPassword } from '#server/modules/auth/passwords.ts';
import { requestPasswordReset } from '#server/modules/auth/service.ts';
import { newToken, safeEqual, sha256 } from '#server/modules/auth/tokens.ts';
import { notify, sendMail } from '#server/modules/notifications/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import type { enterpriseStatuses, RegistrationBody } from '#shared/enterprises/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { communeLevel, type UnitType } from '#shared/org/schemas.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { enterpriseRegistrations, enterprises } from './tables.ts';

const CODE_MINUTES = 30;
const MAX_ATTEMPTS = 5;
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

/** Active communes, for the registration form. */
export async function communes(db: Db) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inArray(units.type, [...communeLevel]), eq(units.status, 'active')))
    .orderBy(asc(units.name));
}

/** A representative asks to register: a 6-digit code goes to their e-mail, nothing else happens yet. */
export async function register(ctx: Ctx, input: RegistrationBody) {
  const [commune] = await ctx.db.select().from(units).where(eq(units.id, input.communeUnitId));
  if (!commune || !communeLevel.includes(commune.type as UnitType) || commune.status !== 'active')
    throw fieldError('communeUnitId', 'field.invalid');
  const [known] = await ctx.db.select().from(enterprises).where(eq(enterprises.taxCode, input.taxCode));
  if (known) throw fieldError('taxCode', 'field.tax_code_taken');
  const [open] = await ctx.db
    .select()
    .from(enterpriseRegistrations)
    .where(
      and(
        eq(enterpriseRegistrations.taxCode, input.taxCode),
        sql`${enterpriseRegistrations.status} in ('unverified', 'verified')`,
      ),
    );
  if (open) throw fieldError('taxCode', 'field.registration_pending');
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction(async (tx) => {
    await tx.insert(enterpriseRegistrations).values({
      id,
      ...input,
      repPhone: input.repPhone ?? null,
      codeHash: codeHash(id, code),
      codeExpiresAt: new Date(ctx.clock.now().getTime() + CODE_MINUTES * 60_000),
    });
    await sendMail(ctx, tx, {
      to: input.repEmail,
      lang: ctx.lang,
      subject: 'mail.enterprise_code.subject',
      body: 'mail.enterprise_code.body',
      values: { name: input.repName, code, minutes: CODE_MINUTES },
    });
    await audit(tx, ctx, {
      action: 'enterprise.registration_requested',
      entityType: 'enterprise_registration',
      entityId: id,
      unitId: commune.id,
      changes: { taxCode: input.taxCode, name: input.name },
    });
  });
  return { id };
}

/** The code from the e-mail proves the address; a few wrong tries end the request. */
export async function verify(ctx: Ctx, id: string, code: string) {
  const [r] = await ctx.db.select().from(enterpriseRegistrations).where(eq(enterpriseRegistrations.id, id));
  if (r?.status !== 'unverified') throw new AppError('not_found');
  if (r.attempts >= MAX_ATTEMPTS || r.codeExpiresAt <= ctx.clock.now())
    throw fieldError('code', 'field.code_expired');
  if (!safeEqual(codeHash(id, code.trim()), r.codeHash)) {
    await ctx.db
      .update(enterpriseRegistrations)
      .set({ attempts: sql`${enterpriseRegistrations.attempts} + 1` })
      .where(eq(enterpriseRegistrations.id, id));
    throw fieldError('code', 'field.code_wrong');
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(enterpriseRegistrations)
      .set({ status: 'verified' })
      .where(eq(enterpriseRegistrations.id, id));
    await audit(tx, ctx, {
      action: 'enterprise.registration_verified',
      entityType: 'enterprise_registration',
      entityId: id,
      unitId: r.communeUnitId,
    });
    const [commune] = await tx.select({ path: units.path }).from(units).where(eq(units.id, r.communeUnitId));
    const coordinators = await tx
      .select({ userId: grants.userId, path: units.path, subtree: grants.subtree })
      .from(grants)
      .innerJoin(units, eq(units.id, grants.unitId))
      .where(eq(grants.role, 'coordinator'));
    for (const c of coordinators.filter((x) =>
      x.subtree ? commune!.path.startsWith(x.path) : commune!.path === x.path,
    ))
      await notify(tx, {
        userId: c.userId,
        messageKey: 'notification.enterprise_registration',
        values: { name: r.name },
        link: '/app/enterprises',
        dedupeKey: `enterprise-registration:${id}:${c.userId}`,
      });
  });
}

const communeUnit = sql`(select name from units cu where cu.id = ${enterpriseRegistrations.communeUnitId})`;

export async function listRegistrations(ctx: Ctx, q: { status?: (typeof enterpriseStatuses)[number] }) {
  if (!canAnywhere(ctx.actor, 'enterprises.manage')) throw new AppError('not_found');
  const rows = await ctx.db
    .select({ r: enterpriseRegistrations, communeName: sql<string>`${communeUnit}`, path: units.path })
    .from(enterpriseRegistrations)
    .innerJoin(units, eq(units.id, enterpriseRegistrations.communeUnitId))
    .where(
      and(
        scopeFilter(ctx.actor, 'enterprises.manage', units.path),
        q.status ? eq(enterpriseRegistrations.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(enterpriseRegistrations.createdAt))
    .limit(500);
  return rows.map(({ r, communeName }) => ({
    id: r.id,
    taxCode: r.taxCode,
    name: r.name,
    sector: r.sector,
    size: r.size,
    address: r.address,
    communeUnitId: r.communeUnitId,
    communeName,
    repName: r.repName,
    repEmail: r.repEmail,
    repPhone: r.repPhone,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  }));
}

async function loadForDecision(ctx: Ctx, tx: Db, id: string) {
  const [row] = await tx
    .select({ r: enterpriseRegistrations, commune: units })
    .from(enterpriseRegistrations)
    .innerJoin(units, eq(units.id, enterpriseRegistrations.communeUnitId))
    .where(eq(enterpriseRegistrations.id, id))
    .for('update');
  if (!row || !can(ctx.actor, 'enterprises.manage', { unitPath: row.commune.path }))
    throw new AppError('not_found');
  if (row.r.status !== 'verified') throw new AppError('conflict');
  return row;
}

/**
 * Approval creates the enterprise (a unit under its commune), its registry entry, and the representative's
 * account with the enterprise_rep role on it; the representative sets a password from the e-mailed link.
 */
export async function approve(ctx: Ctx, id: string) {
  const email = await ctx.db.transaction(async (tx) => {
    const { r, commune } = await loadForDecision(ctx, tx, id);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, r.repEmail));
    if (taken) throw fieldError('repEmail', 'field.email_taken');
    const unitId = randomUUID();
    await tx.insert(units).values({
      id: unitId,
      code: `DN-${r.taxCode}`,
      name: r.name,
      type: 'enterprise',
      parentId: commune.id,
      path: `${commune.path}${unitId}/`,
      depth: commune.depth + 1,
    });
    await tx
      .insert(enterprises)
      .values({ unitId, taxCode: r.taxCode, sector: r.sector, size: r.size, address: r.address });
    const [user] = await tx
      .insert(users)
      .values({
        username: r.repEmail,
        email: r.repEmail,
        fullName: r.repName,
        phone: r.repPhone,
        unitId,
        passwordHash: await hashPassword(newToken()),
        mustChangePassword: true,
      })
      .returning();
    await tx.insert(grants).values({ userId: user!.id, role: 'enterprise_rep', unitId });
    await tx
      .update(enterpriseRegistrations)
      .set({
        status: 'approved',
        unitId,
        userId: user!.id,
        decidedBy: ctx.actor.userId,
        decidedAt: ctx.clock.now(),
      })
      .where(eq(enterpriseRegistrations.id, id));
    await audit(tx, ctx, {
      action: 'enterprise.approved',
      entityType: 'enterprise_registration',
      entityId: id,
      unitId,
      changes: { taxCode: r.taxCode, userId: user!.id },
    });
    return r.repEmail;
  });
  await requestPasswordReset(ctx, email);
  return (await listRegistrations(ctx, {})).find((x) => x.id === id)!;
}

export async function reject(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const { r } = await loadForDecision(ctx, tx, id);
    await tx
      .update(enterpriseRegistrations)
      .set({ status: 'rejected', reason, decidedBy: ctx.actor.userId, decidedAt: ctx.clock.now() })
      .where(eq(enterpriseRegistrations.id, id));
    await audit(tx, ctx, {
      action: 'enterprise.rejected',
      entityType: 'enterprise_registration',
      entityId: id,
      unitId: r.communeUnitId,
      changes: { reason },
    });
    await sendMail(ctx, tx, {
      to: r.repEmail,
      lang: ctx.lang,
      subject: 'mail.enterprise_rejected.subject',
      body: 'mail.enterprise_rejected.body',
      values: { name: r.repName, reason },
    });
  });
  return (await listRegistrations(ctx, {})).find((x) => x.id === id)!;
}

async function enterpriseOf(db: Db, unitId: string) {
  const [row] = await db
    .select({ e: enterprises, name: units.name, path: units.path })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.unitId))
    .where(eq(enterprises.unitId, unitId));
  if (!row) throw new AppError('not_found');
  return row;
}

const present = (row: Awaited<ReturnType<typeof enterpriseOf>>) => ({
  unitId: row.e.unitId,
  name: row.name,
  taxCode: row.e.taxCode,
  sector: row.e.sector,
  size: row.e.size,
  address: row.e.address,
  commitment: row.e.commitment,
  listed: row.e.listed,
});

/** The representative's own enterprises (or, for coordinators, those in scope). */
export async function myEnterprises(ctx: Ctx) {
  const rows = await ctx.db
    .select({ e: enterprises, name: units.name, path: units.path })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.unitId))
    .orderBy(asc(units.name))
    .limit(1000);
  return rows
    .filter(
      (r) =>
        can(ctx.actor, 'enterprises.edit', { unitPath: r.path }) ||
        can(ctx.actor, 'enterprises.manage', { unitPath: r.path }),
    )
    .map(present);
}

export async function updateEnterprise(
  ctx: Ctx,
  unitId: string,
  input: { commitment?: string | null; listed: boolean },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await enterpriseOf(tx, unitId);
    if (!can(ctx.actor, 'enterprises.edit', { unitPath: row.path })) throw new AppError('not_found');
    await tx
      .update(enterprises)
      .set({ commitment: input.commitment ?? null, listed: input.listed, updatedAt: ctx.clock.now() })
      .where(eq(enterprises.unitId, unitId));
    await audit(tx, ctx, {
      action: 'enterprise.updated',
      entityType: 'enterprise',
      entityId: unitId,
      unitId,
      changes: { listed: input.listed },
    });
  });
  return present(await enterpriseOf(ctx.db, unitId));
}

/** Enterprises that opted in, with their latest finalised integrity self-assessment in a published campaign. */
export async function listedEnterprises(db: Db) {
  // One statement: the latest published result per enterprise joins the list (no query per enterprise).
  const res = await db.execute(sql`
    with latest as (
      select distinct on (a.unit_id) a.unit_id, c.year,
        (select coalesce(sum(coalesce(x.review_score, x.self_score)), 0)::float8 from answers x where x.assessment_id = a.id) as total
      from assessments a
      join campaigns c on c.id = a.campaign_id and c.status = 'published'
      join framework_versions v on v.id = c.version_id
      join frameworks f on f.id = v.framework_id and f.kind = 'enterprise_integrity'
      where a.status = 'finalised'
      order by a.unit_id, c.year desc
    )
    select u.name, e.sector, e.commitment, l.year, l.total
    from enterprises e join units u on u.id = e.unit_id left join latest l on l.unit_id = e.unit_id
    where e.listed
    order by u.name`);
  type Row = {
    name: string;
    sector: string;
    commitment: string | null;
    year: number | null;
    total: number | null;
  };
  return (res as unknown as { rows: Row[] }).rows.map((r) => ({
    ...r,
    year: r.year === null ? null : Number(r.year),
    total: r.total === null ? null : Number(r.total),
  }));
}
