import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  createEach,
  inspectorateRows,
  legalDate,
  oncePlanner,
  registerUnits,
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { addInspection, createPlan } from './service.ts';
import { inspectionPlans, inspections } from './tables.ts';

const MANAGE = 'inspections.manage' as const;

const Row = z.object({
  inspectorateCode: unitCode(),
  year: z.coerce.number().int().min(2020).max(2100),
  subjectCode: unitCode().optional(),
  subjectName: optionalText(300),
  title: text(500),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  periodFrom: legalDate().optional(),
  periodTo: legalDate().optional(),
  teamSize: z.coerce.number().int().min(1).max(50).optional(),
  reason: optionalText(500),
});
type Data = z.infer<typeof Row> & { unitId?: string; subjectUnitId?: string; planId?: string };
// The service's fields as the sheet names them, so a refusal names the row's column.
const fieldMap = {
  unitId: 'inspectorateCode',
  planId: 'year',
  year: 'year',
  subjectUnitId: 'subjectCode',
  subjectName: 'subjectName',
  title: 'title',
  quarter: 'quarter',
  periodFrom: 'periodFrom',
  periodTo: 'periodTo',
  teamSize: 'teamSize',
  reason: 'reason',
};

/**
 * An inspectorate's yearly plan as it is drafted in a sheet (issue 19): one row per inspection — the
 * inspectorate and the year (the plan, drafted if there is none yet), the inspected unit by its code or
 * a body outside the tree by name, the subject, the quarter, the period, the team's size. A plan already
 * approved takes a row only with its reason (a change to the plan). All or nothing; an inspection already
 * in the plan (same subject and title) is left as it is.
 */
export const inspectionImport: ImportAdapter<Data> = {
  entity: 'inspections',
  action: MANAGE,
  keyField: null,
  rowSchema: Row as z.ZodType<Data>,
  fields: [
    {
      key: 'inspectorateCode',
      required: true,
      vi: 'Mã cơ quan thanh tra',
      en: 'Inspectorate code',
      aliases: ['co quan thanh tra', 'ma thanh tra'],
      example: 'SH.TT',
      code: true,
    },
    { key: 'year', required: true, vi: 'Năm kế hoạch', en: 'Year', aliases: ['nam'], example: '2027' },
    {
      key: 'subjectCode',
      required: false,
      vi: 'Mã đơn vị được thanh tra',
      en: 'Inspected unit code',
      aliases: ['don vi duoc thanh tra', 'ma doi tuong'],
      example: 'SH.STC',
      code: true,
    },
    {
      key: 'subjectName',
      required: false,
      vi: 'Hoặc đối tượng ngoài danh mục',
      en: 'Or a body outside the tree',
      aliases: ['doi tuong', 'doi tuong thanh tra'],
      example: '',
    },
    {
      key: 'title',
      required: true,
      vi: 'Nội dung thanh tra',
      en: 'Subject of the inspection',
      aliases: ['noi dung', 'ten cuoc thanh tra'],
      example: 'Thanh tra việc quản lý, sử dụng ngân sách năm 2026',
    },
    { key: 'quarter', required: false, vi: 'Quý', en: 'Quarter', aliases: ['quy'], example: '2' },
    {
      key: 'periodFrom',
      required: false,
      vi: 'Thời kỳ thanh tra từ ngày',
      en: 'Period from',
      aliases: ['tu ngay'],
      example: '01/01/2026',
    },
    {
      key: 'periodTo',
      required: false,
      vi: 'Đến ngày',
      en: 'Period to',
      aliases: ['den ngay'],
      example: '31/12/2026',
    },
    {
      key: 'teamSize',
      required: false,
      vi: 'Số thành viên đoàn',
      en: 'Team size',
      aliases: ['so thanh vien', 'thanh vien doan'],
      example: '5',
    },
    {
      key: 'reason',
      required: false,
      vi: 'Lý do bổ sung (kế hoạch đã phê duyệt)',
      en: 'Reason (plan already approved)',
      aliases: ['ly do'],
      example: '',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          "One row per inspection of an inspectorate's plan for a year (drafted if there is none). The inspected unit by its code, or a body outside the tree by name.",
          'A plan already approved takes an inspection only with its reason. Any error cancels the whole file; an inspection already in the plan (same subject and title) is left as it is.',
        ]
      : [
          'Mỗi dòng một cuộc thanh tra trong kế hoạch năm của cơ quan thanh tra (chưa có kế hoạch thì lập dự thảo). Đơn vị được thanh tra ghi theo mã, hoặc ghi tên đối tượng ngoài danh mục.',
          'Kế hoạch đã phê duyệt chỉ nhận thêm cuộc thanh tra khi có lý do. Một lỗi sẽ hủy toàn bộ tệp; cuộc thanh tra đã có trong kế hoạch (cùng đối tượng và nội dung) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.flatMap((r) => [r.data.inspectorateCode, ...(r.data.subjectCode ? [r.data.subjectCode] : [])]),
      MANAGE,
    );
    // The plans these inspectorates have, and what is already in them.
    const plans = new Map<string, { id: string; status: string }>();
    const known = new Set<string>();
    const keyOf = (planId: string, subject: string, title: string) =>
      [planId, foldHeader(subject), foldHeader(title)].join('|');
    for (const part of chunks(found.ids()))
      for (const p of await ctx.db
        .select()
        .from(inspectionPlans)
        .where(inArray(inspectionPlans.unitId, part))) {
        plans.set(`${p.unitId}|${p.year}`, p);
        for (const i of await ctx.db
          .select()
          .from(inspections)
          .where(and(eq(inspections.planId, p.id))))
          known.add(keyOf(p.id, i.subjectUnitId ?? i.subjectName ?? '', i.title));
      }
    const judge = await inspectorateRows(
      ctx,
      found,
      rows.flatMap((r) => (!r.data.subjectCode && r.data.subjectName ? [r.data.subjectName] : [])),
    );
    const once = oncePlanner<Data>(known);
    for (const { row, data } of rows) {
      const before = problems.length;
      const unit = found.check(row, data.inspectorateCode, problems, 'inspectorateCode');
      const subject = data.subjectCode ? found.check(row, data.subjectCode, problems, 'subjectCode') : null;
      judge(
        row,
        problems,
        unit && { id: unit.id, field: 'inspectorateCode' },
        subject,
        data.subjectCode,
        data.subjectName,
      );
      if (data.periodFrom && data.periodTo && data.periodTo < data.periodFrom)
        problems.push({ row, field: 'periodTo', key: 'field.date_order' });
      const plan = unit ? plans.get(`${unit.id}|${data.year}`) : undefined;
      if (plan?.status === 'approved' && !data.reason)
        problems.push({ row, field: 'reason', key: 'field.plan_change_reason' });
      if (problems.length > before) continue;
      const subjectKey = subject?.id ?? data.subjectName ?? '';
      const key = keyOf(plan?.id ?? `${unit!.id}|${data.year}`, subjectKey, data.title);
      once.add(problems, row, key, 'title', {
        label: `${data.inspectorateCode} ${data.year} ${data.title}`,
        changes: { title: data.title, quarter: data.quarter ?? null },
        data: { ...data, unitId: unit!.id, subjectUnitId: subject?.id, planId: plan?.id },
      });
    }
    return { planned: once.planned, problems };
  },

  async apply(ctx, planned, written) {
    // A year without a plan gets its draft, once, before its first inspection.
    const drafted = new Map<string, string>();
    return createEach(planned, written, fieldMap, async (p) => {
      const d = p.data;
      let planId = d.planId ?? drafted.get(`${d.unitId}|${d.year}`);
      if (!planId) {
        planId = (await createPlan(ctx, { unitId: d.unitId!, year: d.year })).id;
        drafted.set(`${d.unitId}|${d.year}`, planId);
      }
      return addInspection(ctx, {
        planId,
        unitId: d.unitId!,
        subjectUnitId: d.subjectUnitId ?? null,
        subjectName: d.subjectUnitId ? null : (d.subjectName ?? null),
        title: d.title,
        quarter: d.quarter ?? null,
        periodFrom: d.periodFrom ?? null,
        periodTo: d.periodTo ?? null,
        teamSize: d.teamSize ?? null,
        reason: d.reason ?? null,
      });
    });
  },
};
