import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { createUnit, moveUnit, updateUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { unitCode, unitName, unitTypeSpellings, unitTypes } from '#shared/org/schemas.ts';
import { can } from '#shared/permissions.ts';
import { optionalText } from '#shared/validation.ts';
import { choice, legalDate } from './common.ts';
import { type ImportAdapter, onRow, type Planned, type RowProblem } from './engine.ts';

const Row = z.object({
  code: unitCode(),
  name: unitName(),
  shortName: optionalText(100),
  type: choice(unitTypes, 'unitType', unitTypeSpellings),
  parentCode: unitCode().optional(),
  validFrom: legalDate().optional(),
  validTo: legalDate().optional(),
});
type Row = z.infer<typeof Row>;
type UnitRow = typeof units.$inferSelect;
type Data = Row & { existing?: UnitRow; parentId?: string };

/** Service field → import field, for errors a service raises while applying. */
const fieldMap = {
  code: 'code',
  name: 'name',
  type: 'type',
  parentId: 'parentCode',
  validTo: 'validTo',
  validFrom: 'validFrom',
  id: 'code',
};

/**
 * Units from a spreadsheet. `underId`: the unit a new row without a parent is created under (the wizard
 * asks); without it such a row needs its parent's code.
 */
export const unitImport = (underId?: string): ImportAdapter<Data> => ({
  entity: 'units',
  action: 'org.manage',
  keyField: 'code',
  rowSchema: Row as z.ZodType<Data>,
  fields: [
    {
      key: 'code',
      required: true,
      vi: 'Mã đơn vị',
      en: 'Unit code',
      aliases: [
        'ma',
        'mã',
        'code',
        'madvhc',
        'madonvi',
        'maxa',
        'maphuongxa',
        'maxaphuong',
        'wardcode',
        'communecode',
        'id',
      ],
      example: 'SH.X101',
      code: true,
    },
    {
      key: 'name',
      required: true,
      vi: 'Tên đơn vị',
      en: 'Unit name',
      aliases: ['ten', 'tên', 'name', 'tendonvi', 'tenxa', 'tenphuongxa', 'wardname', 'fullname', 'tendaydu'],
      example: 'Xã An Hòa',
    },
    { key: 'shortName', required: false, vi: 'Tên viết tắt', en: 'Short name', example: 'An Hòa' },
    {
      key: 'type',
      required: true,
      vi: 'Loại đơn vị',
      en: 'Unit type',
      aliases: ['loai', 'loại', 'type', 'cap', 'cấp', 'level', 'loaidonvi', 'capdonvi', 'administrativeunit'],
      example: 'Xã',
    },
    {
      key: 'parentCode',
      required: false,
      vi: 'Mã đơn vị cấp trên',
      en: 'Parent unit code',
      // Lists of provinces and communes name the province as the parent.
      aliases: [
        'macaptren',
        'parent',
        'capTren',
        'parentcode',
        'provincecode',
        'matinh',
        'matp',
        'matinhtp',
        'matinhthanhpho',
        'madonvicaptren',
      ],
      example: 'SH',
      code: true,
    },
    { key: 'validFrom', required: false, vi: 'Hiệu lực từ ngày', en: 'Valid from', example: '01/07/2025' },
    { key: 'validTo', required: false, vi: 'Hiệu lực đến ngày', en: 'Valid to', example: '' },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per unit. Columns marked * are required.',
          'A row whose code already exists updates that unit; a new code creates a unit under its parent.',
          'The parent may be an existing unit or another row of this file.',
          'Dates as dd/MM/yyyy or yyyy-MM-dd. Unit types: province, city (centrally-run), department, commune, ward, special zone, sub-unit, enterprise — as codes or names (ward, phường, thành phố…).',
          'Rows without a parent code are placed under the unit chosen in the wizard; a province code column (provinceCode, mã tỉnh) is read as the parent.',
          'Keep codes as text (Format → Text): codes stored as numbers lose their leading zeros.',
          'Moving an existing unit under another parent or changing its type is listed in the dry run and needs your confirmation.',
          'Run a dry run first: nothing is written until you confirm, and any error cancels the whole file.',
        ]
      : [
          'Mỗi dòng một đơn vị. Cột có dấu * là bắt buộc.',
          'Dòng có mã đã tồn tại sẽ cập nhật đơn vị đó; mã mới sẽ tạo đơn vị dưới đơn vị cấp trên.',
          'Đơn vị cấp trên có thể là đơn vị đã có hoặc một dòng khác trong tệp.',
          'Ngày theo dạng dd/MM/yyyy hoặc yyyy-MM-dd. Loại đơn vị: Tỉnh; Thành phố trực thuộc trung ương; Sở, ban, ngành; Xã; Phường; Đặc khu; Đơn vị trực thuộc; Doanh nghiệp nhà nước — ghi bằng mã hoặc tên (ward, phường, thành phố…).',
          'Dòng không có mã đơn vị cấp trên được đặt dưới đơn vị chọn trong trình hướng dẫn; cột mã tỉnh (provinceCode, mã tỉnh) được hiểu là đơn vị cấp trên.',
          'Giữ mã ở dạng Văn bản (Format → Text): mã lưu dạng số sẽ mất số 0 ở đầu.',
          'Việc chuyển một đơn vị đã có sang đơn vị cấp trên khác hoặc đổi loại đơn vị được liệt kê khi chạy thử và cần bạn xác nhận.',
          'Hãy chạy thử trước: chưa có gì được ghi cho đến khi bạn xác nhận, và chỉ một lỗi cũng hủy toàn bộ tệp.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    let under: UnitRow | undefined;
    if (underId) {
      [under] = await ctx.db.select().from(units).where(eq(units.id, underId));
      // The chosen unit is checked like a parent named in the file: in scope and active, or no import.
      if (!under || !can(ctx.actor, 'org.manage', { unitPath: under.path }))
        return { planned: [], problems: [{ row: 1, field: 'parentCode', key: 'field.unit_out_of_scope' }] };
      if (under.status !== 'active')
        return { planned: [], problems: [{ row: 1, field: 'parentCode', key: 'field.unit_archived' }] };
    }
    const codes = [
      ...new Set(rows.flatMap((r) => [r.data.code, r.data.parentCode].filter((c): c is string => !!c))),
    ];
    const existing = new Map<string, UnitRow>();
    for (const part of chunks(codes)) {
      for (const u of await ctx.db.select().from(units).where(inArray(units.code, part)))
        existing.set(u.code, u);
    }
    const byId = new Map([...existing.values()].map((u) => [u.id, u]));
    // An existing unit's parent that the file does not name: the dry run says where a move is from
    // (re-test sec22 F8: it showed null, and whoever confirmed a move could not see from where).
    const parentIds = [...existing.values()]
      .map((u) => u.parentId)
      .filter((id): id is string => !!id && !byId.has(id));
    for (const part of chunks([...new Set(parentIds)]))
      for (const u of await ctx.db.select().from(units).where(inArray(units.id, part))) byId.set(u.id, u);
    const inFile = new Map(rows.map((r) => [r.data.code, r]));
    const planned: Planned<Data>[] = [];
    for (const { row, data } of rows) {
      const current = existing.get(data.code);
      if (current && !can(ctx.actor, 'org.manage', { unitPath: current.path })) {
        problems.push({ row, field: 'code', key: 'field.unit_out_of_scope' });
        continue;
      }
      if (current && current.status !== 'active') {
        problems.push({ row, field: 'code', key: 'field.unit_archived' });
        continue;
      }
      if (data.validFrom && data.validTo && data.validTo < data.validFrom) {
        problems.push({ row, field: 'validTo', key: 'field.valid_to_before_from' });
        continue;
      }
      let parentId: string | undefined;
      if (data.parentCode) {
        if (data.parentCode === data.code) {
          problems.push({ row, field: 'parentCode', key: 'field.parent_cycle' });
          continue;
        }
        const parent = existing.get(data.parentCode);
        if (!parent && !inFile.has(data.parentCode)) {
          problems.push({
            row,
            field: 'parentCode',
            key: 'import.unknown_parent',
            values: { code: data.parentCode },
          });
          continue;
        }
        if (parent && !inFile.has(data.parentCode)) {
          if (!can(ctx.actor, 'org.manage', { unitPath: parent.path })) {
            problems.push({ row, field: 'parentCode', key: 'field.unit_out_of_scope' });
            continue;
          }
          if (parent.status !== 'active') {
            problems.push({ row, field: 'parentCode', key: 'field.unit_archived' });
            continue;
          }
          parentId = parent.id;
        }
      } else if (!current && under) {
        parentId = under.id;
      } else if (!current) {
        problems.push({ row, field: 'parentCode', key: 'import.parent_needed' });
        continue;
      }
      // A column the file does not give keeps what an existing unit has (re-test L3: a file without
      // "valid from" blanked every unit's date).
      const fields = {
        name: data.name,
        shortName: data.shortName ?? current?.shortName ?? null,
        type: data.type,
        validFrom: data.validFrom ?? current?.validFrom ?? null,
        validTo: data.validTo ?? current?.validTo ?? null,
      };
      const changes: Record<string, unknown> = current
        ? diff(current, fields)
        : { ...fields, parentCode: data.parentCode };
      if (current && data.parentCode && byId.get(current.parentId ?? '')?.code !== data.parentCode) {
        changes.parentCode = [byId.get(current.parentId ?? '')?.code ?? null, data.parentCode];
      }
      const action = !current ? 'create' : Object.keys(changes).length > 0 ? 'update' : 'unchanged';
      const attention = [
        ...(current && changes.parentCode ? (['move'] as const) : []),
        ...(current && changes.type ? (['retype'] as const) : []),
      ];
      planned.push({
        row,
        key: data.code,
        action,
        changes,
        data: {
          ...data,
          shortName: fields.shortName,
          validFrom: fields.validFrom ?? undefined,
          validTo: fields.validTo ?? undefined,
          existing: current,
          parentId,
        },
        ...(attention.length ? { attention } : {}),
      });
    }
    return { planned: orderParentsFirst(planned, problems), problems };
  },

  async apply(ctx, planned, written) {
    const idByCode = new Map<string, string>();
    let waiting = 0;
    for (const p of planned) {
      await written(1);
      const { data } = p;
      const parentId = data.parentId ?? (data.parentCode ? idByCode.get(data.parentCode) : undefined);
      await onRow(p.row, fieldMap, async () => {
        if (!data.existing) {
          const created = await createUnit(ctx, {
            code: data.code,
            name: data.name,
            shortName: data.shortName,
            type: data.type,
            parentId: parentId!,
            validFrom: data.validFrom,
            validTo: data.validTo,
          });
          idByCode.set(data.code, created.id);
          return;
        }
        idByCode.set(data.code, data.existing.id);
        if (p.action === 'unchanged') return;
        let version = data.existing.version;
        const { parentCode: _p, ...fieldChanges } = p.changes;
        if (Object.keys(fieldChanges).length > 0) {
          version = (
            await updateUnit(ctx, data.existing.id, {
              name: data.name,
              shortName: data.shortName,
              type: data.type,
              validFrom: data.validFrom ?? null,
              validTo: data.validTo ?? null,
              version,
            })
          ).version;
        }
        // A person's move waits for a second administrator (moves.ts): counted for the answer.
        if (p.changes.parentCode && parentId)
          if ((await moveUnit(ctx, data.existing.id, { parentId, version })).move) waiting++;
      });
    }
    return waiting > 0 ? { movesAwaitingApproval: waiting } : {};
  },
});

/** Parents in the file come before their children; a cycle inside the file is an error on each row in it. */
function orderParentsFirst(planned: Planned<Data>[], problems: RowProblem[]): Planned<Data>[] {
  const byCode = new Map(planned.map((p) => [p.data.code, p]));
  const out: Planned<Data>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: Planned<Data>): boolean => {
    const s = state.get(p.data.code);
    if (s === 'done') return true;
    if (s === 'visiting') return false;
    state.set(p.data.code, 'visiting');
    const parent = p.data.parentCode && !p.data.parentId ? byCode.get(p.data.parentCode) : undefined;
    if (parent && !visit(parent)) {
      problems.push({ row: p.row, field: 'parentCode', key: 'field.parent_cycle' });
      return false;
    }
    state.set(p.data.code, 'done');
    out.push(p);
    return true;
  };
  for (const p of planned) visit(p);
  return out;
}
