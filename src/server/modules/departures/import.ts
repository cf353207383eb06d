import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  choice,
  createEach,
  legalDate,
  oncePlanner,
  registerUnits,
  unitCodeField,
  wholeNumber,
} from '#server/modules/imports/common.ts';
import {
  foldHeader,
  type ImportAdapter,
  type RowProblem,
  ruleHolds,
} from '#server/modules/imports/engine.ts';
import { coolingOffRuleCodes } from '#shared/departures/schemas.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createDeparture, period } from './service.ts';
import { departures } from './tables.ts';

const Row = z.object({
  unitCode: unitCode(),
  personName: text(200),
  position: text(300),
  leftOn: legalDate(),
  rule: choice(coolingOffRuleCodes, 'ui.dep.rule', {
    group1: ['nhom 1', 'group 1'],
    group2: ['nhom 2', 'group 2'],
    group3: ['nhom 3', 'group 3'],
    project: ['nhom 4', 'group 4', 'du an', 'project'],
    finance_nine_fields: ['tai chinh 9 linh vuc'],
    finance_budget_assets: ['ngan sach tai san cong'],
  }),
  months: wholeNumber(60).optional(),
  projectEndsOn: legalDate().optional(),
  field: text(300),
  newEmployerName: optionalText(300),
  newEmployerTaxCode: z.string().trim().optional(),
  note: optionalText(2000),
});
type Data = z.infer<typeof Row> & { unitId?: string };
const fieldMap = {
  unitId: 'unitCode',
  leftOn: 'leftOn',
  months: 'months',
  projectEndsOn: 'projectEndsOn',
  newEmployerName: 'newEmployerName',
  newEmployerTaxCode: 'newEmployerTaxCode',
};

const toInput = (unitId: string, d: Data) => ({
  unitId,
  personName: d.personName,
  position: d.position,
  leftOn: d.leftOn,
  rule: d.rule,
  months: d.months ?? null,
  projectEndsOn: d.projectEndsOn ?? null,
  field: d.field,
  newEmployerName: d.newEmployerName ?? null,
  newEmployerTaxCode: d.newEmployerTaxCode || null,
  note: d.note ?? null,
});

/**
 * The officials a unit's personnel office lists as having left, one row each, with the period's group
 * and the new employer where known. All or nothing; someone already recorded (same unit, name and day
 * of leaving) is left as they are. The service's rules (a length within the group's range, a project's
 * end date, a tax code's form) name the row's column.
 */
export const departureImport: ImportAdapter<Data> = {
  entity: 'departures',
  action: 'integrity.handle',
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    unitCodeField,
    {
      key: 'personName',
      required: true,
      vi: 'Họ và tên',
      en: 'Full name',
      aliases: ['ho ten', 'ten'],
      example: 'Trịnh Văn Khoản',
    },
    {
      key: 'position',
      required: true,
      vi: 'Chức vụ, vị trí đã giữ',
      en: 'Position held',
      aliases: ['chuc vu', 'vi tri'],
      example: 'Chuyên viên Phòng Quản lý ngân sách',
    },
    {
      key: 'leftOn',
      required: true,
      vi: 'Ngày thôi giữ chức vụ',
      en: 'Left office on',
      aliases: ['ngay thoi', 'ngay nghi viec'],
      example: '31/03/2026',
    },
    {
      key: 'rule',
      required: true,
      vi: 'Nhóm thời hạn',
      en: 'Period group',
      aliases: ['nhom', 'nhom thoi han'],
      example: 'Nhóm 1',
    },
    { key: 'months', required: false, vi: 'Số tháng', en: 'Months', aliases: ['so thang'], example: '12' },
    {
      key: 'projectEndsOn',
      required: false,
      vi: 'Ngày dự án kết thúc',
      en: 'Project ends on',
      aliases: ['ngay ket thuc du an'],
      example: '',
    },
    {
      key: 'field',
      required: true,
      vi: 'Lĩnh vực đã quản lý',
      en: 'Field managed',
      aliases: ['linh vuc'],
      example: 'Quản lý ngân sách nhà nước',
    },
    {
      key: 'newEmployerName',
      required: false,
      vi: 'Nơi làm việc mới',
      en: 'New employer',
      aliases: ['noi lam viec moi', 'don vi moi'],
      example: '',
    },
    {
      key: 'newEmployerTaxCode',
      required: false,
      vi: 'Mã số thuế nơi làm việc mới',
      en: 'New employer tax code',
      aliases: ['ma so thue', 'mst'],
      example: '',
      code: true,
    },
    { key: 'note', required: false, vi: 'Ghi chú', en: 'Note', aliases: ['ghi chu'], example: '' },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per official who left office. Group as its name or "Group 1"…"Group 4"; months within the group’s range (empty: its usual length); group 4 needs the project’s end date. Dates as dd/MM/yyyy.',
          'A new employer’s tax code is matched against the enterprises known here. Any error cancels the whole file.',
        ]
      : [
          'Mỗi dòng một người thôi giữ chức vụ. Nhóm ghi theo tên hoặc "Nhóm 1"…"Nhóm 4"; số tháng trong khoảng của nhóm (để trống: thời hạn thường dùng); nhóm 4 cần ngày dự án kết thúc. Ngày dạng dd/MM/yyyy.',
          'Mã số thuế nơi làm việc mới được đối chiếu với các doanh nghiệp có trong hệ thống. Một lỗi sẽ hủy toàn bộ tệp.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      'integrity.handle',
    );
    const keyOf = (unitId: string, name: string, on: string) => [unitId, foldHeader(name), on].join('|');
    const existing = new Set<string>();
    for (const part of chunks(found.ids()))
      for (const d of await ctx.db.select().from(departures).where(inArray(departures.unitId, part)))
        existing.add(keyOf(d.unitId, d.personName, d.leftOn));
    const plan = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const u = found.check(row, data.unitCode, problems);
      if (!u) continue;
      if (!ruleHolds(problems, row, fieldMap, () => period(ctx, toInput(u.id, data)))) continue;
      plan.add(problems, row, keyOf(u.id, data.personName, data.leftOn), 'personName', {
        label: `${data.unitCode} ${data.personName}`,
        changes: { leftOn: data.leftOn, rule: data.rule },
        data: { ...data, unitId: u.id },
      });
    }
    return { planned: plan.planned, problems };
  },

  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, ({ data: d }) => createDeparture(ctx, toInput(d.unitId!, d))),
};
