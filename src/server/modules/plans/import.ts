import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import { choice, legalDate } from '#server/modules/imports/common.ts';
import {
  foldHeader,
  type ImportAdapter,
  type Planned,
  type RowProblem,
} from '#server/modules/imports/engine.ts';
import { units } from '#server/modules/org/tables.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { can } from '#shared/permissions.ts';
import { mayWritePlan } from '#shared/plans/policy.ts';
import { recurrences } from '#shared/plans/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { addItems } from './service.ts';
import { keyTaskGroups, plans } from './tables.ts';

const Row = z.object({
  no: z.string().max(20).optional(),
  group: z.string().max(200),
  content: text(4000),
  leadUnitCode: unitCode().optional(),
  coUnitCodes: z.string().max(2000).optional(),
  deadline: legalDate().optional(),
  recurrence: choice(recurrences, 'ui.plans.rec').optional(),
  expectedOutput: optionalText(2000),
  indicator: optionalText(500),
  target: optionalText(200),
});
type Row = z.infer<typeof Row>;
type Data = Row & { groupCode?: string; leadUnitId?: string; coUnitIds?: string[]; parentRow?: number };

const isRoman = (s: string) => /^[IVXLC]+$/i.test(s);

/**
 * Tasks of one draft plan from a sheet. The "STT" column gives the tree the way plans are numbered:
 * I, II… are sections, 1, 2… tasks of the section above, 1.1, 1.2… sub-tasks of the task above.
 */
export function planItemImport(planId: string): ImportAdapter<Data> {
  return {
    entity: 'plan_items',
    action: 'plans.read',
    keyField: null,
    rowSchema: Row as z.ZodType<Data>,
    fields: [
      { key: 'no', required: false, vi: 'STT', en: 'No.', aliases: ['so thu tu', 'stt', 'no'], example: '1' },
      {
        key: 'group',
        required: true,
        vi: 'Nhóm nhiệm vụ',
        en: 'Key task',
        aliases: ['nhom', 'group'],
        example: 'Tuyên truyền, phổ biến, giáo dục',
      },
      {
        key: 'content',
        required: true,
        vi: 'Nội dung nhiệm vụ',
        en: 'Task',
        aliases: ['noi dung', 'nhiem vu', 'content'],
        example: 'Tổ chức hội nghị tuyên truyền Luật PCTN',
      },
      {
        key: 'leadUnitCode',
        required: false,
        vi: 'Mã đơn vị chủ trì',
        en: 'Lead unit code',
        aliases: ['chu tri', 'lead'],
        example: 'SH.TT',
      },
      {
        key: 'coUnitCodes',
        required: false,
        vi: 'Mã đơn vị phối hợp',
        en: 'Co-operating unit codes',
        aliases: ['phoi hop'],
        example: 'SH.STC; SH.SXD',
      },
      {
        key: 'deadline',
        required: false,
        vi: 'Thời hạn',
        en: 'Deadline',
        aliases: ['han', 'deadline'],
        example: '30/06/2026',
      },
      { key: 'recurrence', required: false, vi: 'Định kỳ', en: 'Recurs', example: 'Hằng quý' },
      {
        key: 'expectedOutput',
        required: false,
        vi: 'Sản phẩm dự kiến',
        en: 'Expected output',
        aliases: ['san pham'],
        example: 'Báo cáo kết quả',
      },
      { key: 'indicator', required: false, vi: 'Chỉ tiêu', en: 'Indicator', example: 'Số hội nghị' },
      { key: 'target', required: false, vi: 'Mục tiêu', en: 'Target', example: '4' },
    ],
    notes: (lang) =>
      lang === 'en'
        ? [
            'One row per task. STT: I, II… sections; 1, 2… tasks; 1.1… sub-tasks.',
            'Key task: one of the eight groups, by name. Units by their codes, several separated by ";".',
            'Dates as dd/MM/yyyy. Only a draft plan can be imported into; any error cancels the whole file.',
          ]
        : [
            'Mỗi dòng một nhiệm vụ. STT: I, II… là nhóm; 1, 2… là nhiệm vụ; 1.1… là nhiệm vụ con.',
            'Nhóm nhiệm vụ: một trong tám nhóm, ghi theo tên. Đơn vị ghi theo mã, nhiều đơn vị cách nhau bằng dấu ";".',
            'Ngày theo dạng dd/MM/yyyy. Chỉ nhập vào kế hoạch đang dự thảo; một lỗi sẽ hủy toàn bộ tệp.',
          ],

    async plan(ctx: Ctx, rows) {
      const problems: RowProblem[] = [];
      const [p] = await ctx.db
        .select({ plan: plans, path: units.path })
        .from(plans)
        .innerJoin(units, eq(units.id, plans.unitId))
        .where(eq(plans.id, planId));
      if (!p || !can(ctx.actor, 'plans.read', { unitPath: p.path }))
        return { planned: [], problems: [{ row: 1, field: null, key: 'error.not_found' }] };
      if (!mayWritePlan(ctx.actor, p.path))
        return { planned: [], problems: [{ row: 1, field: null, key: 'error.forbidden' }] };
      if (p.plan.status !== 'draft')
        return { planned: [], problems: [{ row: 1, field: null, key: 'error.plan_not_draft' }] };
      const groups = await ctx.db.select().from(keyTaskGroups);
      const groupOf = new Map<string, string>();
      for (const g of groups)
        for (const name of [g.code, g.nameVi, g.nameEn]) groupOf.set(foldHeader(name), g.code);
      const codes = [
        ...new Set(
          rows
            .flatMap((r) => [
              r.data.leadUnitCode,
              ...(r.data.coUnitCodes ?? '').split(';').map((c) => c.trim()),
            ])
            .filter((c): c is string => !!c),
        ),
      ];
      const unitByCode = new Map<string, typeof units.$inferSelect>();
      for (const part of chunks(codes))
        for (const u of await ctx.db.select().from(units).where(inArray(units.code, part)))
          unitByCode.set(u.code, u);
      const resolveUnit = (row: number, field: string, code: string): string | null => {
        const u = unitByCode.get(code);
        if (!u) problems.push({ row, field, key: 'import.unknown_parent', values: { code } });
        else if (!u.path.startsWith(p.path) || !can(ctx.actor, 'org.read', { unitPath: u.path }))
          problems.push({ row, field, key: 'field.unit_not_in_plan_scope' });
        else if (u.status !== 'active') problems.push({ row, field, key: 'field.unit_archived' });
        else return u.id;
        return null;
      };
      const planned: Planned<Data>[] = [];
      let section: number | undefined;
      const taskRowByNo = new Map<string, number>();
      for (const { row, data } of rows) {
        const before = problems.length;
        const groupCode = groupOf.get(foldHeader(data.group));
        if (!groupCode) problems.push({ row, field: 'group', key: 'field.invalid' });
        if (data.deadline && Number(data.deadline.slice(0, 4)) < p.plan.year)
          problems.push({ row, field: 'deadline', key: 'field.deadline_before_year' });
        const leadUnitId = data.leadUnitCode ? resolveUnit(row, 'leadUnitCode', data.leadUnitCode) : null;
        const coUnitIds = (data.coUnitCodes ?? '')
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean)
          .map((c) => resolveUnit(row, 'coUnitCodes', c));
        // The tree from the numbering.
        const no = (data.no ?? '').replace(/\.$/, '');
        let parentRow: number | undefined;
        if (no && isRoman(no)) {
          section = row;
          taskRowByNo.clear();
        } else if (no.includes('.')) {
          parentRow = taskRowByNo.get(no.slice(0, no.lastIndexOf('.')));
          if (parentRow === undefined)
            problems.push({ row, field: 'no', key: 'import.unknown_parent', values: { code: no } });
          taskRowByNo.set(no, row);
        } else {
          parentRow = section;
          if (no) taskRowByNo.set(no, row);
        }
        if (problems.length > before) continue;
        planned.push({
          row,
          key: no || String(row),
          action: 'create',
          changes: { content: data.content, group: groupCode },
          data: {
            ...data,
            groupCode,
            leadUnitId: leadUnitId ?? undefined,
            coUnitIds: coUnitIds.filter((c): c is string => !!c),
            parentRow,
          },
        });
      }
      return { planned, problems };
    },

    async apply(ctx, planned, written) {
      // Ids are chosen here so sub-tasks can name the task above them within the same write.
      const idOfRow = new Map(planned.map((p) => [p.row, randomUUID()]));
      await addItems(
        ctx,
        planId,
        planned.map(({ row, data: d }, ordinal) => ({
          id: idOfRow.get(row)!,
          parentId: d.parentRow !== undefined ? (idOfRow.get(d.parentRow) ?? null) : null,
          ordinal,
          groupCode: d.groupCode!,
          content: d.content,
          leadUnitId: d.leadUnitId ?? null,
          coUnitIds: d.coUnitIds ?? [],
          deadline: d.deadline ?? null,
          recurrence: d.recurrence ?? null,
          expectedOutput: d.expectedOutput ?? null,
          indicator: d.indicator ?? null,
          target: d.target ?? null,
        })),
        written,
      );
      return {};
    },
  };
}
