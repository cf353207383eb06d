import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#server/db/client.ts';
import { createUnit, updateUnit } from '#server/modules/org/service.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { chainBody } from './chain.ts';
import { auditKeys, type Checkpoint, readCheckpoints } from './keys.ts';
import { audit, mailCheckpoints, verifyChain, writeCheckpoint } from './service.ts';
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
async function tampered(mutate: (tx: Db) => Promise<void>, external: Checkpoint[] = []) {
  let report: Awaited<ReturnType<typeof verifyChain>> | undefined;
  await w.database.db
    .transaction(async (tx) => {
      await mutate(tx);
      report = await verifyChain(tx, undefined, external);
      tx.rollback();
    })
    .catch((e) => {
      if (!String(e).includes('Rollback')) throw e;
    });
  return report!;
}

/** What an attacker with the database but not the key can do: recompute every hash from `seq` on, in plain SHA-256. */
async function rehashFrom(tx: Db, seq: number) {
  const all = await events(tx);
  let prev = all.find((e) => e.seq === seq)!.prevHash;
  for (const e of all.filter((x) => x.seq >= seq)) {
    const { seq: _s, prevHash: _p, hash: _h, ...content } = e;
    const body = chainBody(content);
    const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
    await tx.update(auditEvents).set({ prevHash: prev, hash }).where(eq(auditEvents.seq, e.seq));
    prev = hash;
  }
}

describe('audit log as people read it', () => {
  it('names each record as people know it: a unit by its name, a user by their sign-in name', async () => {
    const u = await createUnit(w.ctx, {
      code: 'NHATKY',
      name: 'Phòng Nhật Ký',
      type: 'sub_unit',
      parentId: w.units.A,
    });
    const res = await call(w.app, 'GET', `/api/audit/events?entityType=unit&pageSize=100`, {
      who: w.users.root_admin,
    });
    expect(res.status).toBe(200);
    const made = res.json.items.find((e: { entityId: string }) => e.entityId === u.id);
    expect(made.entityName).toBe('Phòng Nhật Ký');
    const users = await call(w.app, 'GET', '/api/audit/events?entityType=user&pageSize=5', {
      who: w.users.root_admin,
    });
    for (const e of users.json.items) expect(e.entityName).toMatch(/^[a-z0-9._-]+$/);
  });
});

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

  it('cannot be re-hashed without the key: altering an event and recomputing every later hash is named', async () => {
    const all = await events();
    const victim = all[3]!;
    const report = await tampered(async (tx) => {
      await tx.execute(
        sql`update audit_events set changes = '{"name":"sửa"}'::jsonb where seq = ${victim.seq}`,
      );
      await rehashFrom(tx, victim.seq);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: victim.seq, problem: 'rehashed' } });
  });

  it('names re-linking: an identity view deleted and the chain stitched over it', async () => {
    await audit(w.database.db, w.ctx, { action: 'identity.viewed', entityType: 'report', entityId: 'r1' });
    await audit(w.database.db, w.ctx, { action: 'test.after', entityType: 'test', entityId: 'after' });
    const all = await events();
    const viewed = all.find((e) => e.action === 'identity.viewed')!;
    const next = all.find((e) => e.seq > viewed.seq)!;
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq = ${viewed.seq}`);
      await tx.execute(sql`update audit_events set prev_hash = ${viewed.prevHash} where seq = ${next.seq}`);
      await rehashFrom(tx, next.seq);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: next.seq, problem: 'relinked' } });
  });

  it('names truncation of the newest events against the signed checkpoint', async () => {
    await audit(w.database.db, w.ctx, { action: 'test.tail', entityType: 'test', entityId: 't1' });
    const cp = await writeCheckpoint(w.database.db, w.clock.now());
    expect(cp).toMatchObject({ seq: (await events()).at(-1)!.seq });
    expect((await verifyChain(w.database.db)).ok).toBe(true);
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq >= ${cp!.seq - 1}`);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: cp!.seq, problem: 'truncated' } });
  });

  it("an auditor's copy of the checkpoints shows truncation even when the local file was trimmed too", async () => {
    await audit(w.database.db, w.ctx, { action: 'test.kept', entityType: 'test', entityId: 'k1' });
    const cp = await writeCheckpoint(w.database.db, w.clock.now());
    const copy = await call(w.app, 'GET', '/api/audit/checkpoints', { who: w.users.auditor });
    expect(copy.status).toBe(200);
    expect(copy.json.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(copy.json.checkpoints.at(-1)).toMatchObject({ seq: cp!.seq });
    expect((await call(w.app, 'GET', '/api/audit/checkpoints', { who: w.users.declarant })).status).toBe(404);
    const keys = auditKeys();
    const original = readFileSync(keys.checkpointFile, 'utf8');
    try {
      // Whoever can edit the data directory removes the newest events and the checkpoint that names them.
      writeFileSync(keys.checkpointFile, `${original.trim().split('\n').slice(0, -1).join('\n')}\n`);
      const report = await tampered(async (tx) => {
        await tx.execute(sql`delete from audit_events where seq >= ${cp!.seq}`);
      });
      expect(report.ok).toBe(true); // the machine alone cannot tell
      const withCopy = await tampered(async (tx) => {
        await tx.execute(sql`delete from audit_events where seq >= ${cp!.seq}`);
      }, copy.json.checkpoints);
      expect(withCopy).toMatchObject({ ok: false, firstBad: { seq: cp!.seq, problem: 'truncated' } });
    } finally {
      writeFileSync(keys.checkpointFile, original);
    }
  });

  it("mails the day's signed checkpoints to the auditor when an address is set", async () => {
    expect(await mailCheckpoints(w.ctx)).toBe(false);
    const cp = await writeCheckpoint(w.database.db, w.clock.now());
    const to = 'kiem.toan@example.invalid';
    expect(await mailCheckpoints({ ...w.ctx, config: { ...w.ctx.config, auditCheckpointEmail: to } })).toBe(
      true,
    );
    const jobs = await w.jobs.boss.fetch<{ to: string; text: string }>('mail.send', { batchSize: 20 });
    const mail = jobs.find((j) => j.data.to === to)!;
    const attached = JSON.parse(mail.data.text.slice(mail.data.text.indexOf('{')));
    expect(attached.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(attached.checkpoints.at(-1)).toMatchObject({ seq: cp!.seq, sig: cp!.sig });
  });

  it('refuses a checkpoint file that was edited', async () => {
    const keys = auditKeys();
    const original = readFileSync(keys.checkpointFile, 'utf8');
    const lines = original.trim().split('\n');
    const last = JSON.parse(lines.at(-1)!);
    try {
      writeFileSync(
        keys.checkpointFile,
        `${[...lines.slice(0, -1), JSON.stringify({ ...last, seq: last.seq - 1 })].join('\n')}\n`,
      );
      expect((await verifyChain(w.database.db)).firstBad).toMatchObject({ problem: 'forged_checkpoint' });
    } finally {
      writeFileSync(keys.checkpointFile, original);
    }
    expect((await verifyChain(w.database.db)).ok).toBe(true);
  });

  it('the server anchors the chain at start, and keeps no key in the database', async () => {
    const cps = readCheckpoints(auditKeys());
    expect(cps[0]).toMatchObject({ anchor: true });
    const dump = JSON.stringify(await events());
    const keys = auditKeys();
    expect(dump).not.toContain(keys.mac.toString('hex'));
    expect(dump).not.toContain(keys.ipadHex);
  });

  it('administrators and auditors run verification; others may not', async () => {
    const status = async (who: World['users'][keyof World['users']]) =>
      (await call(w.app, 'GET', '/api/audit/verify', { who })).status;
    expect(await status(w.users.auditor)).toBe(200);
    expect(await status(w.users.admin)).toBe(200);
    expect(await status(w.users.coordinator)).toBe(403);
    expect(await status(w.users.declarant)).toBe(404);
    const report = (await call(w.app, 'GET', '/api/audit/verify', { who: w.users.auditor })).json;
    expect(report).toMatchObject({ ok: true });
    expect(report.checkpoints).toBeGreaterThan(0);
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

describe('audit entity names in both languages', () => {
  it('every kind of record an event is written about has a label, so the log shows no raw code', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { vi } = await import('#shared/i18n/vi.ts');
    const { en } = await import('#shared/i18n/en.ts');
    const root = 'src/server/modules';
    const kinds = new Set<string>();
    for (const dir of readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name))
      for (const f of readdirSync(join(root, dir)))
        if (f.endsWith('.ts') && !f.endsWith('.test.ts'))
          for (const m of readFileSync(join(root, dir, f), 'utf8').matchAll(/entityType: '([a-z_]+)'/g))
            kinds.add(m[1]!);
    expect(kinds.size).toBeGreaterThan(10);
    for (const k of kinds) {
      expect(Object.hasOwn(vi, `entity.${k}`), `${k} (vi)`).toBe(true);
      expect(Object.hasOwn(en, `entity.${k}`), `${k} (en)`).toBe(true);
    }
  });
});
