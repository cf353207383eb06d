import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDue } from '#server/modules/clocks/service.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { ensureDeclarationReferenceData, parameterOn } from './service.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

type Parameter = { code: string; amountVnd: number | null; value: string | null; evidence: string };
const byCode = (list: Parameter[]) => Object.fromEntries(list.map((p) => [p.code, p]));

describe('the legal parameters of asset and income control as dated data (issue 18)', () => {
  it('a declaration is judged by the thresholds in force on its date: Law 132/2025 changes them on 01/07/2026', async () => {
    const get = async (on: string) =>
      byCode(
        (await call(w.app, 'GET', `/api/declarations/parameters?on=${on}`, { who: w.users.declarant }))
          .json as unknown as Parameter[],
      );
    const before = await get('2026-06-30');
    expect(before.listed_item_min_value).toMatchObject({ amountVnd: 50_000_000, evidence: 'primary' });
    expect(before.change_threshold).toMatchObject({ amountVnd: 300_000_000 });
    const after = await get('2026-07-01');
    expect(after.listed_item_min_value).toMatchObject({ amountVnd: 150_000_000, evidence: 'secondary' });
    expect(after.change_threshold).toMatchObject({ amountVnd: 1_000_000_000 });
    expect(after.leadership_level).toMatchObject({ value: 'deputy_head_of_division' });
    // Today's (the world's clock: 25/11/2026) when no date is given; the history lists every version.
    expect(
      byCode(
        (await call(w.app, 'GET', '/api/declarations/parameters', { who: w.users.declarant }))
          .json as unknown as Parameter[],
      ).change_threshold,
    ).toMatchObject({ amountVnd: 1_000_000_000 });
    const history = await call(w.app, 'GET', '/api/declarations/parameters?history=true', {
      who: w.users.auditor,
    });
    expect(history.json.filter((p: Parameter) => p.code === 'change_threshold')).toHaveLength(2);
    // Before the law existed there is nothing to judge by.
    await expect(parameterOn(w.ctx.db, 'change_threshold', '2019-06-30')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a new decree becomes a new version from its date; the one before ends the day before', async () => {
    const post = (body: object, who = w.users.root_admin) =>
      call(w.app, 'POST', '/api/declarations/parameters', { who, body });
    const decree = {
      code: 'leadership_level',
      value: 'head_of_division',
      legalSource: 'Nghị định 164/2026/NĐ-CP',
      evidence: 'secondary',
      effectiveFrom: '2026-07-01',
    };
    expect((await post(decree, w.users.admin)).status).toBe(403);
    expect((await post({ ...decree, code: 'no_such' })).json.fields.code).toBeTruthy();
    expect((await post({ ...decree, value: null })).json.fields.value).toBeTruthy();
    expect((await post({ ...decree, effectiveFrom: '2019-07-01' })).json.fields.effectiveFrom).toBeTruthy();
    expect(
      (await post({ ...decree, code: 'change_threshold', value: undefined })).json.fields.amountVnd,
    ).toBeTruthy();
    const made = await post(decree);
    expect(made.status).toBe(201);
    const on = async (date: string) =>
      byCode(
        (await call(w.app, 'GET', `/api/declarations/parameters?on=${date}`, { who: w.users.declarant }))
          .json as unknown as Parameter[],
      ).leadership_level;
    expect(await on('2026-06-30')).toMatchObject({
      value: 'deputy_head_of_division',
      effectiveTo: '2026-06-30',
    });
    expect(await on('2026-07-01')).toMatchObject({ value: 'head_of_division', evidence: 'secondary' });
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'parameter.version_created' order by seq desc limit 1`,
    );
    expect(event!.changes).toMatchObject({ value: ['deputy_head_of_division', 'head_of_division'] });
  });

  it('refuses a malformed date and answers nobody signed out', async () => {
    const bad = await call(w.app, 'GET', '/api/declarations/parameters?on=2026-13-01', {
      who: w.users.declarant,
      lang: 'en',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(['on']);
    expect((await call(w.app, 'GET', '/api/declarations/parameters')).status).toBe(401);
  });

  it("the cycle's clocks are the engine's rules: hand-over in 20 days, a complex verification report in 90 at most", async () => {
    const handover = await computeDue(w.ctx.db, 'declaration.handover', '2026-12-01');
    expect(handover.due).toBe('2026-12-21');
    const report = await computeDue(w.ctx.db, 'declaration.verification_report', '2027-02-01', {
      complex: 1,
    });
    // 90 days end on Sunday 02/05/2027; Monday 03/05 is a day off (1/5 falls on a Saturday): Tuesday.
    expect(report.due).toBe('2027-05-04');
    // Seeding again changes nothing (an edited rule or parameter is never overwritten).
    await ensureDeclarationReferenceData(w.ctx.db);
    const rules = await call(w.app, 'GET', '/api/clocks/rules', { who: w.users.declarant });
    expect(rules.json.filter((r: { code: string }) => r.code.startsWith('declaration.'))).toHaveLength(12);
  });
});
