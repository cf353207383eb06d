import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { conflicts } from '#server/modules/integrity/tables.ts';
import { declareAs, filled, personIn } from '#test/declarations.ts';
import { call, createWorld, type Who, type World } from '#test/world.ts';
import { ensureRiskRules } from './risk.ts';
import { openRound, refreshRoster } from './roster.ts';
import {
  declarationFeatures,
  declarationRisks,
  declarationRoster,
  declarationRounds,
  declarations,
  riskRules,
  verificationCases,
} from './tables.ts';

let w: World;
let roundId: string;
beforeAll(async () => {
  w = await createWorld();
  roundId = (
    await openRound(w.ctx, {
      unitId: w.units.A,
      year: 2026,
      rosterDueOn: '2026-11-01',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    })
  ).id;
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const controller = () => w.users.asset_controller;

/** Submitted, accepted and handed over (scored as it reaches the control agency). */
async function handOver(who: Who, kind: string, year: number, content: unknown) {
  const { id, sub } = await declareAs(w, who, kind, year, content as ReturnType<typeof filled>);
  expect(sub.status, JSON.stringify(sub.json)).toBe(200);
  expect((await api(w.users.declaration_officer, 'POST', `/api/declarations/${id}/accept`)).status).toBe(200);
  expect(
    (await api(w.users.declaration_officer, 'POST', '/api/declarations/hand-over', { ids: [id] })).status,
  ).toBe(200);
  return id;
}

const ids = { land: randomUUID(), house: randomUUID() };
const item = (owner: string, details: Record<string, unknown>, valueVnd: number | null, extra = {}) => ({
  id: randomUUID(),
  owner,
  details,
  valueVnd,
  ...extra,
});
const spouse = { fullName: 'Lê Thị Vợ', birthDate: '1982-02-02', residence: 'Số 1 đường Lý Thường Kiệt' };
const before = filled({
  spouse,
  assets: {
    land_residential: [
      {
        id: ids.land,
        owner: 'declarant',
        details: { address: 'Thửa 12', areaM2: 100 },
        valueVnd: 500_000_000,
      },
    ],
    house: [
      {
        id: ids.house,
        owner: 'declarant',
        details: { address: 'Thửa 12', houseType: 'detached', areaM2: 80 },
        valueVnd: 1_500_000_000,
      },
    ],
  },
});
/** A year later: the spouse's deposits, an account abroad, land held for a brother, a new house with no value, gifts. */
const after = filled({
  spouse,
  assets: {
    ...before.assets,
    house: [
      ...before.assets.house,
      item('declarant', { address: 'Xã Biển', houseType: 'detached', areaM2: 120 }, null, {
        valueUnknownReason: 'Chưa định giá',
      }),
    ],
    land_other: [
      item('spouse', { address: 'Thửa 40', areaM2: 300, otherInfo: 'Đứng tên hộ em trai' }, 200_000_000),
    ],
    money: [item('spouse', { kind: 'deposit' }, 3_000_000_000)],
    abroad_accounts: [
      item('spouse', { holderName: 'Lê Thị Vợ', institution: 'Bank', country: 'Singapore' }, null, {
        currency: 'USD',
        foreignAmount: 10_000,
        rate: 25_000,
      }),
    ],
  },
  income: [
    { recipient: 'declarant', source: 'salary', amountVnd: 240_000_000 },
    { recipient: 'declarant', source: 'gift', amountVnd: 150_000_000 },
  ],
  explanations: Object.fromEntries(
    ['house', 'land_other', 'money', 'abroad_accounts'].map((g) => [g, 'Tiền tiết kiệm của vợ, thừa kế.']),
  ),
});

interface Hit {
  rule: string;
  weight: number;
  values: Record<string, number>;
}
const risksOf = async (query = '') => {
  const res = await api(controller(), 'GET', `/api/declaration-risks?year=2026${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as {
    total: number;
    items: Array<{ declarationId: string; userId: string; score: number; hits: Hit[] }>;
  };
};

const people: Record<string, { userId: string; who: Who; id?: string }> = {};

describe('the explainable risk ranking (issue 18 §7)', () => {
  it('scores each declaration as it is handed over, every hit with the numbers behind it', async () => {
    people.a = await personIn(w, w.units.A1, { declarationDuty: true });
    people.b = await personIn(w, w.units.A1, { leadershipLevel: 'deputy_head_of_division' });
    people.c = await personIn(w, w.units.A, { leadershipLevel: 'head_of_agency' });
    await refreshRoster(w.ctx, roundId, w.units.A);
    await handOver(people.a.who, 'first_time', 2025, before);
    people.a.id = await handOver(people.a.who, 'annual', 2026, after);
    // B: a detached house and no land; C: land and an apartment.
    people.b.id = await handOver(people.b.who, 'annual', 2026, filled());
    people.c.id = await handOver(
      people.c.who,
      'annual',
      2026,
      filled({
        assets: {
          land_residential: [item('declarant', { address: 'Thửa 1', areaM2: 90 }, 400_000_000)],
          house: [
            item('declarant', { address: 'Chung cư A', houseType: 'apartment', areaM2: 70 }, 900_000_000),
          ],
        },
      }),
    );

    const list = await risksOf();
    const byId = new Map(list.items.map((i) => [i.declarationId, i]));
    const a = byId.get(people.a.id)!;
    const hits = Object.fromEntries(a.hits.map((h) => [h.rule, h.values]));
    expect(Object.keys(hits).sort()).toEqual(
      [
        'assets_abroad',
        'cash_above_income',
        'family_rising',
        'gifts_share',
        'increase_exceeds_income',
        'increase_over_threshold',
        'new_property_unvalued',
        'registered_to_others',
        'sensitive_not_verified',
      ].sort(),
    );
    expect(a.score).toBe(a.hits.reduce((s, h) => s + h.weight, 0));
    // The numbers a reader checks: the increase against the threshold in force (1 billion after 01/07/2026).
    expect(hits.increase_over_threshold).toEqual({ increase: 3_450_000_000, threshold: 1_000_000_000 });
    expect(hits.cash_above_income).toEqual({ money: 3_000_000_000, income: 390_000_000, times: 7, limit: 5 });
    expect(hits.gifts_share).toMatchObject({ gifts: 150_000_000, share: 38 });
    expect(hits.family_rising).toEqual({ family: 3_450_000_000, own: 0 });
    expect(hits.new_property_unvalued).toEqual({ items: 1 });
    expect(hits.assets_abroad).toEqual({ items: 1, value: 250_000_000 });
    expect(byId.get(people.b.id)!.hits.map((h) => h.rule)).toEqual(['house_without_land']);
    expect(byId.get(people.c.id)!.score).toBe(0);
    // Ranked by score: A before B before C.
    const order = list.items.map((i) => i.declarationId);
    expect(order.indexOf(people.a.id)).toBeLessThan(order.indexOf(people.b.id));
    expect(order.indexOf(people.b.id)).toBeLessThan(order.indexOf(people.c.id));

    // Filters: by rule, by minimum score.
    expect((await risksOf('&rule=house_without_land')).items.map((i) => i.declarationId)).toEqual([
      people.b.id,
    ]);
    expect((await risksOf(`&minScore=${a.score}`)).items.map((i) => i.declarationId)).toEqual([people.a.id]);
    expect(
      (await api(controller(), 'GET', '/api/declaration-risks?year=2026&rule=x%27%20or%201=1')).json.total,
    ).toBe(0);
  });

  it('judges a declaration by the threshold in force on its date (300 million before 01/07/2026, 1 billion after)', async () => {
    const d = await personIn(w, w.units.A1, { leadershipLevel: 'deputy_head_of_division' });
    await refreshRoster(w.ctx, roundId, w.units.A);
    await handOver(d.who, 'first_time', 2025, filled());
    const bigger = filled({
      assets: {
        ...filled().assets,
        money: [item('declarant', { kind: 'deposit' }, 600_000_000)],
      },
      income: [{ recipient: 'declarant', source: 'salary', amountVnd: 900_000_000 }],
    });
    const id = await handOver(d.who, 'annual', 2026, bigger);
    const rules = async () =>
      (await risksOf()).items
        .find((i) => i.declarationId === id)!
        .hits.map((h) => [h.rule, h.values.threshold]);
    expect(await rules()).not.toContainEqual(['increase_over_threshold', expect.anything()]);
    for (const [on, expected] of [
      ['2026-06-30', [['increase_over_threshold', 300_000_000]]],
      ['2026-07-01', []],
    ] as const) {
      // Dated otherwise (as handed over: the date is kept with what the rules read, fixed from then on).
      await w.database.db.update(declarations).set({ declaredOn: on }).where(eq(declarations.id, id));
      await w.database.db
        .update(declarationFeatures)
        .set({ declaredOn: on })
        .where(eq(declarationFeatures.declarationId, id));
      expect(
        (await api(controller(), 'POST', '/api/declaration-risks/rank', { year: 2026 })).json.ranked,
      ).toBeGreaterThan(3);
      expect((await rules()).filter(([r]) => r === 'increase_over_threshold')).toEqual(expected);
    }
  });

  it('counts late and missing rounds, and a recent verification quiets the sensitive-post rule', async () => {
    const a = people.a!;
    for (const year of [2023, 2024]) {
      const [r] = await w.database.db
        .insert(declarationRounds)
        .values({
          unitId: w.units.B,
          year,
          rosterDueOn: `${year}-12-01`,
          declareDueOn: `${year}-12-31`,
          handoverDueOn: `${year + 1}-01-16`,
        })
        .returning();
      await w.database.db
        .insert(declarationRoster)
        .values({ roundId: r!.id, unitId: w.units.A1, userId: a.userId, reason: 'position_duty' });
    }
    await w.database.db.insert(verificationCases).values({
      controlUnitId: w.units.A,
      userId: a.userId,
      declarationId: a.id!,
      ground: 'lottery',
      groundKnownOn: '2025-02-01',
      decisionDueOn: '2025-02-16',
      decidedOn: '2025-02-10',
    });
    await api(controller(), 'POST', '/api/declaration-risks/rank', { year: 2026 });
    const hits = Object.fromEntries(
      (await risksOf()).items.find((i) => i.declarationId === a.id)!.hits.map((h) => [h.rule, h.values]),
    );
    expect(hits.late_or_missing).toEqual({ rounds: 2, limit: 2 });
    expect(hits.sensitive_not_verified).toBeUndefined();
  });

  it('the control agency at the top tunes a rule and ranks again; the change is audited', async () => {
    const top = await personIn(w, w.units.R, null, 'asset_controller');
    const rule = (await api(top.who, 'GET', '/api/risk-rules')).json.find(
      (r: { code: string }) => r.code === 'cash_above_income',
    );
    expect(rule).toMatchObject({ weight: 15, threshold: 5, active: true });
    const changed = await api(top.who, 'PUT', '/api/risk-rules/cash_above_income', {
      weight: 15,
      threshold: 10,
      active: true,
      version: rule.version,
    });
    expect(changed.status).toBe(200);
    expect(
      (
        await api(top.who, 'PUT', '/api/risk-rules/cash_above_income', {
          weight: 101,
          threshold: 1,
          active: true,
          version: 2,
        })
      ).json.fields,
    ).toHaveProperty('weight');
    const stored = async () =>
      new Map(
        (await w.database.db.select().from(declarationRisks)).map((r) => [r.declarationId, r] as const),
      );
    const before = await stored();
    w.clock.advance(60_000);
    await api(top.who, 'POST', '/api/declaration-risks/rank', { year: 2026 });
    const a = (await risksOf()).items.find((i) => i.declarationId === people.a!.id)!;
    expect(a.hits.map((h) => h.rule)).not.toContain('cash_above_income'); // 7 times is under 10
    // Only what moved is written again: the others keep the time they were computed.
    const after = await stored();
    const rewritten = [...after.values()].filter(
      (r) => r.computedAt.getTime() !== before.get(r.declarationId)!.computedAt.getTime(),
    );
    expect(rewritten.map((r) => r.declarationId)).toContain(people.a!.id);
    expect(rewritten.length).toBeLessThan(after.size);
    for (const r of after.values())
      if (!rewritten.includes(r)) expect(r.hits).toEqual(before.get(r.declarationId)!.hits);
    const logged = await w.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'risk_rule.changed'), eq(auditEvents.entityId, 'cash_above_income')));
    expect(logged[0]!.changes).toMatchObject({ threshold: [5, 10] });
    // The threshold says what it counts; a restart keeps what was tuned and takes the code's words.
    expect(changed.json.thresholdUnit).toBe('times');
    await w.database.db
      .update(riskRules)
      .set({ nameVi: 'Tên cũ' })
      .where(eq(riskRules.code, 'cash_above_income'));
    await ensureRiskRules(w.database.db);
    const [kept] = await w.database.db
      .select()
      .from(riskRules)
      .where(eq(riskRules.code, 'cash_above_income'));
    expect(kept).toMatchObject({ threshold: 10, weight: 15 });
    expect(kept!.nameVi).not.toBe('Tên cũ');
  });

  it("a person's history: every year side by side with its score, read by the control agency only, audited", async () => {
    const a = people.a!;
    // A conflict of interest of theirs in the register (a relative's business interest) shows beside it.
    const [coi] = await w.database.db
      .insert(conflicts)
      .values({
        unitId: w.units.A1,
        personId: a.userId,
        personName: 'Người kê khai',
        reporter: 'self',
        situation: 'business_management',
        task: 'Thẩm định hồ sơ của công ty do vợ làm giám đốc',
        description: 'Vợ là giám đốc công ty đề nghị cấp phép',
        arisenOn: '2026-03-01',
        reportedOn: '2026-03-02',
        impact: 'Có thể ảnh hưởng đến tính khách quan',
      })
      .returning();
    const res = await api(controller(), 'GET', `/api/declarants/${a.userId}/history`);
    expect(res.json.conflicts).toEqual([
      expect.objectContaining({ id: coi!.id, situation: 'business_management', stage: 'reported' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.json.years.map((y: { year: number; kind: string }) => `${y.year} ${y.kind}`)).toEqual([
      '2025 first_time',
      '2026 annual',
    ]);
    expect(res.json.years[1].groups.money).toBe(3_000_000_000);
    expect(res.json.years[1].score).toBeGreaterThan(0);
    expect(res.json.cases.map((c: { decidedOn: string }) => c.decidedOn)).toEqual(['2025-02-10']);
    for (const who of [w.users.declaration_officer, w.users.admin, a.who])
      expect((await api(who, 'GET', `/api/declarants/${a.userId}/history`)).status).toBe(404);
    const viewed = await w.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'declaration.viewed'), eq(auditEvents.entityId, a.id!)));
    expect(viewed.some((e) => (e.changes as { history?: number }).history === 2)).toBe(true);
  });
});
