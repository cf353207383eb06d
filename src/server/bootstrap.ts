import { count, eq } from 'drizzle-orm';
import { systemActor } from '#shared/permissions.ts';
import type { Ctx } from './context.ts';
import { ensureReferenceData } from './modules/index.ts';
import { createUnit } from './modules/org/service.ts';
import { units } from './modules/org/tables.ts';
import { addGrant, createUser } from './modules/users/service.ts';
import { users } from './modules/users/tables.ts';

/**
 * First start of an empty database: the top unit and an administrator with a random one-time password,
 * returned once to be printed, and to be changed at first sign-in (2FA enrolment follows).
 */
export async function bootstrap(
  base: Ctx,
  opts: { rootName?: string; rootCode?: string } = {},
): Promise<{ username: string; password: string } | null> {
  const ctx: Ctx = { ...base, actor: systemActor };
  await ensureReferenceData(ctx.db);
  const [n] = await ctx.db.select({ n: count() }).from(users);
  if ((n?.n ?? 0) > 0) return null;
  return ctx.db.transaction(async (tx) => {
    const t = { ...ctx, db: tx };
    const [existing] = await tx
      .select({ id: units.id })
      .from(units)
      .where(eq(units.code, opts.rootCode ?? 'ROOT'));
    const rootId =
      existing?.id ??
      (
        await createUnit(
          t,
          {
            code: opts.rootCode ?? 'ROOT',
            name: opts.rootName ?? 'Cơ quan chủ quản',
            type: 'province',
            parentId: null,
          },
          tx,
        )
      ).id;
    const admin = await createUser(
      t,
      { username: 'admin', fullName: 'Quản trị hệ thống', unitId: rootId, language: 'vi' },
      tx,
    );
    await addGrant(t, admin.id, { role: 'admin', unitId: rootId, subtree: true }, tx);
    return { username: 'admin', password: admin.oneTimePassword! };
  });
}
