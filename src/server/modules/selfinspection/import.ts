import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  createEach,
  legalDate,
  oncePlanner,
  registerUnits,
  unitCodeField,
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createSelfInspection } from './service.ts';
import { selfInspections } from './tables.ts';

const Row = z.object({
  unitCode: unitCode(),
  area: text(300),
  plannedFrom: legalDate(),
  plannedTo: legalDate(),
  staffCount: z.coerce.number().int().min(0).max(1_000_000).optional(),
  note: optionalText(2000),
});
type Data = z.infer<typeof Row> & { unitId?: string };
const fieldMap = {
  unitId: 'unitCode',
  area: 'area',
  plannedFrom: 'plannedFrom',
  plannedTo: 'plannedTo',
  staffCount: 'staffCount',
  year: 'plannedFrom',
};

/**
 * A year's self-inspection plan as units draw it up in a sheet: one row per check, the unit by its code,
 * the work area, the period. All or nothing; a row already planned (same unit, area and start) is left
 * as it is.
 */
export const selfInspectionImport: ImportAdapter<Data> = {
  entity: 'self_inspections',
  action: 'integrity.handle',
  keyField: null,
  rowSchema: Row as z.ZodType<Data>,
  fields: [
    unitCodeField,
    {
      key: 'area',
      required: true,
      vi: 'Lĩnh vực, bộ phận được kiểm tra',
      en: 'Work area',
      aliases: ['linh vuc', 'bo phan', 'noi dung kiem tra'],
      example: 'Bộ phận một cửa',
    },
    {
      key: 'plannedFrom',
      required: true,
      vi: 'Từ ngày',
      en: 'From',
      aliases: ['tu ngay', 'bat dau'],
      example: '01/03/2027',
    },
    {
      key: 'plannedTo',
      required: true,
      vi: 'Đến ngày',
      en: 'To',
      aliases: ['den ngay', 'ket thuc'],
      example: '31/03/2027',
    },
    {
      key: 'staffCount',
      required: false,
      vi: 'Số cán bộ thuộc phạm vi',
      en: 'Staff in scope',
      aliases: ['so can bo'],
      example: '6',
    },
    { key: 'note', required: false, vi: 'Ghi chú', en: 'Note', aliases: ['ghi chu'], example: '' },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          "One row per self-inspection of the year's plan: the unit by its code, the work area, the period (dd/MM/yyyy; the year is the start's).",
          'Any error cancels the whole file; a check already planned (same unit, area and start) is left as it is.',
        ]
      : [
          'Mỗi dòng một đợt tự kiểm tra trong kế hoạch năm: đơn vị ghi theo mã, lĩnh vực hoặc bộ phận, thời gian (dd/MM/yyyy; năm kế hoạch là năm của ngày bắt đầu).',
          'Một lỗi sẽ hủy toàn bộ tệp; đợt đã có (cùng đơn vị, lĩnh vực, ngày bắt đầu) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      'integrity.handle',
    );
    const unitIds = found.ids();
    const keyOf = (unitId: string, area: string, from: string) => [unitId, foldHeader(area), from].join('|');
    const existing = new Set<string>();
    for (const part of chunks(unitIds))
      for (const s of await ctx.db
        .select()
        .from(selfInspections)
        .where(inArray(selfInspections.unitId, part)))
        existing.add(keyOf(s.unitId, s.area, s.plannedFrom));
    const plan = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const before = problems.length;
      const u = found.check(row, data.unitCode, problems);
      if (data.plannedTo < data.plannedFrom)
        problems.push({ row, field: 'plannedTo', key: 'field.date_order' });
      // Within its year, as the service holds it: the dry run says so too (re-test sec22b N7).
      else if (data.plannedTo.slice(0, 4) !== data.plannedFrom.slice(0, 4))
        problems.push({ row, field: 'plannedTo', key: 'field.date_range' });
      if (problems.length > before) continue;
      const key = keyOf(u!.id, data.area, data.plannedFrom);
      plan.add(problems, row, key, 'area', {
        label: `${data.unitCode} ${data.area}`,
        changes: { plannedFrom: data.plannedFrom, plannedTo: data.plannedTo },
        data: { ...data, unitId: u!.id },
      });
    }
    return { planned: plan.planned, problems };
  },

  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createSelfInspection(ctx, {
        unitId: p.data.unitId!,
        year: Number(p.data.plannedFrom.slice(0, 4)),
        area: p.data.area,
        staffCount: p.data.staffCount ?? null,
        plannedFrom: p.data.plannedFrom,
        plannedTo: p.data.plannedTo,
        note: p.data.note ?? null,
      }),
    ),
};
