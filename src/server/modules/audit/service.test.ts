import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Db, rows } from '#server/db/client.ts';
import { createPosition, createUnit, updateUnit } from '#server/modules/org/service.ts';
import {
  type AuditAction,
  type AuditEntity,
  auditActionLabel,
  auditActions,
  auditEntities,
} from '#shared/audit/catalogue.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { chainBody, GENESIS_HASH } from './chain.ts';
import {
  appendCheckpoint,
  auditKeys,
  type Checkpoint,
  macHex,
  readCheckpoints,
  signCheckpoint,
} from './keys.ts';
import { type AuditInput, audit, mailCheckpoints, verifyChain, writeCheckpoint } from './service.ts';
import { auditEvents } from './tables.ts';

/** An event of a kind no module writes; such events form the 'other' stream. */
const testEvent = (action: string, entityId: string): AuditInput => ({
  action: action as AuditAction,
  entityType: 'test' as AuditEntity,
  entityId,
});
/** The event after `e` in its stream. */
const nextInStream = (all: Array<typeof auditEvents.$inferSelect>, e: { seq: number; stream: string }) =>
  all.find((x) => x.seq > e.seq && x.stream === e.stream)!;

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

/**
 * What an attacker with the database but not the key can do: recompute every hash of `seq`'s stream from
 * it on, in plain SHA-256.
 */
async function rehashFrom(tx: Db, seq: number) {
  const all = await events(tx);
  const from = all.find((e) => e.seq === seq)!;
  let prev = from.prevHash;
  for (const e of all.filter((x) => x.seq >= seq && x.stream === from.stream)) {
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
    // The unit it was placed under is named too, not left as an id.
    expect(made.changes.parentId).toBe(w.units.A);
    expect(made.valueNames).toEqual({ [w.units.A]: 'Thanh tra tỉnh' });
    const users = await call(w.app, 'GET', '/api/audit/events?entityType=user&pageSize=5', {
      who: w.users.root_admin,
    });
    for (const e of users.json.items) expect(e.entityName).toMatch(/^[a-z0-9._-]+$/);
    // A position by its name (each module names its own records: auditNames).
    const p = await createPosition(w.ctx, u.id, {
      name: 'Thư ký nhật ký',
      isLeadership: false,
      declarationDuty: false,
    });
    const pos = await call(w.app, 'GET', `/api/audit/events?entityType=position&entityId=${p.id}`, {
      who: w.users.root_admin,
    });
    expect(pos.json.items.map((e: { entityName: string }) => e.entityName)).toEqual(['Thư ký nhật ký']);
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
        audit(w.database.db, w.ctx, testEvent('test.concurrent', `c${i}`)),
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

  it('names the event after a deleted one in its stream', async () => {
    const all = await events();
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq = ${all[2]!.seq}`);
    });
    const after = nextInStream(all, all[2]!);
    expect(report).toMatchObject({ ok: false, firstBad: { seq: after.seq, problem: 'deleted' } });
  });

  it('detects reordering', async () => {
    const all = await events();
    const a = all[1]!;
    const b = nextInStream(all, a);
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
    await audit(w.database.db, w.ctx, testEvent('test.after', 'after'));
    const all = await events();
    const viewed = all.find((e) => e.action === 'identity.viewed')!;
    await audit(w.database.db, w.ctx, { action: 'identity.viewed', entityType: 'report', entityId: 'r2' });
    const next = nextInStream(await events(), viewed);
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq = ${viewed.seq}`);
      await tx.execute(sql`update audit_events set prev_hash = ${viewed.prevHash} where seq = ${next.seq}`);
      await rehashFrom(tx, next.seq);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: next.seq, problem: 'relinked' } });
  });

  it('names truncation of the newest events against the signed checkpoint', async () => {
    await audit(w.database.db, w.ctx, testEvent('test.tail', 't1'));
    const cp = await writeCheckpoint(w.database.db, w.clock.now());
    expect(cp).toMatchObject({ seq: (await events()).at(-1)!.seq });
    expect((await verifyChain(w.database.db)).ok).toBe(true);
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where seq >= ${cp!.seq}`);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: cp!.seq, problem: 'truncated' } });
  });

  it("an auditor's copy of the checkpoints shows truncation even when the local file was trimmed too", async () => {
    await audit(w.database.db, w.ctx, testEvent('test.kept', 'k1'));
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

describe('audit streams', () => {
  const streamsOf = async (entityId: string) =>
    (
      await w.database.db
        .select({ stream: auditEvents.stream })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, entityId))
        .orderBy(asc(auditEvents.seq))
    ).map((r) => r.stream);

  it("chains each module's events apart, and a transaction's events in the stream of its first", async () => {
    await w.database.db.transaction(async (tx) => {
      await audit(tx, w.ctx, { action: 'plan.created', entityType: 'plan', entityId: 'stream-tx' });
      await audit(tx, w.ctx, { action: 'import.committed', entityType: 'plan_items', entityId: 'stream-tx' });
    });
    expect(await streamsOf('stream-tx')).toEqual(['plans', 'plans']);
    await audit(w.database.db, w.ctx, {
      action: 'import.committed',
      entityType: 'units',
      entityId: 'stream-1',
    });
    expect(await streamsOf('stream-1')).toEqual(['imports']);
    expect((await verifyChain(w.database.db)).ok).toBe(true);
  });

  it('names an event moved to another stream as altered', async () => {
    const all = await events();
    const victim = all.find((e) => e.stream === 'org')!;
    const report = await tampered(async (tx) => {
      await tx.execute(sql`update audit_events set stream = 'users' where seq = ${victim.seq}`);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: victim.seq, problem: 'altered' } });
  });

  it('names a whole stream removed since the last checkpoint', async () => {
    await audit(w.database.db, w.ctx, { action: 'file.uploaded', entityType: 'file', entityId: 'whole' });
    const cp = await writeCheckpoint(w.database.db, w.clock.now());
    const head = cp!.heads!.files!;
    const report = await tampered(async (tx) => {
      await tx.execute(sql`delete from audit_events where stream = 'files'`);
    });
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ seq: head.seq, problem: 'truncated' });
  });

  it("holds the 'main' chain written before streams against checkpoints of that time", async () => {
    // A deployment's events from before migration 0022: one chain, 'main', signed without heads.
    const keys = auditKeys();
    const content = {
      id: randomUUID(),
      at: w.clock.now(),
      actorId: null,
      action: 'unit.updated',
      entityType: 'unit',
      entityId: 'legacy',
      unitId: null,
      changes: {},
      requestId: null,
    };
    const hash = macHex(keys, GENESIS_HASH, chainBody(content));
    const [row] = await w.database.db
      .insert(auditEvents)
      .values({ ...content, stream: 'main', prevHash: GENESIS_HASH, hash })
      .returning();
    const original = readFileSync(keys.checkpointFile, 'utf8');
    try {
      appendCheckpoint(keys, signCheckpoint(keys, { seq: row!.seq, hash, at: w.clock.now().toISOString() }));
      expect(await verifyChain(w.database.db)).toMatchObject({ ok: true });
      const report = await tampered(async (tx) => {
        await tx.execute(sql`delete from audit_events where seq = ${row!.seq}`);
      });
      expect(report).toMatchObject({ ok: false, firstBad: { seq: row!.seq, problem: 'truncated' } });
    } finally {
      writeFileSync(keys.checkpointFile, original);
      await w.database.db.execute(sql`delete from audit_events where seq = ${row!.seq}`);
    }
  });

  // PGlite runs one statement at a time: only PostgreSQL can show two transactions at once.
  it.runIf(inject('engine') === 'pg')(
    'a long transaction holds up only its own stream: sign-ins are not kept waiting by an import',
    async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let appended!: () => void;
      const started = new Promise<void>((r) => {
        appended = r;
      });
      const importing = w.database.db.transaction(async (tx) => {
        await audit(tx, w.ctx, { action: 'plan_item.created', entityType: 'plan_item', entityId: 'long' });
        appended();
        await held;
      });
      await started;
      // Another stream's append completes while the import's transaction is still open (had it waited,
      // the import would never be released and the test would time out).
      await audit(w.database.db, w.ctx, {
        action: 'auth.login',
        entityType: 'user',
        entityId: 'not-waiting',
      });
      // The same stream's append waits for the import to commit.
      const same = audit(w.database.db, w.ctx, {
        action: 'plan.updated',
        entityType: 'plan',
        entityId: 'waits',
      });
      let waited = false;
      for (let i = 0; i < 200 && !waited; i++) {
        const waiting = await rows<{ n: number }>(
          w.database.db,
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
        );
        waited = waiting[0]!.n > 0;
        if (!waited) await new Promise((r) => setTimeout(r, 25));
      }
      expect(waited).toBe(true);
      release();
      await importing;
      await same;
      expect(await streamsOf('not-waiting')).toEqual(['auth']);
      expect((await verifyChain(w.database.db)).ok).toBe(true);
    },
  );
});

describe('audit catalogue', () => {
  it('every action written while the tests above ran has labels in both languages', async () => {
    const written = await w.database.db.selectDistinct({ action: auditEvents.action }).from(auditEvents);
    const actions = written.map((e) => e.action).filter((a) => !a.startsWith('test.'));
    expect(actions.length).toBeGreaterThan(3);
    for (const a of actions) {
      expect(auditActions, a).toContain(a);
      expect(auditActionLabel('vi', a)).not.toBe(auditActionLabel('en', a));
    }
    const kinds = await w.database.db.selectDistinct({ kind: auditEvents.entityType }).from(auditEvents);
    for (const { kind } of kinds.filter((k) => k.kind !== 'test'))
      expect(auditEntities, kind).toContain(kind);
  });
});
