import { and, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { vnToday } from '#server/clock.ts';
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
import { createAssignment } from './service.ts';
import { rotationAssignments, rotationPositions } from './tables.ts';

const Row = z.object({
  unitCode: unitCode(),
  personName: text(200),
  position: text(300),
  assignedOn: legalDate(),
  decisionNo: optionalText(60),
  probationMonths: z.coerce.number().int().min(0).max(24).optional(),
  retiresOn: legalDate().optional(),
});
type Row = z.infer<typeof Row>;
type Data = Row & { unitId?: string; positionCode?: string };
const fieldMap = {
  unitId: 'unitCode',
  personName: 'personName',
  positionCode: 'position',
  assignedOn: 'assignedOn',
  retiresOn: 'retiresOn',
};

/**
 * The personnel office's list of officials in posts subject to rotation, as it keeps it: one row per
 * official, the unit by its code, the position by its code or its name. All or nothing; a row already
 * recorded (same unit, name, position and decision date) is left unchanged.
 */
export const rotationImport: ImportAdapter<Data> = {
  entity: 'rotation_assignments',
  action: 'integrity.handle',
  keyField: null,
  rowSchema: Row as z.ZodType<Data>,
  fields: [
    unitCodeField,
    {
      key: 'personName',
      required: true,
      vi: 'Họ và tên',
      en: 'Name',
      aliases: ['ho ten', 'ten'],
      example: 'Nguyễn Văn A',
    },
    {
      key: 'position',
      required: true,
      vi: 'Vị trí phải chuyển đổi',
      en: 'Position',
      aliases: ['vi tri', 'ma vi tri', 'position'],
      example: 'procurement',
    },
    {
      key: 'assignedOn',
      required: true,
      vi: 'Ngày quyết định phân công',
      en: 'Assigned on',
      aliases: ['ngay phan cong', 'ngay quyet dinh'],
      example: '15/08/2023',
    },
    {
      key: 'decisionNo',
      required: false,
      vi: 'Số quyết định',
      en: 'Decision no.',
      aliases: ['so quyet dinh'],
      example: '120/QĐ-STC',
    },
    {
      key: 'probationMonths',
      required: false,
      vi: 'Thời gian tập sự (tháng)',
      en: 'Probation (months)',
      aliases: ['tap su'],
      example: '0',
    },
    {
      key: 'retiresOn',
      required: false,
      vi: 'Ngày đủ tuổi nghỉ hưu',
      en: 'Retires on',
      aliases: ['nghi huu'],
      example: '31/12/2030',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per official in a post subject to rotation. Unit by its code; position by its code or name (see the job-rotation page).',
          'Dates as dd/MM/yyyy. Any error cancels the whole file; a row already recorded is left as it is.',
        ]
      : [
          'Mỗi dòng một công chức, viên chức ở vị trí phải chuyển đổi. Đơn vị ghi theo mã; vị trí ghi theo mã hoặc tên (xem trang Chuyển đổi vị trí công tác).',
          'Ngày theo dạng dd/MM/yyyy. Một lỗi sẽ hủy toàn bộ tệp; dòng đã có được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const today = vnToday(ctx.clock.now());
    const positions = await ctx.db.select().from(rotationPositions);
    const positionOf = new Map<string, string>();
    for (const p of positions)
      for (const n of [p.code, p.nameVi, p.nameEn]) positionOf.set(foldHeader(n), p.code);
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      'integrity.handle',
    );
    const unitIds = found.ids();
    const existing = new Set<string>();
    for (const part of chunks(unitIds))
      for (const a of await ctx.db
        .select()
        .from(rotationAssignments)
        .where(and(inArray(rotationAssignments.unitId, part), isNull(rotationAssignments.endedOn))))
        existing.add([a.unitId, foldHeader(a.personName), a.positionCode, a.assignedOn].join('|'));
    const plan = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const before = problems.length;
      const u = found.check(row, data.unitCode, problems);
      const positionCode = positionOf.get(foldHeader(data.position));
      if (!positionCode)
        problems.push({
          row,
          field: 'position',
          key: 'import.choice',
          values: { options: positions.map((p) => p.nameVi).join('; ') },
        });
      if (data.assignedOn > today) problems.push({ row, field: 'assignedOn', key: 'field.date_future' });
      if (data.retiresOn && data.retiresOn < data.assignedOn)
        problems.push({ row, field: 'retiresOn', key: 'field.before_assigned' });
      if (problems.length > before) continue;
      const key = [u!.id, foldHeader(data.personName), positionCode, data.assignedOn].join('|');
      plan.add(problems, row, key, 'personName', {
        label: `${data.unitCode} ${data.personName}`,
        changes: { position: positionCode, assignedOn: data.assignedOn },
        data: { ...data, unitId: u!.id, positionCode },
      });
    }
    return { planned: plan.planned, problems };
  },

  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createAssignment(ctx, {
        unitId: p.data.unitId!,
        personName: p.data.personName,
        positionCode: p.data.positionCode!,
        assignedOn: p.data.assignedOn,
        decisionNo: p.data.decisionNo ?? null,
        probationMonths: p.data.probationMonths ?? 0,
        retiresOn: p.data.retiresOn ?? null,
      }),
    ),
};
