import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '#server/mail.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { sessions } from '#server/modules/users/tables.ts';
import { startSmtp } from '#test/smtp.ts';
import { createWorld, sessionFor, type World } from '#test/world.ts';
import { bossDb } from './queue.ts';
import { maintainEmbedded, registerWorkers } from './workers.ts';

let w: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  w = await createWorld();
  smtp = await startSmtp();
  const mailer = createMailer(
    { smtpUrl: smtp.url, mailFrom: 'Liêm <liem@test.invalid>', dataDir: '/tmp' },
    w.ctx.log,
  );
  await registerWorkers(w.jobs, { ...w.ctx, mailer });
});
afterAll(async () => {
  await w.close();
  await smtp.close();
});

async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('background workers', () => {
  it('deliver a queued e-mail over SMTP exactly once', async () => {
    await w.database.db.transaction(async (tx) => {
      await w.jobs.send(
        'mail.send',
        { to: 'nguoi.nhan@test.invalid', subject: 'Thông báo thử', text: 'Nội dung tiếng Việt có dấu.' },
        tx,
      );
    });
    await until(() => smtp.received.length === 1);
    expect(smtp.received[0]).toContain('nguoi.nhan@test.invalid');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received).toHaveLength(1);
  });

  it('a job sent in a rolled-back transaction never runs', async () => {
    await w.database.db
      .transaction(async (tx) => {
        await w.jobs.send('mail.send', { to: 'khong.gui@test.invalid', subject: 'x', text: 'x' }, tx);
        tx.rollback();
      })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.received.some((m) => m.includes('khong.gui'))).toBe(false);
  });

  it('the retention job deletes the content of reports closed long ago', async () => {
    const { submitReport } = await import('#server/modules/reports/service.ts');
    const { reports } = await import('#server/modules/reports/tables.ts');
    const { eq } = await import('drizzle-orm');
    // The world's intake officer holds keys (signed in as after a real sign-in): the report is sealed to them.
    const ok = await submitReport(w.ctx, {
      receivedUnitId: w.units.A,
      categoryCode: 'other',
      channel: 'walk_in',
      content: {
        title: 'Lưu trữ',
        description: 'Sẽ bị xóa',
        officials: null,
        when: null,
        where: null,
        amountVnd: null,
      },
      identity: null,
      consent: false,
      files: [],
    });
    await w.database.db
      .update(reports)
      .set({ status: 'closed', closedAt: new Date('2019-01-01T00:00:00Z') })
      .where(eq(reports.id, ok.id));
    await w.jobs.send('reports.retention', {});
    await until(
      async () => !!(await w.database.db.select().from(reports).where(eq(reports.id, ok.id)))[0]!.purgedAt,
    );
    const [r] = await w.database.db.select().from(reports).where(eq(reports.id, ok.id));
    expect(r!.content).toBeNull();
  });

  it('housekeeping removes ended sessions', async () => {
    await sessionFor(w.database, w.users.declarant.userId, new Date('2020-01-01T00:00:00Z'));
    const before = (await w.database.db.select({ n: count() }).from(sessions))[0]!.n;
    await w.jobs.send('housekeeping', {});
    await until(async () => (await w.database.db.select({ n: count() }).from(sessions))[0]!.n < before);
    const after = (await w.database.db.select({ n: count() }).from(sessions))[0]!.n;
    expect(after).toBe(before - 1);
  });
});

describe('the queue database', () => {
  it("returns every statement's rows of a text with several, as pg-boss's maintenance reads them", async () => {
    const res = await bossDb(w.database).executeSql('select 1 as a; select 2 as b');
    const rows = Array.isArray(res) ? res.flatMap((r: { rows: unknown[] }) => r.rows) : res.rows;
    expect(rows).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await bossDb(w.database).executeSql('select $1::int as c', [3])).rows).toEqual([{ c: 3 }]);
  });

  it('nightly upkeep gives the planner real row counts (PGlite has no autovacuum)', async () => {
    const estimate = async () =>
      Number(
        (
          (await w.database.db.execute(
            sql`select reltuples from pg_class where oid = 'notifications'::regclass`,
          )) as unknown as { rows: Array<{ reltuples: number }> }
        ).rows[0]!.reltuples,
      );
    const userId = w.users.admin!.userId;
    await w.database.db
      .insert(notifications)
      .values(Array.from({ length: 300 }, (_, i) => ({ userId, messageKey: `test.${i}`, link: '/' })));
    const before = await estimate();
    await maintainEmbedded(w.database.db);
    const after = await estimate();
    const [row] = await w.database.db.select({ n: count() }).from(notifications);
    // A server's autovacuum may have counted them already; the embedded database never does.
    if (w.database.kind === 'pglite') expect(before).not.toBe(row!.n);
    expect(after).toBe(row!.n);
  });
});
