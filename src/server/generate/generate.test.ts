import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#server/clock.ts';
import { loadConfig } from '#server/config.ts';
import type { Ctx } from '#server/context.ts';
import type { Database } from '#server/db/client.ts';
import { DEMO_PASSWORD } from '#server/demo/seed.ts';
import { verifyChain } from '#server/modules/audit/service.ts';
import { openDeclarationContent } from '#server/modules/declarations/sealed.ts';
import { ensureReferenceData } from '#server/modules/index.ts';
import { decrypt, decryptJson, deriveKey, unseal } from '#server/modules/keys/crypto.ts';
import { ad } from '#server/modules/reports/crypt.ts';
import { systemActor } from '#shared/permissions.ts';
import { openTestDatabase } from '#test/db.ts';
import { GenerateRefused, generate } from './index.ts';
import type { Shape } from './province.ts';

const tiny: Shape = {
  departments: 3,
  departmentSubUnits: 2,
  communes: 4,
  communeSubUnits: 1,
  formerCommunesEach: 2,
  formerDistricts: 2,
  enterprises: 2,
  users: 120,
  reports: 60,
  itemsPerPlan: 5,
  receipts: 2,
  inspectionsPerYear: 6,
};

const ctxOf = (database: Database): Ctx => ({
  db: database.db,
  actor: systemActor,
  log: pino({ level: 'silent' }),
  clock: fixedClock('2026-11-25T02:00:00.000Z'),
  config: loadConfig({ NODE_ENV: 'test' }),
  requestId: null,
  lang: 'vi',
  mailer: { send: async () => {} } as never,
  jobs: null as never,
});

async function fresh() {
  const database = await openTestDatabase();
  await ensureReferenceData(database.db);
  return database;
}

let a: Database;
let b: Database;
let result: Awaited<ReturnType<typeof generate>>;
beforeAll(async () => {
  [a, b] = await Promise.all([fresh(), fresh()]);
  result = await generate(a, ctxOf(a), { scale: 'quick', seed: 7, shape: tiny, quiet: true });
  await generate(b, ctxOf(b), { scale: 'quick', seed: 7, shape: tiny, quiet: true });
}, 120_000);
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('the data generator', () => {
  it('makes the shape asked for, with the reform: dissolved units and their successors', async () => {
    const [units] = await a.query<{ total: number; dissolved: number; merged: number }>(
      `select count(*)::int as total, count(*) filter (where status = 'dissolved')::int as dissolved,
         (select count(*)::int from unit_successors) as merged from units`,
    );
    // province + departments + their sub-units + districts + communes (+ former ones, sub-units) + enterprises
    expect(units!.total).toBe(1 + 3 + 3 * 2 + 2 + 4 * (1 + 2 + 1) + 2);
    expect(units!.dissolved).toBe(2 + 4 * 2);
    expect(units!.merged).toBe(4 * 2);
    const [paths] = await a.query<{ bad: number }>(
      `select count(*)::int as bad from units c left join units p on p.id = c.parent_id
       where c.path not like '%/' || c.id || '/' or (p.id is not null and c.path <> p.path || c.id || '/')`,
    );
    expect(paths!.bad).toBe(0);
    // Ten province-run campaigns over three years, and one per department (up to ten) for its sub-units.
    expect(result.counts).toMatchObject({ reports: 60, campaigns: 10 + 3 });
    const [n] = await a.query<{ reports: number; plans: number }>(
      `select (select count(*)::int from reports) as reports, (select count(*)::int from plans) as plans`,
    );
    expect(n).toEqual({ reports: 60, plans: result.counts.plans });
  });

  it('is deterministic: the same seed gives the same units, people, reports and scores', async () => {
    const snapshot = (d: Database) =>
      Promise.all([
        d.query(`select code, name, type, status from units order by code`),
        d.query(`select username, full_name from users order by username`),
        d.query(`select received_at, category_code, status, kind, next_due_on from reports order by seq`),
        d.query(`select self_score::text, review_score::text from answers order by id`),
      ]);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('encrypts every report to the intake officers of its unit, and the real receipts open theirs', async () => {
    const rows = await a.query<{
      id: string;
      content: Uint8Array;
      sealed: Uint8Array;
      wrapped: Uint8Array;
      salt: Uint8Array;
      user_id: string;
      public_key: Uint8Array;
    }>(
      `select r.id, r.content, k.sealed, uk.wrapped_by_password as wrapped, uk.password_salt as salt,
         k.user_id, uk.public_key
       from reports r
       join report_keys k on k.report_id = r.id and k.purpose = 'content'
       join user_keys uk on uk.user_id = k.user_id
       join grants g on g.user_id = k.user_id and g.role = 'intake_officer'
       order by r.seq limit 5`,
    );
    expect(rows).toHaveLength(5);
    const kek = await deriveKey(DEMO_PASSWORD, rows[0]!.salt);
    for (const r of rows) {
      const privateKey = decrypt(kek, r.wrapped, `user-key:password:${r.user_id}`);
      const key = unseal(r.sealed, { publicKey: r.public_key, privateKey });
      const content = decryptJson<{ title: string }>(key, r.content, ad.content(r.id));
      expect(content.title.length).toBeGreaterThan(5);
    }
    const [unsealed] = await a.query<{ n: number }>(
      `select count(*)::int as n from reports r where not exists
         (select 1 from report_keys k where k.report_id = r.id and k.purpose = 'content')`,
    );
    expect(unsealed!.n).toBe(0);
    const [withReceipt] = await a.query<{ n: number }>(
      `select count(*)::int as n from reports where receipt_key is not null`,
    );
    expect(withReceipt!.n).toBe(tiny.receipts);
    expect(result.sampleReceipts).toHaveLength(tiny.receipts);
  });

  it("numbers officials' own reports apart, dates them to the day and starts their 15-day clock", async () => {
    const [r] = await a.query<{ internal: number; apart: number; day: number; clocked: number }>(
      `select count(*)::int as internal,
         count(*) filter (where seq >= 9000000)::int as apart,
         count(*) filter (where received_at = (received_on::timestamp at time zone 'Asia/Ho_Chi_Minh'))::int as day,
         count(*) filter (where exists (select 1 from started_clocks c where c.subject_id = reports.id
           and c.code = 'internal_report.handling'))::int as clocked
       from reports where channel = 'internal'`,
    );
    expect(r!.internal).toBeGreaterThan(0);
    expect(r).toEqual({ internal: r!.internal, apart: r!.internal, day: r!.internal, clocked: r!.internal });
    const [citizens] = await a.query<{ n: number }>(
      `select count(*)::int n from reports where channel <> 'internal' and seq >= 9000000`,
    );
    expect(citizens!.n).toBe(0);
  });

  it("stores each finalised assessment's total as finalising would", async () => {
    const [t] = await a.query<{ finalised: number; wrong: number }>(
      `select count(*)::int as finalised, count(*) filter (where a.final_total is distinct from
         (select coalesce(sum(coalesce(x.review_score, x.self_score)), 0) from answers x where x.assessment_id = a.id))::int as wrong
       from assessments a where a.status = 'finalised'`,
    );
    expect(t!.finalised).toBeGreaterThan(0);
    expect(t!.wrong).toBe(0);
  });

  it('declares assets for every staff member over three years: rounds, rosters, chained declarations, risk scores', async () => {
    const n = async (db: Database, q: string) => ((await db.query(q))[0] as { n: number }).n;
    expect(result.counts.declarations).toBeGreaterThan(tiny.users * 2.5);
    expect(await n(a, 'select count(*)::int n from declaration_rounds')).toBe(3);
    expect(await n(a, 'select count(*)::int n from declarations')).toBe(result.counts.declarations);
    // Every declaration after the first builds on the one before, a year earlier, and says how much it grew.
    expect(
      await n(
        a,
        `select count(*)::int n from declarations d join declarations p on p.id = d.previous_id
         where p.user_id <> d.user_id or p.year >= d.year or d.increase_vnd <> d.assets_vnd - p.assets_vnd`,
      ),
    ).toBe(0);
    expect(await n(a, 'select count(*)::int n from declaration_risks')).toBe(result.counts.declarations);
    expect(await n(a, 'select count(*)::int n from declaration_risks where score > 0')).toBeGreaterThan(0);
    // Same seed, same amounts and scores.
    const sums =
      'select sum(assets_vnd)::text s, (select sum(score) from declaration_risks)::text r from declarations';
    expect(await b.query(sums)).toEqual(await a.query(sums));
    // The content is sealed and opens with the server key, as the staff app reads it.
    const [row] = (await a.query('select id, content from declarations limit 1')) as Array<{
      id: string;
      content: string;
    }>;
    expect(openDeclarationContent(row!).declarant.fullName).toBeTruthy();
  });

  it("records the state audit's recommendations beside the inspections' ones, owed by units of the province", async () => {
    const [r] = await a.query<{ audit: number; inspection: number; orphan: number }>(
      `select count(*) filter (where source_kind = 'audit')::int as audit,
         count(*) filter (where source_kind = 'inspection')::int as inspection,
         count(*) filter (where source_kind = 'audit' and (source_ref is null or owner_unit_id is null))::int as orphan
       from recommendations`,
    );
    expect(r!.audit).toBeGreaterThan(0);
    expect(r!.inspection).toBeGreaterThan(r!.audit);
    expect(r!.orphan).toBe(0);
    expect(result.counts.recommendations).toBe(r!.audit + r!.inspection);
  });

  it('leaves an intact audit chain with what was generated, and refuses a database that has data', async () => {
    const chain = await verifyChain(a.db);
    expect(chain.ok).toBe(true);
    const [event] = await a.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'data.generated'`,
    );
    expect(event!.changes).toMatchObject({ seed: 7, reports: 60 });
    await expect(
      generate(a, ctxOf(a), { scale: 'quick', seed: 8, shape: tiny, quiet: true }),
    ).rejects.toThrow(GenerateRefused);
  });
});

describe('national scale', () => {
  it('puts provinces of the same shape under one national root, with distinct codes and accounts', async () => {
    const d = await fresh();
    try {
      const res = await generate(d, ctxOf(d), {
        scale: 'national',
        seed: 3,
        provinces: 2,
        shape: tiny,
        quiet: true,
      });
      expect(res.counts.reports).toBe(2 * tiny.reports);
      const roots = await d.query<{ type: string; n: number }>(
        `select type, count(*)::int as n from units where depth <= 1 group by type order by type`,
      );
      expect(roots).toEqual([
        { type: 'national', n: 1 },
        { type: 'province', n: 2 },
      ]);
      // Named accounts exist once (in the first province); every other account is prefixed by its province.
      const [named] = await d.query<{ n: number }>(
        `select count(*)::int as n from users where username = 'dieuphoi'`,
      );
      expect(named!.n).toBe(1);
      const [second] = await d.query<{ n: number }>(
        `select count(*)::int as n from users where username like 'p02.%'`,
      );
      expect(second!.n).toBeGreaterThan(tiny.users / 2);
      expect((await verifyChain(d.db)).ok).toBe(true);
    } finally {
      await d.close();
    }
  }, 120_000);
});
