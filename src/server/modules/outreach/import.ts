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
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { audiences, outreachKinds } from '#shared/outreach/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createEvent } from './service.ts';
import { outreachEvents } from './tables.ts';

const whole = wholeNumber;

const audience = choice(audiences, 'ui.out.audience', {
  officials: ['can bo', 'cbccvc', 'cong chuc', 'vien chuc'],
  citizens: ['nguoi dan', 'cong dan'],
  students: ['hoc sinh', 'sinh vien'],
});
/**
 * Several audiences in one cell, separated by semicolons or new lines — or commas, though a label has
 * commas itself ("Cán bộ, công chức, viên chức"): a part is read whole first, then piece by piece.
 */
const audienceList = z.string().transform((s, ctx) => {
  const out = new Set<(typeof audiences)[number]>();
  for (const part of s
    .split(/[;|\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const whole = audience.safeParse(part);
    const pieces = whole.success
      ? [whole]
      : part
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => audience.safeParse(p));
    if (pieces.some((p) => !p.success)) {
      ctx.addIssue({ code: 'custom', message: 'field.invalid', input: part });
      return z.NEVER;
    }
    for (const p of pieces) if (p.success) out.add(p.data);
  }
  if (out.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'field.required', input: s });
    return z.NEVER;
  }
  return [...out];
});

const Row = z.object({
  unitCode: unitCode(),
  title: text(500),
  kind: choice(outreachKinds, 'ui.out.kind', {
    conference: ['hoi nghi', 'quan triet'],
    training: ['tap huan', 'boi duong'],
    social_media: ['mang xa hoi', 'cong thong tin'],
  }),
  startedOn: legalDate(),
  endedOn: legalDate().optional(),
  audiences: audienceList,
  participants: whole(10_000_000),
  staffTrained: whole(1_000_000),
  materials: optionalText(2000),
  costVnd: whole(1e15),
  note: optionalText(2000),
});
type Data = z.infer<typeof Row> & { unitId?: string };
const fieldMap = {
  unitId: 'unitCode',
  title: 'title',
  startedOn: 'startedOn',
  endedOn: 'endedOn',
  participants: 'participants',
  staffTrained: 'staffTrained',
  costVnd: 'costVnd',
};

/**
 * A unit's outreach events as kept in a sheet (task 3): one row per event — unit by code, title, kind,
 * dates, audiences, attendance, staff trained, materials, cost. All or nothing, each bad row and column
 * named; an event already recorded (same unit, title and start) is left as it is.
 */
export const outreachImport: ImportAdapter<Data> = {
  entity: 'outreach_events',
  action: HANDLE,
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    unitCodeField,
    {
      key: 'title',
      required: true,
      vi: 'Tên hoạt động',
      en: 'Title',
      aliases: ['noi dung', 'ten hoat dong', 'hoat dong'],
      example: 'Hội nghị quán triệt Luật Phòng, chống tham nhũng sửa đổi',
    },
    {
      key: 'kind',
      required: true,
      vi: 'Hình thức',
      en: 'Kind',
      aliases: ['hinh thuc', 'loai'],
      example: 'Hội nghị, quán triệt',
    },
    {
      key: 'startedOn',
      required: true,
      vi: 'Ngày bắt đầu',
      en: 'Start',
      aliases: ['ngay', 'tu ngay', 'ngay to chuc'],
      example: '15/03/2026',
    },
    { key: 'endedOn', required: false, vi: 'Ngày kết thúc', en: 'End', aliases: ['den ngay'], example: '' },
    {
      key: 'audiences',
      required: true,
      vi: 'Đối tượng',
      en: 'Audiences',
      aliases: ['doi tuong', 'doi tuong tham du'],
      example: 'Cán bộ, công chức, viên chức; Đảng viên',
    },
    {
      key: 'participants',
      required: true,
      vi: 'Số người tham dự',
      en: 'Participants',
      aliases: ['so nguoi', 'so luot', 'so nguoi tham du'],
      example: '120',
    },
    {
      key: 'staffTrained',
      required: false,
      vi: 'Số cán bộ của đơn vị được tập huấn',
      en: "The unit's own staff trained",
      aliases: ['so can bo', 'can bo duoc tap huan'],
      example: '45',
    },
    {
      key: 'materials',
      required: false,
      vi: 'Tài liệu',
      en: 'Materials',
      aliases: ['tai lieu'],
      example: '',
    },
    {
      key: 'costVnd',
      required: false,
      vi: 'Kinh phí (đồng)',
      en: 'Cost (VND)',
      aliases: ['kinh phi', 'chi phi'],
      example: '15.000.000',
    },
    { key: 'note', required: false, vi: 'Ghi chú', en: 'Note', aliases: ['ghi chu'], example: '' },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per outreach event: the unit by its code, dates as dd/MM/yyyy, several audiences separated by ";". Counts and amounts may use thousands separators.',
          'Any error cancels the whole file; an event already recorded (same unit, title and start) is left as it is.',
        ]
      : [
          'Mỗi dòng một hoạt động tuyên truyền, phổ biến: đơn vị ghi theo mã, ngày dạng dd/MM/yyyy, nhiều đối tượng cách nhau bằng dấu ";". Số lượng, kinh phí có thể có dấu phân cách hàng nghìn.',
          'Một lỗi sẽ hủy toàn bộ tệp; hoạt động đã có (cùng đơn vị, tên, ngày bắt đầu) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      HANDLE,
    );
    const keyOf = (unitId: string, title: string, on: string) => [unitId, foldHeader(title), on].join('|');
    const existing = new Set<string>();
    for (const part of chunks(found.ids()))
      for (const e of await ctx.db.select().from(outreachEvents).where(inArray(outreachEvents.unitId, part)))
        existing.add(keyOf(e.unitId, e.title, e.startedOn));
    const plan = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const before = problems.length;
      const u = found.check(row, data.unitCode, problems);
      if (data.participants === undefined)
        problems.push({ row, field: 'participants', key: 'field.required' });
      if (problems.length > before) continue;
      const key = keyOf(u!.id, data.title, data.startedOn);
      plan.add(problems, row, key, 'title', {
        label: `${data.unitCode} ${data.title}`,
        changes: { startedOn: data.startedOn, participants: data.participants },
        data: { ...data, unitId: u!.id },
      });
    }
    return { planned: plan.planned, problems };
  },

  // The service's own rules (dates in order, staff trained not above participants) name their column.
  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createEvent(ctx, {
        unitId: p.data.unitId!,
        title: p.data.title,
        kind: p.data.kind,
        startedOn: p.data.startedOn,
        endedOn: p.data.endedOn ?? null,
        audiences: p.data.audiences,
        participants: p.data.participants!,
        staffTrained: p.data.staffTrained ?? 0,
        materials: p.data.materials ?? null,
        costVnd: p.data.costVnd ?? 0,
        note: p.data.note ?? null,
      }),
    ),
};
