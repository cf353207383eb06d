import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, sheetImport, type Who, type World } from '#test/world.ts';
import { createReview } from './service.ts';
import { regulationReviews } from './tables.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. R > A > A1; B beside A.
  w = await createWorld();
  outsider = await sessionFor(
    w.database,
    await addUser(w, 'focal.b', 'focal_officer', w.units.B),
    w.clock.now(),
  );
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const review = {
  documentNo: '15/2020/QĐ-UBND',
  title: 'Quy chế quản lý quà tặng',
  documentKind: 'provincial_document',
  issuer: 'UBND tỉnh',
  issuerLevel: 'provincial',
  issuedOn: '2020-05-12',
  reviewedOn: '2026-04-15',
  result: 'gap_found',
  gap: 'Dẫn chiếu văn bản đã bãi bỏ',
};

describe('regulation review (issue 20)', () => {
  it('records reviews with their gaps and proposals, settles a proposal once, and feeds A.2.2', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/regulation-reviews', {
        unitId: w.units.A,
        ...review,
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
    };
    await bad({ gap: null }, 'gap');
    await bad({ reviewedOn: '2026-12-01' }, 'reviewedOn');
    await bad({ issuedOn: '2026-05-01' }, 'issuedOn');
    await bad({ proposal: 'Sửa', proposedTo: null, proposedOn: '2026-04-20' }, 'proposedTo');
    await bad({ proposal: 'Sửa', proposedTo: 'UBND tỉnh', proposedOn: '2026-04-01' }, 'proposedOn');
    await bad(
      { result: 'consistent', gap: null, proposal: 'Sửa', proposedTo: 'X', proposedOn: '2026-04-20' },
      'proposal',
    );
    await bad({ unitId: w.units.B }, 'unitId');
    const consistent = await api(w.users.focal_officer, 'POST', '/api/regulation-reviews', {
      unitId: w.units.A,
      ...review,
      documentNo: '12/QC',
      result: 'consistent',
      gap: null,
    });
    expect(consistent.status, JSON.stringify(consistent.json)).toBe(200);
    const [a] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, w.units.A));
    const m = metric('regulation_gaps_proposed')!;
    const scope = { unitId: w.units.A, unitPath: a!.path, year: 2026 };
    expect((await m.compute(w.database.db, scope)).detail).toBe('no_gap');
    const gap = await api(w.users.focal_officer, 'POST', '/api/regulation-reviews', {
      unitId: w.units.A1,
      ...review,
    });
    expect((await m.compute(w.database.db, scope)).detail).toBe('0/1');
    // Proposed later by editing the review; then settled once, by date order.
    const edited = await api(w.users.focal_officer, 'PUT', `/api/regulation-reviews/${gap.json.id}`, {
      unitId: w.units.A1,
      ...review,
      proposal: 'Thay thế theo Nghị định 59/2019',
      proposedTo: 'UBND tỉnh',
      proposedOn: '2026-04-30',
      version: 1,
    });
    expect(edited.json).toMatchObject({ status: 'proposed', proposedTo: 'UBND tỉnh' });
    expect((await m.compute(w.database.db, scope)).detail).toBe('1/1');
    const early = await api(w.users.focal_officer, 'POST', `/api/regulation-reviews/${gap.json.id}/outcome`, {
      status: 'amended',
      on: '2026-04-01',
      version: edited.json.version,
    });
    expect(Object.keys(early.json.fields)).toEqual(['on']);
    const done = await api(w.users.focal_officer, 'POST', `/api/regulation-reviews/${gap.json.id}/outcome`, {
      status: 'amended',
      on: '2026-09-10',
      note: 'QĐ 41/2026 thay thế',
      version: edited.json.version,
    });
    expect(done.json).toMatchObject({ status: 'amended', outcomeOn: '2026-09-10' });
    const again = await api(w.users.focal_officer, 'POST', `/api/regulation-reviews/${gap.json.id}/outcome`, {
      status: 'rejected',
      on: '2026-09-11',
      version: done.json.version,
    });
    expect(Object.keys(again.json.fields)).toEqual(['status']);
    const rewrite = await api(w.users.focal_officer, 'PUT', `/api/regulation-reviews/${gap.json.id}`, {
      unitId: w.units.A1,
      ...review,
      proposal: 'Khác',
      proposedTo: 'UBND tỉnh',
      proposedOn: '2026-04-30',
      version: done.json.version,
    });
    expect(Object.keys(rewrite.json.fields)).toEqual(['proposal']);
    // The list's summary over the filtered set; the inspectorate reads; another department does not.
    const list = await api(w.users.inspector, 'GET', '/api/regulation-reviews?year=2026');
    expect(list.json.summary).toEqual({ reviewed: 2, gaps: 1, proposed: 1, settled: 1 });
    const search = await api(w.users.inspector, 'GET', '/api/regulation-reviews?q=qua tang');
    // Search without accents, in the number or the title: both are about gifts' rules here.
    expect(search.json.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [gap.json.id, consistent.json.id].sort(),
    );
    const byNumber = await api(w.users.inspector, 'GET', '/api/regulation-reviews?q=12/QC');
    expect(byNumber.json.items.map((x: { id: string }) => x.id)).toEqual([consistent.json.id]);
    expect((await api(outsider, 'GET', '/api/regulation-reviews')).json.total).toBe(0);
    expect((await api(outsider, 'GET', `/api/regulation-reviews/${gap.json.id}`)).status).toBe(404);
  });
});

describe('documents reviewed, as a legal officer lists them in a sheet', () => {
  const columns = [
    'unitCode',
    'documentNo',
    'title',
    'documentKind',
    'issuer',
    'issuerLevel',
    'reviewedOn',
    'result',
    'gap',
    'systematised',
  ];
  const send = sheetImport(
    () => w,
    'regulation_reviews',
    columns,
    (x) => x.users.focal_officer,
  );
  const count = async () => (await w.database.db.select().from(regulationReviews)).length;

  it('takes kinds, levels and results by name, names each bad row and column, and changes nothing on error', async () => {
    const before = await count();
    const bad = await send('commit', [
      'A1;01/2021/QĐ-UBND;Quy chế tiếp khách;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Phù hợp;;x',
      'A1;02/2021/QĐ-UBND;Quy chế mua sắm;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Có bất cập;;',
      'B;03/QC;Ngoài phạm vi;Khác;Đơn vị;own;10/03/2026;consistent;;',
      'A1;04/QC;Loại lạ;Sắc lệnh;Đơn vị;own;10/03/2026;consistent;;',
      'A1;01/2021/QĐ-UBND;Quy chế tiếp khách;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Phù hợp;;x',
    ]);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [4, 'unitCode'],
        [5, 'documentKind'],
        [6, 'documentNo'],
      ],
    );
    expect(await count()).toBe(before);
    // The service's own rule (a gap is said when the result is not consistent) names its column too.
    const gapless = await send('commit', [
      'A1;02/2021/QĐ-UBND;Quy chế mua sắm;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Có bất cập;;',
    ]);
    expect((gapless.json().rows as Array<{ column: string }>).map((e) => e.column)).toEqual(['gap']);
    const good = [
      'A1;01/2021/QĐ-UBND;Quy chế tiếp khách;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Phù hợp;;x',
      'A1;02/2021/QĐ-UBND;Quy chế mua sắm;Quyết định;UBND tỉnh;Tỉnh;10/03/2026;Có bất cập;Chưa quy định công khai kết quả;',
    ];
    expect((await send('commit', good)).statusCode).toBe(200);
    expect(await count()).toBe(before + 2);
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
    const listed = await api(w.users.focal_officer, 'GET', '/api/regulation-reviews?q=2021/QĐ');
    expect(
      listed.json.items
        .map((x: { documentNo: string; result: string; systematised: boolean }) => [
          x.documentNo,
          x.result,
          x.systematised,
        ])
        .sort(),
    ).toEqual([
      ['01/2021/QĐ-UBND', 'consistent', true],
      ['02/2021/QĐ-UBND', 'gap_found', false],
    ]);
  });
});

const aReview = (side: 'A' | 'B') =>
  createReview(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    documentNo: '1/QĐ',
    title: 'Quy chế',
    documentKind: 'internal_rule',
    issuer: 'Đơn vị',
    issuerLevel: 'own',
    reviewedOn: '2026-06-01',
    result: 'consistent',
    systematised: false,
  });
describeMatrix(
  () => w,
  [
    {
      name: 'read a review',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/regulation-reviews/${(await aReview(s)).id}` }),
    },
    {
      name: 'edit a review',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/regulation-reviews/${(await aReview(s)).id}`,
        body: {
          unitId: s === 'A' ? w.units.A1 : w.units.B,
          documentNo: '1/QĐ',
          title: 'Quy chế',
          documentKind: 'internal_rule',
          issuer: 'Đơn vị',
          issuerLevel: 'own',
          reviewedOn: '2026-06-02',
          result: 'consistent',
          version: 1,
        },
      }),
    },
  ],
);
