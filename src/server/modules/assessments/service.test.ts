import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import '#server/modules/index.ts';
import { addUser, call, createWorld, sessionFor, upload, type World } from '#test/world.ts';

let w: World;
let unitVersion: string;
let campaignId: string;
let assessmentId: string;
let evidenceId: string;

type C = {
  id: string;
  parentId: string | null;
  code: string;
  method: string;
  maxPoints: number;
  minPoints: number;
  evidenceRequired: boolean;
  levels: Array<{ points: number }>;
};
const leafs = (all: C[]) => all.filter((c) => !all.some((x) => x.parentId === c.id));

beforeAll(async () => {
  w = await createWorld();
  const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.coordinator });
  unitVersion = fw.json.find((f: { code: string }) => f.code === 'pctn-unit').versionId;
  const up = await upload(
    w.app,
    '/api/files',
    w.users.focal_officer,
    { unitId: w.units.A1 },
    {
      name: 'bien-ban.pdf',
      content: Buffer.from('%PDF-1.4\n%%EOF\n'),
    },
  );
  evidenceId = up.json().id;
});
afterAll(() => w.close());

describe('frameworks as data', () => {
  it('ships four frameworks whose scored criteria add up to 100, with deductions apart', async () => {
    const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.focal_officer });
    expect(fw.json.map((f: { code: string }) => f.code).sort()).toEqual([
      'enterprise-integrity',
      'head-evaluation',
      'pctn-province',
      'pctn-unit',
    ]);
    for (const f of fw.json as unknown as Array<{ code: string; versionId: string }>) {
      const cs = (
        await call(w.app, 'GET', `/api/framework-versions/${f.versionId}/criteria`, {
          who: w.users.focal_officer,
        })
      ).json as C[];
      const positive = leafs(cs).filter((c) => c.method !== 'deduction');
      expect(
        positive.reduce((s, c) => s + c.maxPoints, 0),
        f.code,
      ).toBe(100);
      // Each part's maximum is the sum of its children.
      for (const p of cs.filter((c) => cs.some((x) => x.parentId === c.id) && c.method !== 'deduction'))
        expect(
          cs.filter((x) => x.parentId === p.id).reduce((s, c) => s + c.maxPoints, 0),
          p.code,
        ).toBe(p.maxPoints);
    }
    const prov = fw.json.find((f: { code: string }) => f.code === 'pctn-province');
    const top = (
      (
        await call(w.app, 'GET', `/api/framework-versions/${prov.versionId}/criteria`, {
          who: w.users.focal_officer,
        })
      ).json as C[]
    )
      .filter((c) => !c.parentId)
      .map((c) => [c.code, c.maxPoints]);
    expect(top).toEqual([
      ['A', 20],
      ['B', 30],
      ['C', 40],
      ['D', 10],
      ['E', 0],
    ]);
  });
});

describe('a unit-index campaign', () => {
  it('a coordinator creates and opens it; the self-assessment clock starts', async () => {
    const bad = await call(w.app, 'POST', '/api/campaigns', {
      who: w.users.coordinator,
      body: {
        versionId: unitVersion,
        unitId: w.units.A,
        title: 'Đánh giá 2026',
        year: 2026,
        unitIds: [w.units.B],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.unitIds).toBeTruthy();
    const created = await call(w.app, 'POST', '/api/campaigns', {
      who: w.users.coordinator,
      body: {
        versionId: unitVersion,
        unitId: w.units.A,
        title: 'Đánh giá công tác PCTNTC 2026',
        year: 2026,
        unitIds: [w.units.A1],
        reviewerIds: [w.users.reviewer.userId],
      },
    });
    expect(created.status).toBe(201);
    campaignId = created.json.id;
    expect(
      (await call(w.app, 'POST', `/api/campaigns/${campaignId}/open`, { who: w.users.focal_officer })).status,
    ).toBe(404);
    const opened = await call(w.app, 'POST', `/api/campaigns/${campaignId}/open`, {
      who: w.users.coordinator,
    });
    expect(opened.json).toMatchObject({ status: 'open', selfDue: '2026-12-25' });
    const ranking = await call(w.app, 'GET', `/api/campaigns/${campaignId}/ranking`, {
      who: w.users.coordinator,
    });
    assessmentId = ranking.json[0].assessmentId;
    // Still answering: listed, not ranked (a unit is never last with 0 for not having submitted yet).
    expect(ranking.json[0]).toMatchObject({ unitId: w.units.A1, total: 0, rank: null, reviewed: false });
    // The ranking's own SQL, timed in the server, for operators' tools and the benchmark.
    expect(ranking.headers['server-timing']).toMatch(/^sql;dur=\d+\.\d$/);
    expect((await call(w.app, 'GET', '/health')).headers['server-timing']).toBeUndefined();
  });

  it('the unit answers within each criterion’s bounds, with evidence and an auto-indicator suggestion', async () => {
    const a = await call(w.app, 'GET', `/api/assessments/${assessmentId}`, { who: w.users.focal_officer });
    expect(a.status).toBe(200);
    const cs = leafs(a.json.criteria as C[]);
    const a1 = cs.find((c) => c.code === 'A.1')!;
    expect(
      a.json.answers.find((x: { criterionId: string }) => x.criterionId === a1.id).suggestion,
    ).toMatchObject({ score: 0, detail: 'no_plan' });
    const put = (c: C, body: object, who = w.users.focal_officer) =>
      call(w.app, 'PUT', `/api/assessments/${assessmentId}/answers/${c.id}`, { who, body });
    expect((await put(a1, { score: 11 })).json.fields.score).toBeTruthy();
    const e1 = cs.find((c) => c.code === 'E.1')!;
    expect((await put(e1, { score: 2 })).status).toBe(400);
    expect(
      (await put(a1, { score: 5, evidenceFileIds: ['00000000-0000-4000-8000-000000000000'] })).json.fields
        .evidenceFileIds,
    ).toBeTruthy();
    expect((await put(a1, { score: 5 }, w.users.reviewer)).status).toBe(404);
    // Submitting early names every unanswered criterion.
    const early = await call(w.app, 'POST', `/api/assessments/${assessmentId}/submit`, {
      who: w.users.focal_officer,
    });
    expect(early.status).toBe(400);
    expect(Object.keys(early.json.fields)).toContain('B.1');
    // Each says what it lacks, not only that "this field is required" (sec31 UX 2).
    expect(early.json.fields['B.1']).toBe('Chưa chấm điểm tiêu chí này.');
    for (const c of cs) {
      const score = c.method === 'deduction' ? 0 : c.maxPoints - 1;
      const res = await put(c, {
        score,
        explanation: 'Đã thực hiện',
        evidenceFileIds: c.evidenceRequired ? [evidenceId] : [],
      });
      expect(res.status, c.code).toBe(200);
    }
    const done = await call(w.app, 'POST', `/api/assessments/${assessmentId}/submit`, {
      who: w.users.focal_officer,
    });
    expect(done.json).toMatchObject({ status: 'submitted', selfTotal: 100 - 10 }); // ten scored criteria, each one point short
    expect((await put(a1, { score: 10 })).status).toBe(409);
    // The unit's self-assessment clock, started when the campaign opened, is done (ADR 0026).
    expect(
      await w.database.query(
        `select code, due_on::text, done_on is not null as done from started_clocks where subject_id = $1`,
        [assessmentId],
      ),
    ).toEqual([{ code: 'assessment.self', due_on: '2026-12-25', done: true }]);
  });

  it('a reviewer adjusts with a reason, cannot review their own unit, and the ranking uses reviewed scores', async () => {
    const a = await call(w.app, 'GET', `/api/assessments/${assessmentId}`, { who: w.users.reviewer });
    // The evidence is read through the assessment: its reviewer may, a reader of files elsewhere may not.
    const evidence = async (who: (typeof w.users)[keyof typeof w.users]) =>
      (await call(w.app, 'GET', `/api/files/${evidenceId}`, { who })).status;
    expect(await evidence(w.users.reviewer)).toBe(200);
    expect(await evidence(w.users.coordinator)).toBe(200);
    expect(await evidence(w.users.auditor)).toBe(404);
    expect(await evidence(w.users.declarant)).toBe(404);
    const c = leafs(a.json.criteria as C[]).find((x) => x.code === 'C.2')!;
    const review = (body: object, who = w.users.reviewer) =>
      call(w.app, 'PUT', `/api/assessments/${assessmentId}/reviews/${c.id}`, { who, body });
    expect((await review({ score: 10 })).json.fields.reason).toBeTruthy();
    expect((await review({ score: 10, reason: 'Số liệu tin báo chưa khớp' })).status).toBe(200);
    expect(
      (await review({ score: 5, reason: 'x' }, w.users.focal_officer)).json.fields.assessment,
    ).toBeTruthy();
    // Finishing names every criterion not yet reviewed.
    const finalise = () =>
      call(w.app, 'POST', `/api/assessments/${assessmentId}/finalise`, { who: w.users.coordinator });
    const early = await finalise();
    expect(early.status).toBe(400);
    const all = leafs(a.json.criteria as C[]);
    expect(Object.keys(early.json.fields).sort()).toEqual(
      all
        .filter((x) => x.id !== c.id)
        .map((x) => x.code)
        .sort(),
    );
    expect(early.json.fields['A.1']).toBe('Chưa thẩm định tiêu chí này.');
    // The rest at once: all or nothing — one changed score without a reason saves none of them.
    const rest = all.filter((x) => x.id !== c.id);
    const own = (x: C) => (x.method === 'deduction' ? 0 : x.maxPoints - 1);
    const reviewAll = (list: object[]) =>
      call(w.app, 'PUT', `/api/assessments/${assessmentId}/reviews`, {
        who: w.users.reviewer,
        body: { reviews: list },
      });
    const a1 = rest.find((x) => x.code === 'A.1')!;
    const bad = await reviewAll(
      rest.map((x) => ({ criterionId: x.id, score: x === a1 ? own(x) - 2 : own(x) })),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(['A.1']);
    expect((await finalise()).status).toBe(400); // nothing of the failed batch was kept
    // The score's own bounds are named; the same criterion twice in one batch is refused.
    expect(
      (await reviewAll([{ criterionId: a1.id, score: a1.maxPoints + 1, reason: 'x' }])).json.fields['A.1'],
    ).toMatch(/nhỏ hơn hoặc bằng/);
    const twice = await reviewAll([
      { criterionId: a1.id, score: own(a1) },
      { criterionId: a1.id, score: own(a1) },
    ]);
    expect(Object.keys(twice.json.fields)).toEqual(['A.1']);
    expect(
      (await reviewAll([{ criterionId: '00000000-0000-4000-8000-000000000000', score: 1 }])).status,
    ).toBe(404);
    const saved = await reviewAll(rest.map((x) => ({ criterionId: x.id, score: own(x) })));
    expect(saved.status).toBe(200);
    expect(saved.json.status).toBe('under_review');
    const fin = await finalise();
    expect(fin.json).toMatchObject({ status: 'finalised', selfTotal: 90, reviewTotal: 90 - 19 + 10 });
    const ranking = await call(w.app, 'GET', `/api/campaigns/${campaignId}/ranking`, {
      who: w.users.reviewer,
    });
    expect(ranking.json[0]).toMatchObject({ total: 81, selfTotal: 90, rank: 1, reviewed: true });
    expect(ranking.json[0].parts).toMatchObject({ A: 28, B: 25, C: 9 + 10, D: 9, E: 0 });
  });

  it('is published only once every assessment is finalised, then shows on the portal', async () => {
    expect(
      (await call(w.app, 'POST', `/api/campaigns/${campaignId}/publish`, { who: w.users.coordinator })).json
        .fields.status,
    ).toBeTruthy();
    const fin = await call(w.app, 'POST', `/api/campaigns/${campaignId}/finalise`, {
      who: w.users.coordinator,
    });
    expect(fin.json).toMatchObject({ status: 'finalised', assessments: 1, finalised: 1 });
    const before = await w.app.inject({ method: 'GET', url: '/results' });
    expect(before.body).not.toContain('Đánh giá công tác PCTNTC 2026');
    const pub = await call(w.app, 'POST', `/api/campaigns/${campaignId}/publish`, {
      who: w.users.coordinator,
    });
    expect(pub.json.status).toBe('published');
    const list = await w.app.inject({ method: 'GET', url: '/results' });
    expect(list.body).toContain('Đánh giá công tác PCTNTC 2026');
    const page = await w.app.inject({ method: 'GET', url: `/results/${campaignId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Phòng Nghiệp vụ');
    expect(page.body).toContain('81');
    // Each part is named with its maximum, so the columns A–E mean something to a reader.
    expect(page.body).toMatch(/<dt>A<\/dt><dd>[^<]+ <span class="meta">\(tối đa [\d,]+ điểm\)<\/span><\/dd>/);
    expect(page.body).toMatch(/<abbr title="[^"]+">A<\/abbr>/);
    expect(page.body).not.toMatch(/<script/);
    const mine = await call(w.app, 'GET', '/api/assessments?mine=true', { who: w.users.focal_officer });
    expect(mine.json.map((x: { id: string }) => x.id)).toContain(assessmentId);
  });

  it('compares each unit with its result in last year’s campaign of the same framework', async () => {
    const next = await call(w.app, 'POST', '/api/campaigns', {
      who: w.users.coordinator,
      body: {
        versionId: unitVersion,
        unitId: w.units.A,
        title: 'Đánh giá 2027',
        year: 2027,
        unitIds: [w.units.A1],
      },
    });
    await call(w.app, 'POST', `/api/campaigns/${next.json.id}/open`, { who: w.users.coordinator });
    const r = await call(w.app, 'GET', `/api/campaigns/${next.json.id}/ranking`, {
      who: w.users.coordinator,
    });
    expect(r.json[0]).toMatchObject({ unitId: w.units.A1, total: 0, previousTotal: 81, rank: null });
    const first = await call(w.app, 'GET', `/api/campaigns/${campaignId}/ranking`, {
      who: w.users.coordinator,
    });
    expect(first.json[0].previousTotal).toBeNull();
    const tr = await call(w.app, 'GET', `/api/campaigns/${next.json.id}/trend`, { who: w.users.coordinator });
    // This year's line starts only once units have submitted: nobody's 0 drags "lowest" down meanwhile.
    expect(tr.json).toEqual([{ year: 2026, average: 81, best: 81, worst: 81, units: 1 }]);
  });

  it('a head-of-agency scorecard is about the unit’s head', async () => {
    const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.coordinator });
    const head = fw.json.find((f: { code: string }) => f.code === 'head-evaluation').versionId;
    const c = await call(w.app, 'POST', '/api/campaigns', {
      who: w.users.coordinator,
      body: {
        versionId: head,
        unitId: w.units.A,
        title: 'Đánh giá người đứng đầu 2026',
        year: 2026,
        unitIds: [w.units.A, w.units.A1],
      },
    });
    await call(w.app, 'POST', `/api/campaigns/${c.json.id}/open`, { who: w.users.coordinator });
    const r = await call(w.app, 'GET', `/api/campaigns/${c.json.id}/ranking`, { who: w.users.coordinator });
    const byUnit = Object.fromEntries(
      r.json.map((x: { unitId: string; subjectName: string | null }) => [x.unitId, x.subjectName]),
    );
    expect(byUnit).toEqual({ [w.units.A]: 'Người dùng unit_head', [w.units.A1]: null });
    // Criterion 5 (a deduction) is suggested from the cases concluded under the head's responsibility:
    // a direct one takes all of it; a case still being verified counts for no one.
    const [concluded] = await w.database.query<{ id: string }>(
      `insert into cases (unit_id, head_unit_id, head_responsibility, stage, title, source, detected_on)
        values ('${w.units.A}', '${w.units.A}', 'direct', 'concluded', 'Chi sai', 'check', '2026-05-01'),
               ('${w.units.A}', '${w.units.A}', 'direct', 'verifying', 'Đang xác minh', 'check', '2026-06-01')
        returning id`,
    );
    const ofA = r.json.find((x: { unitId: string }) => x.unitId === w.units.A).assessmentId;
    const a = await call(w.app, 'GET', `/api/assessments/${ofA}`, { who: w.users.coordinator });
    const five = (a.json.criteria as C[]).find((x) => x.code === '5')!;
    expect(
      a.json.answers.find((x: { criterionId: string }) => x.criterionId === five.id).suggestion,
    ).toMatchObject({
      score: -20,
      detail: 'direct',
      records: [concluded!.id],
      kind: 'case',
    });
    // The metric names the case by its register number; only those who handle cases are told it.
    expect(
      a.json.answers.find((x: { criterionId: string }) => x.criterionId === five.id).suggestion,
    ).not.toHaveProperty('labels');
    const [unitA] = await w.database.db.select().from(units).where(eq(units.id, w.units.A));
    const named = await metric('head_responsible_cases')!.compute(w.database.db, {
      unitId: w.units.A,
      unitPath: unitA!.path,
      year: 2026,
    });
    expect(named.labels).toEqual([expect.stringMatching(/^VV-2026-\d{5}$/)]);
  });

  it('exports the results to Excel and Word with the same totals', async () => {
    const x = await w.app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/export?format=xlsx`,
      headers: { cookie: w.users.coordinator.cookie },
    });
    expect(x.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('Xếp hạng')!;
    const row = ws.getRow(4).values as unknown[];
    expect(row.slice(1, 3)).toEqual([1, 'Phòng Nghiệp vụ']);
    expect(row.at(-2)).toBe(81);
    const d = await w.app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/export?format=docx`,
      headers: { cookie: w.users.coordinator.cookie },
    });
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Phòng Nghiệp vụ');
    expect(xml).toContain('>81<');
    // The same administrative frame as every document: national motto, place of the province, recipients.
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Thử Nghiệm, ngày', 'Nơi nhận:'])
      expect(xml).toContain(text);
    const outsider = await sessionFor(
      w.database,
      await addUser(w, 'dp.b2', 'coordinator', w.units.B),
      w.clock.now(),
    );
    expect(
      (
        await w.app.inject({
          method: 'GET',
          url: `/api/campaigns/${campaignId}/export?format=xlsx`,
          headers: { cookie: outsider.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('is invisible out of scope', async () => {
    const outsider = await sessionFor(
      w.database,
      await addUser(w, 'daumoi.b', 'focal_officer', w.units.B),
      w.clock.now(),
    );
    expect((await call(w.app, 'GET', `/api/assessments/${assessmentId}`, { who: outsider })).status).toBe(
      404,
    );
    expect((await call(w.app, 'GET', `/api/campaigns/${campaignId}/ranking`, { who: outsider })).status).toBe(
      404,
    );
  });
});

describe('fuzzed bodies', () => {
  it('never give a server error on the assessment routes', async () => {
    const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.coordinator });
    const v = fw.json.find((f: { code: string }) => f.code === 'pctn-province').versionId as string;
    const c = (
      await call(w.app, 'POST', '/api/campaigns', {
        who: w.users.coordinator,
        body: { versionId: v, unitId: w.units.A, title: 'Thử', year: 2026, unitIds: [w.units.A1] },
      })
    ).json.id as string;
    await call(w.app, 'POST', `/api/campaigns/${c}/open`, { who: w.users.coordinator });
    const a = (await call(w.app, 'GET', `/api/campaigns/${c}/ranking`, { who: w.users.coordinator })).json[0]
      .assessmentId;
    const crit = (await call(w.app, 'GET', `/api/assessments/${a}`, { who: w.users.focal_officer })).json
      .criteria[2].id;
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.uuid(),
      fc.array(fc.uuid(), { maxLength: 2 }),
      fc.array(
        fc.record(
          {
            criterionId: fc.oneof(fc.constant(crit), fc.uuid(), fc.string()),
            score: fc.oneof(fc.double(), fc.integer(), fc.string()),
            reason: fc.oneof(fc.string(), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    );
    const body = fc.dictionary(
      fc.constantFrom(
        'reviews',
        'score',
        'explanation',
        'evidenceFileIds',
        'reason',
        'questions',
        'versionId',
        'unitId',
        'title',
        'year',
        'unitIds',
        'subtrees',
        'unitTypes',
        'reviewerIds',
      ),
      value,
      { maxKeys: 6 },
    );
    const routes: Array<[string, string, typeof w.users.coordinator]> = [
      ['PUT', `/api/assessments/${a}/answers/${crit}`, w.users.focal_officer],
      ['PUT', `/api/assessments/${a}/reviews/${crit}`, w.users.coordinator],
      ['PUT', `/api/assessments/${a}/reviews`, w.users.coordinator],
      ['POST', `/api/assessments/${a}/return`, w.users.coordinator],
      ['POST', '/api/campaigns', w.users.coordinator],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url, who], b) => {
        const res = await call(w.app, method, url, { who, body: b });
        expect(
          res.status,
          `${method} ${url} ${JSON.stringify(b)} → ${JSON.stringify(res.json)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
