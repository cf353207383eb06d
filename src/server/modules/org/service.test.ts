import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { archiveUnit, createUnit, getUnit, listUnits, mergeUnits, moveUnit, splitUnit } from './service.ts';
import { units } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const q = { page: 1, pageSize: 50, sort: 'path' as const };

describe('organisation tree', () => {
  it("counts each unit's active children, so the tree can expand below the root", async () => {
    const top = await listUnits(w.ctx, { ...q, parentId: w.units.R });
    const count = (id: string) => top.items.find((u) => u.id === id)?.childCount;
    expect(count(w.units.A)).toBe(1); // A1
    expect(count(w.units.B)).toBe(0);
    const viaApi = await call(w.app, 'GET', `/api/units?parentId=${w.units.R}`, { who: w.users.root_admin });
    expect(viaApi.json.items.find((u: { id: string }) => u.id === w.units.A).childCount).toBe(1);
  });

  it('moves a unit and keeps every descendant path right', async () => {
    const p = await createUnit(w.ctx, {
      code: 'MV',
      name: 'Phòng chuyển',
      type: 'sub_unit',
      parentId: w.units.A,
    });
    const c = await createUnit(w.ctx, { code: 'MV.1', name: 'Tổ con', type: 'sub_unit', parentId: p.id });
    const g = await createUnit(w.ctx, {
      code: 'MV.1.1',
      name: 'Nhóm cháu',
      type: 'sub_unit',
      parentId: c.id,
    });
    await moveUnit(w.ctx, p.id, { parentId: w.units.B, version: p.version });
    const [B] = await w.database.db.select().from(units).where(like(units.code, 'B'));
    const moved = await w.database.db
      .select()
      .from(units)
      .where(like(units.path, `${B!.path}%`));
    const byId = new Map(moved.map((u) => [u.id, u]));
    expect(byId.get(p.id)!.path).toBe(`${B!.path}${p.id}/`);
    expect(byId.get(g.id)!.path).toBe(`${B!.path}${p.id}/${c.id}/${g.id}/`);
    expect(byId.get(g.id)!.depth).toBe(B!.depth + 3);
  });

  it('refuses to move a unit under its own descendant', async () => {
    const p = await createUnit(w.ctx, { code: 'CY', name: 'Vòng', type: 'sub_unit', parentId: w.units.A });
    const c = await createUnit(w.ctx, { code: 'CY.1', name: 'Vòng con', type: 'sub_unit', parentId: p.id });
    const err = await moveUnit(w.ctx, p.id, { parentId: c.id, version: p.version }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details.fields.parentId.key).toBe('field.parent_cycle');
  });

  it('finds units without diacritics, whatever the Unicode form typed', async () => {
    const found = await listUnits(w.ctx, { ...q, q: 'thanh tra' });
    expect(found.items.map((u) => u.name)).toContain('Thanh tra tỉnh');
    const nfd = 'Sở Xây dựng'.normalize('NFD');
    expect((await listUnits(w.ctx, { ...q, q: nfd })).items.map((u) => u.code)).toContain('B');
    expect((await listUnits(w.ctx, { ...q, q: 'SO XAY DUNG' })).total).toBeGreaterThan(0);
    // LIKE metacharacters typed by a user are literal, not wildcards.
    expect((await listUnits(w.ctx, { ...q, q: '%' })).total).toBe(0);
    expect((await listUnits(w.ctx, { ...q, q: 'Thanh_tra' })).total).toBe(0);
  });

  it('sorts names in Vietnamese order, Đ among the D', async () => {
    await createUnit(w.ctx, { code: 'SORT1', name: 'Ban Zeta', type: 'sub_unit', parentId: w.units.B });
    await createUnit(w.ctx, { code: 'SORT2', name: 'Ban Điều phối', type: 'sub_unit', parentId: w.units.B });
    await createUnit(w.ctx, { code: 'SORT3', name: 'Ban Dân vận', type: 'sub_unit', parentId: w.units.B });
    const names = (await listUnits(w.ctx, { ...q, q: 'ban', sort: 'name' })).items.map((u) => u.name);
    expect(names).toEqual(['Ban Dân vận', 'Ban Điều phối', 'Ban Zeta']);
  });

  it('stores SQL and HTML literally, and text as NFC', async () => {
    const name = `<script>alert(1)</script>'); drop table units; -- ${'Hòa'.normalize('NFD')}`;
    const res = await call(w.app, 'POST', '/api/units', {
      who: w.users.root_admin,
      body: { code: 'LIT', name, type: 'sub_unit', parentId: w.units.A },
    });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe(name.normalize('NFC'));
    expect((await getUnit(w.ctx, res.json.id)).name).toBe(name.normalize('NFC'));
  });

  it('merges units into a successor and keeps the dissolved ones with links both ways', async () => {
    const a = await createUnit(w.ctx, {
      code: 'OLD1',
      name: 'Xã Cũ Một',
      type: 'commune',
      parentId: w.units.R,
    });
    const b = await createUnit(w.ctx, {
      code: 'OLD2',
      name: 'Xã Cũ Hai',
      type: 'commune',
      parentId: w.units.R,
    });
    const n = await createUnit(w.ctx, { code: 'NEW', name: 'Xã Mới', type: 'commune', parentId: w.units.R });
    const merged = await mergeUnits(w.ctx, {
      predecessorIds: [a.id, b.id],
      successorId: n.id,
      effectiveDate: '2025-07-01',
    });
    expect(merged.predecessors.map((p) => p.code).sort()).toEqual(['OLD1', 'OLD2']);
    const old = await getUnit(w.ctx, a.id);
    expect(old.status).toBe('dissolved');
    expect(old.validTo).toBe('2025-06-30');
    expect(old.successors[0]?.code).toBe('NEW');
  });

  it('splits a unit into several successors, and refuses a dissolved successor', async () => {
    const d = await createUnit(w.ctx, {
      code: 'DIST',
      name: 'Huyện Cũ',
      type: 'district',
      parentId: w.units.R,
    });
    const s1 = await createUnit(w.ctx, { code: 'S1', name: 'Xã Một', type: 'commune', parentId: w.units.R });
    const s2 = await createUnit(w.ctx, { code: 'S2', name: 'Xã Hai', type: 'commune', parentId: w.units.R });
    const split = await splitUnit(w.ctx, d.id, { successorIds: [s1.id, s2.id], effectiveDate: '2025-07-01' });
    expect(split.successors).toHaveLength(2);
    const again = await splitUnit(w.ctx, s1.id, { successorIds: [d.id], effectiveDate: '2025-07-01' }).catch(
      (e) => e,
    );
    expect(again.details.fields.successorIds.key).toBe('field.unit_archived');
  });

  it('archives only a unit without active children, with optimistic versioning', async () => {
    const p = await createUnit(w.ctx, { code: 'AR', name: 'Lưu trữ', type: 'sub_unit', parentId: w.units.A });
    await createUnit(w.ctx, { code: 'AR.1', name: 'Con', type: 'sub_unit', parentId: p.id });
    expect((await archiveUnit(w.ctx, p.id, { version: p.version }).catch((e) => e)).code).toBe('validation');
    const lone = await createUnit(w.ctx, { code: 'AR2', name: 'Lẻ', type: 'sub_unit', parentId: w.units.A });
    expect((await archiveUnit(w.ctx, lone.id, { version: lone.version + 5 }).catch((e) => e)).code).toBe(
      'conflict',
    );
    expect((await archiveUnit(w.ctx, lone.id, { version: lone.version })).status).toBe('archived');
    const child = await createUnit(w.ctx, {
      code: 'AR2.1',
      name: 'x',
      type: 'sub_unit',
      parentId: lone.id,
    }).catch((e) => e);
    expect(child.details.fields.parentId.key).toBe('field.unit_archived');
  });

  it('answers 400 with Vietnamese and English field messages', async () => {
    const body = { code: 'bad code!', name: '', type: 'planet', parentId: 'nope', extra: 1 };
    const vi = await call(w.app, 'POST', '/api/units', { who: w.users.root_admin, body });
    expect(vi.status).toBe(400);
    expect(Object.keys(vi.json.fields).sort()).toEqual(['code', 'extra', 'name', 'parentId', 'type']);
    expect(vi.json.fields.name).toBe('Trường này là bắt buộc.');
    const en = await call(w.app, 'POST', '/api/units', { who: w.users.root_admin, body, lang: 'en' });
    expect(en.json.fields.extra).toBe('This field is not accepted.');
    // A value of the wrong type is said as such, not as missing (sec31 I2).
    const typed = await call(w.app, 'PATCH', `/api/units/${w.units.A}`, {
      who: w.users.root_admin,
      body: { name: 'Thanh tra tỉnh', version: '1' },
    });
    expect(typed.status).toBe(400);
    expect(typed.json.fields.version).toBe('Cần một số.');
    expect((await call(w.app, 'GET', '/api/units/not-a-uuid', { who: w.users.root_admin })).status).toBe(400);
    const dup = await call(w.app, 'POST', '/api/units', {
      who: w.users.root_admin,
      body: { code: 'A', name: 'Trùng', type: 'sub_unit', parentId: w.units.A },
    });
    expect(dup.json.fields.code).toBe('Mã này đã được dùng cho đơn vị khác.');
  });

  it('keeps a receiving body’s contact and reception details, versioned and audited, with field messages', async () => {
    const url = `/api/units/${w.units.A1}/contact`;
    const empty = await call(w.app, 'GET', url, { who: w.users.intake_officer });
    expect(empty.json).toMatchObject({ unitId: w.units.A1, phone: null, version: 0 });
    const body = {
      address: ' 12 Trần Phú, phường Hải Châu ',
      phone: '0236.3822.123',
      email: 'TiepDan@Example.gov.vn',
      receptionPlace: 'Trụ sở tiếp công dân, tầng 1',
      receptionHours: 'Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00',
      headReceptionSchedule: 'Chánh Thanh tra tiếp ngày 15 hằng tháng',
      version: 0,
    };
    // The unit's intake officer keeps them (and the administrator would); a focal officer only reads them.
    expect((await call(w.app, 'PUT', url, { who: w.users.focal_officer, body })).status).toBe(403);
    const saved = await call(w.app, 'PUT', url, { who: w.users.intake_officer, body });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      address: '12 Trần Phú, phường Hải Châu',
      email: 'tiepdan@example.gov.vn',
      version: 1,
    });
    // A second editor working from the old version is told, not overwritten.
    const stale = await call(w.app, 'PUT', url, { who: w.users.admin, body: { ...body, phone: '1022' } });
    expect(stale.status).toBe(409);
    const hotline = await call(w.app, 'PUT', url, {
      who: w.users.admin,
      body: { ...body, phone: '1022', version: 1 },
    });
    expect(hotline.json).toMatchObject({ phone: '1022', version: 2 });
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      "select changes from audit_events where action = 'unit.contact_updated' order by seq desc limit 1",
    );
    expect(event!.changes).toEqual({ phone: ['0236.3822.123', '1022'] });
    const bad = await call(w.app, 'PUT', url, {
      who: w.users.admin,
      body: { phone: 'gọi tôi', email: 'không-phải-thư', version: 2 },
      lang: 'en',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual({
      phone: 'Not a valid phone number.',
      email: 'Invalid e-mail address.',
    });
    expect(
      (await call(w.app, 'GET', `/api/units/${w.units.B}/contact`, { who: w.users.intake_officer })).status,
    ).toBe(404);
  });

  it('answers 413 for an oversized body and 400 for malformed JSON', async () => {
    const big = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: {
        cookie: w.users.root_admin.cookie,
        'x-csrf-token': w.users.root_admin.csrf,
        'content-type': 'application/json',
      },
      payload: `{"name":"${'x'.repeat(1_100_000)}"}`,
    });
    expect(big.statusCode).toBe(413);
    const bad = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: {
        cookie: w.users.root_admin.cookie,
        'x-csrf-token': w.users.root_admin.csrf,
        'content-type': 'application/json',
      },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().requestId).toBeTruthy();
  });
});
