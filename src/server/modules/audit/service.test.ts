import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#server/db/client.ts';
import { createUnit, updateUnit } from '#server/modules/org/service.ts';
import { createWorld, type World } from '#test/world.ts';
import { audit, verifyChain } from './service.ts';
import { auditEvents } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
  for (let i = 0; i < 5; i++)
    await createUnit(w.ctx, { code: `AUD${i}`, name: `Đơn vị ${i}`, type: 'sub_unit', parentId: w.units.B });
});
afterAll(() => w.close());

async function events(db: Db = w.database.db) {
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

/** Each tampering runs in a transaction that is rolled back, so the cases stay independent. */
async function tampered(mutate: (tx: Db) => Promise<void>) {
  let report: Awaited<ReturnType<typeof verifyChain>> | undefined;
  await w.database.db
    .transaction(async (tx) => {
      await mutate(tx);
      report = await verifyChain(tx);
      tx.rollback();
    })
    .catch((e) => {
      if (!String(e).includes('Rollback')) throw e;
    });
  return report!;
}

describe('audit chain', () => {
  it('is intact after normal writes, each in the same transaction as its change', async () => {
    const report = await verifyChain(w.database.db);
    expect(report.ok).toBe(true);
    expect(report.checked).toBe((await events()).length);
    const [e] = await w.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'unit.created'))
      .limit(1);
    expect(e?.changes).toMatchObject({ type: 'province' });
  });

  it('stays one chain when appends arrive at once, each a statement of its own', async () => {
    // No transaction around them: each append takes the chain's lock in its own statement. On
    // PostgreSQL they run on the pool's several connections at once.
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        audit(w.database.db, w.ctx, { action: 'test.concurrent', entityType: 'test', entityId: `c${i}` }),
      ),
    );
    const report = await verifyChain(w.database.db);
    expect(report).toMatchObject({ ok: true, checked: (await events()).length });
    const appended = await w.database.db
      .select({ id: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'test.concurrent'));
    expect(appended).toHaveLength(24);
  });

  it('names the first altered event', async () => {
    const all = await events();
    const victim = all[3]!;
    const report = await tampered(async (tx) => {
      await tx.execute(
        sql`update audit_events set changes = '{"name":"sửa"}'::jsonb where seq = ${victim.seq}`,
      );
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: victim.seq, problem: 'altered' } });
  });

  it('names the event after a deleted one', async () => {
    const all = await events();
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq = ${all[2]!.seq}`);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: all[3]!.seq, problem: 'deleted' } });
  });

  it('detects reordering', async () => {
    const all = await events();
    const [a, b] = [all[1]!, all[2]!];
    // Swap two events' whole content (identity keeps seq itself immutable).
    const overwrite = (tx: Db, seq: number, e: typeof a) => {
      const { seq: _s, ...content } = e;
      return tx.update(auditEvents).set(content).where(eq(auditEvents.seq, seq));
    };
    const report = await tampered(async (tx) => {
      await tx.execute(sql`update audit_events set id = gen_random_uuid() where seq = ${b.seq}`);
      await overwrite(tx, a.seq, b);
      await overwrite(tx, b.seq, a);
    });
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ seq: a.seq, problem: 'reordered' });
  });

  it('records changed fields only, and no secrets', async () => {
    const unit = await createUnit(w.ctx, {
      code: 'AUDX',
      name: 'Tên cũ',
      type: 'sub_unit',
      parentId: w.units.B,
    });
    await updateUnit(w.ctx, unit.id, { name: 'Tên mới', type: 'sub_unit', version: unit.version });
    const [e] = await w.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, unit.id))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(e?.action).toBe('unit.updated');
    expect(e?.changes).toEqual({ name: ['Tên cũ', 'Tên mới'] });
    const all = JSON.stringify(await events());
    expect(all).not.toContain('$argon2');
  });
});
