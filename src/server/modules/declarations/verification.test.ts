import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '#server/modules/notifications/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { declareAs, filled, personIn } from '#test/declarations.ts';
import { call, createWorld, type Who, type World } from '#test/world.ts';
import { draw, type LotteryInputs, type LotteryRecord, shareOf, verifyRecord } from './lottery.ts';
import { verificationCases } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
let roundId: string;
/** Puts everyone whose position declares on the 2026 roster (people are created after the round opens). */
const onRoster = async () =>
  expect(
    (
      await api(w.users.declaration_officer, 'POST', `/api/declaration-rounds/${roundId}/roster/refresh`, {
        unitId: w.units.A,
      })
    ).status,
  ).toBe(200);

/** Declarations of 2026 made, accepted and handed over: what the control agency verifies in 2027. */
async function handedOver(who: Who, content = filled()) {
  const { id, sub } = await declareAs(w, who, 'annual', 2026, content);
  expect(sub.status, JSON.stringify(sub.json)).toBe(200);
  const officer = w.users.declaration_officer;
  expect((await api(officer, 'POST', `/api/declarations/${id}/accept`)).status).toBe(200);
  expect((await api(officer, 'POST', '/api/declarations/hand-over', { ids: [id] })).status).toBe(200);
  return id;
}

const inputs = (over: Partial<LotteryInputs> = {}): LotteryInputs => ({
  algorithm: 'liem-lottery-v1',
  plan: { id: 'p', year: 2027, controlUnit: 'Thanh tra tỉnh', issuedOn: '2027-01-20' },
  unitSharePercent: 20,
  personSharePercent: 10,
  units: Array.from({ length: 12 }, (_, u) => ({
    code: `U${String(u).padStart(2, '0')}`,
    name: `Đơn vị ${u}`,
    annualDeclarants: 25,
    candidates: Array.from({ length: 25 }, (_, i) => ({
      ref: `u${u}-c${i}`,
      name: `Người ${u}.${i}`,
      position: i === 7 ? 'Giám đốc' : 'Chuyên viên',
      leader: i === 7,
    })),
  })),
  excluded: [],
  seedHash: 'unused',
  ...over,
});
const SEED = 'a1'.repeat(32);

describe('the lottery algorithm (liem-lottery-v1)', () => {
  it('draws ≥ 20 % of units and ≥ 10 % of each unit’s declarants with a head or deputy, the same every time', () => {
    const i = inputs();
    const r = draw(i, 'c0mm1t', SEED, ['17', '42']);
    expect(r.units).toHaveLength(shareOf(12, 20));
    expect(r.units).toHaveLength(3);
    for (const code of r.units) {
      expect(r.persons[code]).toHaveLength(3); // ceil(25 × 10 %)
      expect(r.persons[code]).toContain(`u${Number(code.slice(1))}-c7`);
    }
    expect(draw(i, 'c0mm1t', SEED, ['17', '42'])).toEqual(r);
    // Any one input changes the draw: a witness's number, the seed, the commitment.
    expect(draw(i, 'c0mm1t', SEED, ['17', '43'])).not.toEqual(r);
    expect(draw(i, 'c0mm1t', 'b2'.repeat(32), ['17', '42'])).not.toEqual(r);
    expect(draw(i, 'c0mm1u', SEED, ['17', '42'])).not.toEqual(r);
  });

  it('takes everyone of a small unit when the share asks for more than there are, and no unit without candidates', () => {
    const small = inputs({
      unitSharePercent: 100,
      units: [
        {
          code: 'S',
          name: 'Nhỏ',
          annualDeclarants: 40,
          candidates: [{ ref: 'x', name: 'X', position: '', leader: false }],
        },
        { code: 'E', name: 'Trống', annualDeclarants: 3, candidates: [] },
      ],
    });
    const r = draw(small, 'c', SEED, ['1', '2']);
    expect(r.units).toEqual(['S']);
    expect(r.persons.S).toEqual(['x']);
  });
});

describe('the verification plan and its public lottery (issue 18 §5)', () => {
  let planId: string;
  let record: LotteryRecord;
  const people: Array<{ userId: string; who: Who }> = [];

  it('takes the year before’s annual declarants as candidates, with the automatic exclusions shown', async () => {
    const controller = w.users.asset_controller;
    const round = await api(controller, 'POST', '/api/declaration-rounds', {
      unitId: w.units.A,
      year: 2026,
      rosterDueOn: '2026-11-01',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);
    // A1: a deputy head and five officials on sector posts; A: a head and two; one in A never declares.
    people.push(await personIn(w, w.units.A1, { leadershipLevel: 'deputy_head_of_division' }));
    for (let i = 0; i < 5; i++) people.push(await personIn(w, w.units.A1, { declarationDuty: true }));
    people.push(await personIn(w, w.units.A, { leadershipLevel: 'head_of_agency' }));
    for (let i = 0; i < 2; i++) people.push(await personIn(w, w.units.A, { declarationDuty: true }));
    const silent = await personIn(w, w.units.A, { declarationDuty: true });
    roundId = round.json.id;
    await onRoster();
    for (const p of people) await handedOver(p.who);

    // From November the control agency's Home asks for next year's plan, due 31 January (Decree 130
    // Art. 15(1)); a control agency that said nothing was waiting had a plan to issue (issue 17 §9).
    const owedPlan = expect.objectContaining({
      kind: 'verification_plan',
      unitId: w.units.A,
      title: '2027',
      dueOn: '2027-01-31',
    });
    expect((await api(controller, 'GET', '/api/me/deadlines?limit=100')).json.items).toContainEqual(owedPlan);
    const body = { unitId: w.units.A, year: 2027, issuedOn: '2026-11-20' };
    // Only the control agency, and never a share below the law's minimum.
    expect((await api(w.users.declaration_officer, 'POST', '/api/verification-plans', body)).status).toBe(
      400,
    );
    const outside = await api(controller, 'POST', '/api/verification-plans', { ...body, unitId: w.units.B });
    expect(outside.json.fields).toHaveProperty('unitId');
    // Issued by now, in the year or at the end of the one before (a typo of 2028 froze the year's plan).
    for (const issuedOn of ['2028-02-10', '2024-12-01'])
      expect(
        (await api(controller, 'POST', '/api/verification-plans', { ...body, issuedOn })).json.fields,
      ).toHaveProperty('issuedOn');
    const low = await api(controller, 'POST', '/api/verification-plans', { ...body, unitSharePercent: 10 });
    expect(low.json.fields).toHaveProperty('unitSharePercent');
    expect(
      (await api(controller, 'POST', '/api/verification-plans', { ...body, year: 2030 })).json.fields,
    ).toHaveProperty('year');
    // A draft made with a wrong date is withdrawn (nothing of it was published) and made again.
    const wrong = await api(controller, 'POST', '/api/verification-plans', {
      ...body,
      issuedOn: '2026-01-05',
    });
    expect(wrong.status, JSON.stringify(wrong.json)).toBe(201);
    expect((await api(controller, 'DELETE', `/api/verification-plans/${wrong.json.id}`)).status).toBe(204);
    expect((await api(controller, 'GET', `/api/verification-plans/${wrong.json.id}`)).status).toBe(404);
    const created = await api(controller, 'POST', '/api/verification-plans', body);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    planId = created.json.id;
    const draws = (await api(controller, 'GET', '/api/me/deadlines?limit=100')).json.items;
    expect(draws).toContainEqual(expect.objectContaining({ kind: 'verification_draw', dueOn: '2026-11-30' }));
    expect(draws).not.toContainEqual(owedPlan);
    expect(created.json.drawDueOn).toBe('2026-11-30'); // 10 days after the plan (Decree 130 Art. 15(3))
    expect((await api(controller, 'POST', '/api/verification-plans', body)).json.fields).toHaveProperty(
      'year',
    );

    const got = await api(controller, 'GET', `/api/verification-plans/${planId}`);
    const mine = got.json.candidates.filter((c: { userId: string }) =>
      [...people.map((p) => p.userId), silent.userId].includes(c.userId),
    );
    expect(mine).toHaveLength(10);
    expect(mine.find((c: { userId: string }) => c.userId === silent.userId).excludedReason).toBe(
      'no_declaration',
    );
    expect(mine.filter((c: { leader: boolean }) => c.leader)).toHaveLength(2);
    // Each unit has its head or deputy on the list; leave out A1's deputy and the plan warns of it.
    expect(got.json.withoutLeader).not.toContain('Phòng Nghiệp vụ');
    const deputy = mine.find((c: { userId: string }) => c.userId === people[0]!.userId);
    const away = (excludedReason: string | null) =>
      api(controller, 'PATCH', `/api/verification-candidates/${deputy.id}`, {
        excludedReason,
        excludedNote: excludedReason ? 'Học tập ở nước ngoài 18 tháng' : null,
      });
    expect((await away('abroad')).json.withoutLeader).toContain('Phòng Nghiệp vụ');
    expect((await away(null)).json.withoutLeader).not.toContain('Phòng Nghiệp vụ');
    // A page at a time, by name or unit, or only those left out (a province's roster is 50,000 people).
    const [{ fullName }] = (await w.database.db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, silent.userId))) as [{ fullName: string }];
    const found = await api(
      controller,
      'GET',
      `/api/verification-plans/${planId}?q=${encodeURIComponent(fullName)}`,
    );
    expect(found.json.candidates.map((c: { userId: string }) => c.userId)).toContain(silent.userId);
    const left = await api(controller, 'GET', `/api/verification-plans/${planId}?show=excluded&pageSize=1`);
    expect(left.json.candidates).toHaveLength(1);
    expect(left.json.total).toBeGreaterThanOrEqual(1);
    for (const who of [w.users.declaration_officer, w.users.admin, w.users.coordinator, people[0]!.who])
      expect((await api(who, 'GET', `/api/verification-plans/${planId}`)).status).toBe(404);
  });

  it('excludes with a reason of Art. 16 before the commitment, never oneself or an automatic one, then freezes', async () => {
    const controller = w.users.asset_controller;
    const cand = (await api(controller, 'GET', `/api/verification-plans/${planId}`)).json
      .candidates as Array<{
      id: string;
      userId: string;
      fullName: string;
      excludedReason: string | null;
    }>;
    const sick = cand.find((c) => c.userId === people[2]!.userId)!;
    expect(
      (await api(controller, 'PATCH', `/api/verification-candidates/${sick.id}`, { excludedReason: 'other' }))
        .json.fields,
    ).toHaveProperty('excludedNote');
    const ex = await api(controller, 'PATCH', `/api/verification-candidates/${sick.id}`, {
      excludedReason: 'illness',
      excludedNote: 'Giấy xác nhận của bệnh viện tỉnh',
    });
    expect(ex.status).toBe(200);
    const auto = cand.find((c) => c.excludedReason === 'no_declaration')!;
    expect(
      (await api(controller, 'PATCH', `/api/verification-candidates/${auto.id}`, { excludedReason: null }))
        .json.fields,
    ).toHaveProperty('excludedReason');
    expect(
      (
        await api(w.users.declaration_officer, 'PATCH', `/api/verification-candidates/${sick.id}`, {
          excludedReason: null,
        })
      ).status,
    ).toBe(404);

    // Nothing is published before the commitment.
    expect((await api(controller, 'GET', `/api/verification-plans/${planId}/record`)).status).toBe(409);
    const committed = await api(controller, 'POST', `/api/verification-plans/${planId}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.json.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.json.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await api(controller, 'POST', `/api/verification-plans/${planId}/commit`)).status).toBe(409);
    expect(
      (await api(controller, 'PATCH', `/api/verification-candidates/${sick.id}`, { excludedReason: null }))
        .status,
    ).toBe(409);
    const before = await api(controller, 'GET', `/api/verification-plans/${planId}/record`);
    expect(before.json.seed).toBeUndefined();
    // How many each unit left out — never who or why (an illness is nobody's business: re-review N3).
    const left = before.json.inputs.excluded as Array<Record<string, unknown>>;
    for (const x of left) expect(Object.keys(x).sort()).toEqual(['count', 'unit']);
    expect(left.reduce((n, x) => n + (x.count as number), 0)).toBeGreaterThanOrEqual(2);
    const published = JSON.stringify(before.json);
    expect(published).not.toContain('illness');
    expect(published).not.toContain(sick.fullName);
    expect(published).not.toContain('Giấy xác nhận'); // the note is not published
  });

  it('draws with at least two witnesses; the result, the seed and the numbers are published and anyone can recompute them', async () => {
    const controller = w.users.asset_controller;
    const witnesses = [
      { name: 'Trần Văn Ủy', organisation: 'Ủy ban Kiểm tra Tỉnh ủy', value: '271' },
      { name: 'Lê Thị Mặt', organisation: 'Ủy ban MTTQ Việt Nam tỉnh', value: '8' },
    ];
    const one = await api(controller, 'POST', `/api/verification-plans/${planId}/draw`, {
      witnesses: witnesses.slice(0, 1),
    });
    expect(one.json.fields).toHaveProperty('witnesses');
    const bad = await api(controller, 'POST', `/api/verification-plans/${planId}/draw`, {
      witnesses: [witnesses[0], { ...witnesses[1], value: '8; drop' }],
    });
    expect(bad.json.fields).toHaveProperty(['witnesses.1.value']);
    const same = await api(controller, 'POST', `/api/verification-plans/${planId}/draw`, {
      witnesses: [witnesses[0], { ...witnesses[1], name: ' trần văn  ủy' }],
    });
    expect(same.json.fields).toHaveProperty(['witnesses.1.name']);
    const drawn = await api(controller, 'POST', `/api/verification-plans/${planId}/draw`, {
      witnesses,
      minutesRef: '01/BB-TTr',
    });
    expect(drawn.status, JSON.stringify(drawn.json)).toBe(200);
    expect(drawn.json.status).toBe('drawn');
    expect(
      (await api(controller, 'POST', `/api/verification-plans/${planId}/draw`, { witnesses })).status,
    ).toBe(409);

    record = (await api(controller, 'GET', `/api/verification-plans/${planId}/record`)).json as LotteryRecord;
    expect(verifyRecord(record).ok).toBe(true);
    expect(record.witnessValues).toEqual(['271', '8']);
    // Two units with candidates, 20 % → one; its people at 10 % rounded up, a leader among them.
    expect(record.result.units).toHaveLength(1);
    const unit = record.inputs.units.find((u) => u.code === record.result.units[0])!;
    const chosen = record.result.persons[unit.code]!;
    expect(chosen).toHaveLength(Math.min(unit.candidates.length, Math.ceil(unit.annualDeclarants / 10)));
    expect(unit.candidates.filter((c) => chosen.includes(c.ref)).some((c) => c.leader)).toBe(true);

    // Tampering with anything is caught: a number, the seed, a candidate.
    const altered = (f: (r: LotteryRecord) => void) => {
      const r = structuredClone(record);
      f(r);
      return verifyRecord(r)
        .checks.filter((c) => !c.ok)
        .map((c) => c.name);
    };
    // A result someone wrote by hand: another candidate of the unit in place of the first one drawn.
    const other = unit.candidates.find((c) => !chosen.includes(c.ref))!.ref;
    const forged = (r: LotteryRecord) => {
      r.result.persons[unit.code]![0] = other;
    };
    expect(altered(forged)).toEqual(['result']);
    expect(
      altered((r) => {
        r.seed = 'ff'.repeat(32);
      }),
    ).toEqual(expect.arrayContaining(['seed']));
    expect(
      altered((r) => {
        r.inputs.units[0]!.candidates.pop();
      }),
    ).toEqual(expect.arrayContaining(['commitment']));

    // On the control agency's Home: each drawn person's decision by its date (no finding in the title).
    const home = (await api(controller, 'GET', '/api/me/deadlines?limit=100')).json.items as Array<{
      kind: string;
      dueOn: string;
    }>;
    expect(
      home.filter((d) => d.kind === 'verification_step' && d.dueOn === '2026-12-10').length,
    ).toBeGreaterThanOrEqual(chosen.length);
    expect(home.some((d) => d.kind === 'verification_draw')).toBe(false);

    // One verification opened per person drawn, on the lottery ground, its decision due in 15 days.
    const cases = await w.database.db
      .select()
      .from(verificationCases)
      .where(eq(verificationCases.planId, planId));
    expect(cases).toHaveLength(chosen.length);
    expect(cases.every((c) => c.ground === 'lottery' && c.decisionDueOn === '2026-12-10')).toBe(true);
  });

  it('the published record verifies with `liem lottery verify` and with the independent Python verifier in docs/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lottery-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(record));
    const code = record.result.units[0]!;
    const unit = record.inputs.units.find((u) => u.code === code)!;
    const other = unit.candidates.find((c) => !record.result.persons[code]!.includes(c.ref))!.ref;
    writeFileSync(
      bad,
      JSON.stringify({ ...record, result: { ...record.result, persons: { [code]: [other] } } }),
    );
    const py = (file: string) => spawnSync('python3', ['docs/lottery-verify.py', file], { encoding: 'utf8' });
    expect(py(good).status, py(good).stdout + py(good).stderr).toBe(0);
    expect(py(bad).status).toBe(1);
    const out = execFileSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'lottery', 'verify', good], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
    });
    expect(out).toMatch(/OK/);
    const failed = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'lottery', 'verify', bad], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
    });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/result/);
  });
  it('the record is published on the portal for anyone, with the checker; the minutes name the witnesses and who was drawn', async () => {
    // Before the draw nothing is public; after it, the record as the control agency downloads it.
    const list = await w.app.inject({ method: 'GET', url: '/lotteries' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(record.commitment);
    const pub = await w.app.inject({ method: 'GET', url: `/lotteries/${planId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-disposition']).toMatch(/attachment/);
    expect(verifyRecord(JSON.parse(pub.body) as LotteryRecord).ok).toBe(true);
    expect(JSON.parse(pub.body)).toEqual(record);
    for (const url of ['/lotteries/not-a-plan', `/lotteries/${randomUUID()}`])
      expect((await w.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const checker = await w.app.inject({ method: 'GET', url: '/lotteries/verify.py' });
    expect(checker.statusCode).toBe(200);
    expect(checker.body).toBe(readFileSync('docs/lottery-verify.py', 'utf8'));
    // The minutes to sign: the witnesses with the numbers they called, and each person drawn.
    const minutes = await api(w.users.asset_controller, 'GET', `/api/verification-plans/${planId}/minutes`);
    expect(minutes.status).toBe(200);
    const docx = await JSZip.loadAsync(minutes.raw.rawPayload);
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml).toContain('Trần Văn Ủy');
    expect(xml).toContain('271');
    expect(xml).toContain('01/BB-TTr');
    const code = record.result.units[0]!;
    const unit = record.inputs.units.find((u) => u.code === code)!;
    for (const ref of record.result.persons[code]!)
      expect(xml).toContain(unit.candidates.find((c) => c.ref === ref)!.name);
  });
});

describe('a verification through its clocks (issue 18 §6)', () => {
  it('decides with a team free of the person and their family, reports, concludes, publishes — each step in order, on time', async () => {
    const controller = w.users.asset_controller;
    const person = await personIn(w, w.units.A1, { declarationDuty: true });
    const spouse = await personIn(w, w.units.A, null, 'asset_controller');
    const colleague = await personIn(w, w.units.A, null, 'asset_controller');
    const [{ fullName: spouseName }] = (await w.database.db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, spouse.userId))) as [{ fullName: string }];
    await onRoster();
    const content = filled({
      spouse: { fullName: spouseName, birthDate: '1982-02-02', residence: 'Số 1 đường Lý Thường Kiệt' },
    });
    const id = await handedOver(person.who, content);
    const open = (body: unknown) => api(controller, 'POST', '/api/verification-cases', body);
    expect(
      (await open({ declarationId: id, ground: 'lottery', groundKnownOn: '2026-11-20', groundNote: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (
        await open({
          declarationId: id,
          ground: 'denunciation',
          groundKnownOn: '2027-01-01',
          groundNote: 'Đơn tố cáo',
        })
      ).json.fields,
    ).toHaveProperty('groundKnownOn');
    expect(
      (
        await api(person.who, 'POST', '/api/verification-cases', {
          declarationId: id,
          ground: 'denunciation',
          groundKnownOn: '2026-11-20',
          groundNote: 'x',
        })
      ).status,
    ).toBe(400);
    const onRequest = await open({
      declarationId: id,
      ground: 'request',
      groundKnownOn: '2026-11-20',
      groundNote: 'Yêu cầu của Chủ tịch UBND tỉnh',
    });
    expect(onRequest.status).toBe(201);
    expect(onRequest.json.decisionDueOn).toBe('2026-11-27'); // 5 working days (Fri 20 → Fri 27)
    const c = await open({
      declarationId: id,
      ground: 'denunciation',
      groundKnownOn: '2026-11-20',
      groundNote: 'Đơn tố cáo số 12',
    });
    expect(c.json.decisionDueOn).toBe('2026-12-07'); // 15 days → Sat 5 Dec, rolled to Monday

    const step = async (who: Who, body: Record<string, unknown>) => {
      const cur = await api(controller, 'GET', `/api/verification-cases/${c.json.id}`);
      return api(who, 'POST', `/api/verification-cases/${c.json.id}/steps`, {
        version: cur.json.version,
        ...body,
      });
    };
    const decide = (team: Array<{ userId: string; lead: boolean }>) =>
      step(controller, { step: 'decide', on: '2026-11-24', decisionRef: '15/QĐ-TTr', team });
    expect((await step(controller, { step: 'report', on: '2026-11-24' })).json.fields).toHaveProperty('step');
    expect(
      (
        await decide([
          { userId: colleague.userId, lead: true },
          { userId: person.userId, lead: false },
        ])
      ).json.fields,
    ).toHaveProperty('team');
    const fam = await decide([
      { userId: colleague.userId, lead: true },
      { userId: spouse.userId, lead: false },
    ]);
    expect(fam.json.fields.team).toContain(spouseName);
    expect(
      (
        await decide([
          { userId: colleague.userId, lead: true },
          { userId: controller.userId, lead: true },
        ])
      ).json.fields,
    ).toHaveProperty('team');
    expect(
      (
        await step(person.who, {
          step: 'decide',
          on: '2026-11-24',
          decisionRef: 'x',
          team: [
            { userId: colleague.userId, lead: true },
            { userId: controller.userId, lead: false },
          ],
        })
      ).status,
    ).toBe(404);
    const decided = await decide([
      { userId: colleague.userId, lead: true },
      { userId: controller.userId, lead: false },
    ]);
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    expect(decided.json.reportDueOn).toBe('2027-01-08'); // 45 days from 24/11
    // The team asks a bank for information (5 working days; 15 when not readily available) and the person
    // for an explanation by a date it sets; the answers are recorded (Decree 130 Arts. 7–8; Law Art. 44).
    const ask = (who: Who, body: Record<string, unknown>) =>
      api(who, 'POST', `/api/verification-cases/${c.json.id}/requests`, body);
    const bank = await ask(controller, {
      kind: 'information',
      addressee: 'Ngân hàng TMCP Sơn Hà — chi nhánh tỉnh',
      subject: 'Sao kê tài khoản tiền gửi 2025–2026',
      documentRef: '16/TTr-XM',
      sentOn: '2026-11-24',
    });
    expect(bank.status, JSON.stringify(bank.json)).toBe(201);
    expect(bank.json.dueOn).toBe('2026-12-01'); // Tue 24 → Tue 1 Dec, five working days
    const registry = await ask(controller, {
      kind: 'information',
      addressee: 'Văn phòng đăng ký đất đai',
      subject: 'Thửa đất số 143',
      sentOn: '2026-11-24',
      complex: true,
    });
    expect(registry.json.dueOn).toBe('2026-12-15'); // fifteen working days
    expect(
      (await ask(controller, { kind: 'explanation', addressee: 'x', subject: 'y', sentOn: '2026-11-24' }))
        .json.fields,
    ).toHaveProperty('dueOn');
    expect(
      (await ask(person.who, { kind: 'information', addressee: 'x', subject: 'y', sentOn: '2026-11-24' }))
        .status,
    ).toBe(404);
    // Only the team acts in the case: another controller of the agency — here the person's spouse — may not.
    expect(
      (await ask(spouse.who, { kind: 'information', addressee: 'x', subject: 'y', sentOn: '2026-11-24' }))
        .status,
    ).toBe(403);
    expect(
      (
        await ask(controller, {
          kind: 'explanation',
          addressee: 'x',
          subject: 'y',
          sentOn: '2026-11-24',
          dueOn: '2099-12-31',
        })
      ).json.fields,
    ).toHaveProperty('dueOn');
    const explain = await ask(controller, {
      kind: 'explanation',
      addressee: 'Người được xác minh',
      subject: 'Nguồn gốc khoản tiền gửi tăng thêm',
      sentOn: '2026-11-24',
      dueOn: '2026-12-04',
    });
    expect(explain.status).toBe(201);
    const asked = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, person.userId));
    expect(asked.some((n) => n.messageKey === 'notification.verification_explanation')).toBe(true);
    // What waits on an answer is on the control agency's Home, by whom it was asked of.
    const home = await api(controller, 'GET', '/api/me/deadlines');
    const waiting = home.json.items
      .filter((i: { kind: string }) => i.kind === 'verification_request')
      .map((i: { title: string }) => i.title);
    // Whose verification and whom the team asked (the person's name, then the bank).
    expect(waiting).toContainEqual(
      expect.stringMatching(/^Người kê khai \d+ — Ngân hàng TMCP Sơn Hà — chi nhánh tỉnh$/),
    );
    const answered = await api(controller, 'POST', `/api/verification-requests/${bank.json.id}/answer`, {
      answeredOn: '2026-11-25',
      note: 'Ngân hàng cung cấp sao kê, khớp với bản kê khai.',
      version: bank.json.version,
    });
    expect(answered.json).toMatchObject({ answeredOn: '2026-11-25' });
    expect(
      (
        await api(controller, 'POST', `/api/verification-requests/${bank.json.id}/answer`, {
          answeredOn: '2026-11-25',
          note: 'lần hai',
          version: answered.json.version,
        })
      ).status,
    ).toBe(409);
    const withRequests = await api(controller, 'GET', `/api/verification-cases/${c.json.id}`);
    expect(withRequests.json.requests.map((r: { kind: string }) => r.kind)).toEqual([
      'information',
      'information',
      'explanation',
    ]);
    const ext = await step(controller, {
      step: 'extend_report',
      reason: 'Phải xác minh tài sản ở tỉnh khác',
    });
    expect(ext.json.reportDueOn).toBe('2027-02-22'); // 90 days from the decision, the law's maximum
    expect((await step(controller, { step: 'extend_report', reason: 'Lần hai' })).json.fields).toHaveProperty(
      'step',
    );
    expect((await step(controller, { step: 'report', on: '2026-11-30' })).json.fields).toHaveProperty('on');
    const reported = await step(controller, { step: 'report', on: '2026-11-25' });
    expect(reported.json.conclusionDueOn).toBe('2026-12-07'); // 10 days → Sat 5 Dec → Mon 7
    // Found dishonest, the conclusion recommends a sanction (else it is refused on that field).
    const noSanction = await step(controller, {
      step: 'conclude',
      on: '2026-11-25',
      conclusion: 'dishonest',
      note: 'Không kê khai khoản tiền gửi 2 tỷ đồng.',
    });
    expect(noSanction.json.fields).toHaveProperty('sanction');
    const concluded = await step(controller, {
      step: 'conclude',
      on: '2026-11-25',
      conclusion: 'honest',
      note: 'Kê khai trung thực, đầy đủ.',
    });
    expect(concluded.json.publicationDueOn).toBe('2026-12-02'); // 5 working days
    // An honest declaration has no sanction to record.
    expect(
      (
        await step(controller, {
          step: 'sanction',
          on: '2026-11-25',
          outcome: 'warning',
          decisionRef: '1/QĐ',
        })
      ).json.fields,
    ).toHaveProperty('outcome');
    const told = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, person.userId));
    expect(told.some((n) => n.messageKey === 'notification.verification_concluded')).toBe(true);
    const published = await step(controller, {
      step: 'publish',
      on: '2026-11-25',
      where: 'Bảng tin trụ sở Phòng Nghiệp vụ',
    });
    expect(published.json.status).toBe('published');
    expect((await api(w.users.admin, 'GET', `/api/verification-cases/${c.json.id}`)).status).toBe(404);
    // The decision and the conclusion as Word documents, filled from the record; nobody outside reads them.
    const word = async (kind: string) => {
      const res = await api(controller, 'GET', `/api/verification-cases/${c.json.id}/document?kind=${kind}`);
      expect(res.status).toBe(200);
      return (await JSZip.loadAsync(res.raw.rawPayload)).file('word/document.xml')!.async('string');
    };
    const decisionXml = await word('decision');
    expect(decisionXml).toContain('Số: 15/QĐ-TTr');
    expect(decisionXml).toContain('Tổ trưởng');
    expect(decisionXml).toContain('22/02/2027');
    const conclusionXml = await word('conclusion');
    expect(conclusionXml).toContain('Kê khai trung thực');
    expect(conclusionXml).toContain('Bảng tin trụ sở Phòng Nghiệp vụ');
    expect(
      (await api(w.users.admin, 'GET', `/api/verification-cases/${c.json.id}/document?kind=decision`)).status,
    ).toBe(404);
    expect(
      (await api(controller, 'GET', `/api/verification-cases/${c.json.id}/document?kind=minutes`)).status,
    ).toBe(400);
    // Every step's clock ran in the engine's one table: started, extended, done in turn (ADR 0026).
    const clocks = await w.database.query<{
      code: string;
      due_on: string;
      extensions: object;
      done_on: string;
    }>(
      `select code, due_on::text, extensions, done_on::text from started_clocks where subject_id = $1 order by created_at, code`,
      [c.json.id],
    );
    expect(clocks).toEqual([
      {
        code: 'declaration.verification_decision',
        due_on: '2026-12-07',
        extensions: {},
        done_on: '2026-11-24',
      },
      {
        code: 'declaration.verification_report',
        due_on: '2027-02-22',
        extensions: { complex: 1 },
        done_on: '2026-11-25',
      },
      {
        code: 'declaration.verification_conclusion',
        due_on: '2026-12-07',
        extensions: {},
        done_on: '2026-11-25',
      },
      {
        code: 'declaration.verification_publication',
        due_on: '2026-12-02',
        extensions: {},
        done_on: '2026-11-25',
      },
    ]);
  });

  it("records what the competent body decided on a dishonest declaration, once; the unit's metric counts it", async () => {
    const controller = w.users.asset_controller;
    const person = await personIn(w, w.units.A1, { declarationDuty: true });
    await onRoster();
    const id = await handedOver(person.who);
    const [c] = await w.database.db
      .insert(verificationCases)
      .values({
        controlUnitId: w.units.A,
        userId: person.userId,
        declarationId: id,
        ground: 'dishonesty',
        groundKnownOn: '2026-10-01',
        decisionDueOn: '2026-10-15',
        decidedOn: '2026-10-02',
        reportedOn: '2026-11-02',
        concludedOn: '2026-11-10',
        conclusion: 'dishonest',
        sanction: 'Đề nghị kỷ luật cảnh cáo',
        status: 'published',
      })
      .returning();
    const step = (body: Record<string, unknown>, version: number) =>
      api(controller, 'POST', `/api/verification-cases/${c!.id}/steps`, { ...body, version });
    const { metric } = await import('#server/platform/metrics.ts');
    const handled = metric('declarations_dishonest_handled')!;
    const [a1] = await w.database.query<{ path: string }>('select path from units where id = $1', [
      w.units.A1,
    ]);
    const scope = { unitId: w.units.A1, unitPath: a1!.path, year: 2026 };
    expect(await handled.compute(w.database.db, scope)).toMatchObject({ value: 0, detail: '0/1' });
    // A discipline needs its decision; a date before the conclusion is refused.
    const body = { step: 'sanction', on: '2026-11-20', outcome: 'warning' };
    expect((await step(body, 1)).json.fields).toHaveProperty('decisionRef');
    expect(
      (await step({ ...body, on: '2026-11-01', decisionRef: '12/QĐ-UBND' }, 1)).json.fields,
    ).toHaveProperty('on');
    // The person does not record their own.
    expect(
      (await api(person.who, 'POST', `/api/verification-cases/${c!.id}/steps`, { ...body, version: 1 }))
        .status,
    ).toBe(404);
    const done = await step({ ...body, decisionRef: '12/QĐ-UBND' }, 1);
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({
      sanctionOutcome: 'warning',
      sanctionDecidedOn: '2026-11-20',
      sanctionDecisionRef: '12/QĐ-UBND',
      status: 'published',
    });
    expect((await step({ ...body, decisionRef: '13/QĐ' }, 2)).json.fields).toHaveProperty('step');
    expect(await handled.compute(w.database.db, scope)).toMatchObject({ value: 1, detail: '1/1' });
  });
});
