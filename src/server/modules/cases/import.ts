import { and, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  choice,
  createEach,
  inspectorateRows,
  legalDate,
  oncePlanner,
  registerUnits,
  wholeNumber,
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { inspections } from '#server/modules/inspections/tables.ts';
import { caseKinds, caseSources, type PersonInput } from '#shared/cases/schemas.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createCase, MANAGE } from './service.ts';
import { cases } from './tables.ts';

const amount = wholeNumber(1e16 - 1);

/**
 * The persons of a case as a register writes them in one cell: "Full name - position", one per line or
 * separated by ";". A name alone is fine; more than 100 is not a register row.
 */
const personList = z
  .string()
  .transform((s, ctx) => {
    const out: PersonInput[] = [];
    for (const part of s
      .split(/[;\n]/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name = '', ...rest] = part.split(/\s+[-–]\s+/);
      const position = rest.join(' - ').trim();
      if (!name.trim() || name.length > 200 || position.length > 200) {
        ctx.addIssue({ code: 'custom', message: 'field.invalid', input: part });
        return z.NEVER;
      }
      out.push({ fullName: name.trim(), position: position || null });
    }
    if (out.length > 100) {
      ctx.addIssue({ code: 'custom', message: 'field.invalid', input: s });
      return z.NEVER;
    }
    return out;
  })
  .optional();

const Row = z.object({
  handlerCode: unitCode(),
  subjectCode: unitCode().optional(),
  subjectName: optionalText(300),
  title: text(500),
  summary: optionalText(5000),
  kind: choice(caseKinds, 'ui.case.kind', {
    corruption: ['tham nhung', 'hanh vi tham nhung'],
    retaliation: ['tra thu', 'tra thu nguoi to cao', 'tru dap'],
  }).optional(),
  source: choice(caseSources, 'ui.case.source', {
    inspection: ['thanh tra', 'qua thanh tra'],
    check: ['kiem tra', 'qua kiem tra'],
    audit: ['kiem toan', 'kiem toan nha nuoc'],
    declaration_verification: ['xac minh tai san', 'kiem soat tai san', 'xac minh tai san thu nhap'],
    citizen_report: ['to cao', 'phan anh', 'don thu', 'to cao phan anh'],
    staff_report: ['bao cao noi bo', 'nguoi trong co quan', 'can bo bao cao'],
    press: ['bao chi', 'truyen thong'],
    investigation: ['dieu tra', 'co quan dieu tra', 'truy to', 'xet xu'],
    other: ['khac', 'nguon khac'],
  }),
  inspectionDecisionNo: optionalText(100),
  detectedOn: legalDate(),
  damageVnd: amount,
  persons: personList,
});
type Data = z.infer<typeof Row> & { unitId?: string; subjectUnitId?: string; inspectionId?: string };
// The service's fields as the sheet names them, so a refusal names the row's column.
const fieldMap = {
  unitId: 'handlerCode',
  subjectUnitId: 'subjectCode',
  subjectName: 'subjectName',
  title: 'title',
  summary: 'summary',
  kind: 'kind',
  source: 'source',
  inspectionId: 'inspectionDecisionNo',
  detectedOn: 'detectedOn',
  damageVnd: 'damageVnd',
  persons: 'persons',
};

/**
 * The inspectorate's case register as kept in a sheet before Liêm (issue 19): one row per case — the
 * handling inspectorate and where it happened (a unit by code, or a body outside the tree by name), the
 * title, the source, the inspection's decision number when an inspection found it, the date detected,
 * the damage and the persons. All or nothing, each bad row and column named; a case already recorded
 * (same handler, title and date) is left as it is. Stages, referrals and recovery follow in the app.
 */
export const caseImport: ImportAdapter<Data> = {
  entity: 'cases',
  action: MANAGE,
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    {
      key: 'handlerCode',
      required: true,
      vi: 'Mã cơ quan xử lý',
      en: 'Handling body code',
      aliases: ['co quan xu ly', 'co quan thanh tra', 'ma co quan'],
      example: 'SH.TT',
      code: true,
    },
    {
      key: 'subjectCode',
      required: false,
      vi: 'Mã đơn vị xảy ra vụ việc',
      en: 'Unit where it happened (code)',
      aliases: ['don vi xay ra', 'ma don vi', 'don vi'],
      example: 'SH.STC',
      code: true,
    },
    {
      key: 'subjectName',
      required: false,
      vi: 'Hoặc cơ quan, tổ chức ngoài danh mục',
      en: 'Or a body outside the tree',
      aliases: ['co quan to chuc', 'co quan to chuc ngoai danh muc', 'noi xay ra'],
      example: '',
    },
    {
      key: 'title',
      required: true,
      vi: 'Tên vụ việc',
      en: 'Title',
      aliases: ['vu viec', 'ten vu viec', 'noi dung'],
      example: 'Chi sai mục đích kinh phí sửa chữa trụ sở',
    },
    { key: 'summary', required: false, vi: 'Tóm tắt', en: 'Summary', aliases: ['tom tat'], example: '' },
    {
      key: 'kind',
      required: false,
      vi: 'Loại vụ việc',
      en: 'Kind',
      aliases: ['loai', 'loai vu viec'],
      example: 'Tham nhũng',
    },
    {
      key: 'source',
      required: true,
      vi: 'Nguồn phát hiện',
      en: 'Source',
      aliases: ['nguon', 'phat hien qua'],
      example: 'Thanh tra',
    },
    {
      key: 'inspectionDecisionNo',
      required: false,
      vi: 'Số quyết định thanh tra',
      en: "Inspection's decision number",
      aliases: ['so quyet dinh', 'quyet dinh thanh tra', 'so qd', 'so qd thanh tra'],
      example: '15/QĐ-TTr',
    },
    {
      key: 'detectedOn',
      required: true,
      vi: 'Ngày phát hiện',
      en: 'Date detected',
      aliases: ['ngay phat hien', 'ngay'],
      example: '20/03/2026',
    },
    {
      key: 'damageVnd',
      required: false,
      vi: 'Giá trị thiệt hại (đồng)',
      en: 'Damage (VND)',
      aliases: ['thiet hai', 'gia tri thiet hai'],
      example: '1.250.000.000',
    },
    {
      key: 'persons',
      required: false,
      vi: 'Người có hành vi (họ tên - chức vụ; …)',
      en: 'Persons (name - position; …)',
      aliases: ['nguoi co hanh vi', 'doi tuong vi pham', 'ca nhan'],
      example: 'Nguyễn Văn A - Kế toán trưởng; Trần Thị B',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per case: the handling inspectorate by its code; where it happened by unit code, or a body outside the tree by name; dates as dd/MM/yyyy; amounts may use thousands separators; persons as "name - position", separated by ";".',
          "A case found by an inspection names the inspection's decision number. Any error cancels the whole file; a case already recorded (same handler, title and date) is left as it is.",
        ]
      : [
          'Mỗi dòng một vụ việc: cơ quan xử lý ghi theo mã; nơi xảy ra ghi mã đơn vị, hoặc tên cơ quan, tổ chức ngoài danh mục; ngày dạng dd/MM/yyyy; số tiền có thể có dấu phân cách hàng nghìn; người có hành vi ghi "họ tên - chức vụ", cách nhau bằng dấu ";".',
          'Vụ việc phát hiện qua thanh tra ghi số quyết định thanh tra. Một lỗi sẽ hủy toàn bộ tệp; vụ việc đã có (cùng cơ quan xử lý, tên và ngày phát hiện) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.flatMap((r) => [r.data.handlerCode, ...(r.data.subjectCode ? [r.data.subjectCode] : [])]),
      MANAGE,
    );
    const keyOf = (unitId: string, title: string, on: string) => [unitId, foldHeader(title), on].join('|');
    const existing = new Set<string>();
    // The inspections of these handlers by decision number, and the cases they already hold.
    const decisions = new Map<string, string>();
    for (const part of chunks(found.ids())) {
      for (const c of await ctx.db.select().from(cases).where(inArray(cases.unitId, part)))
        existing.add(keyOf(c.unitId, c.title, c.detectedOn));
      for (const i of await ctx.db
        .select({ id: inspections.id, unitId: inspections.unitId, no: inspections.decisionNo })
        .from(inspections)
        .where(and(inArray(inspections.unitId, part), isNotNull(inspections.decisionNo))))
        decisions.set(`${i.unitId}|${foldHeader(i.no!)}`, i.id);
    }
    const judge = await inspectorateRows(
      ctx,
      found,
      rows.flatMap((r) => (!r.data.subjectCode && r.data.subjectName ? [r.data.subjectName] : [])),
    );
    const once = oncePlanner<Data>(existing);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    for (const { row, data } of rows) {
      const before = problems.length;
      const unit = found.check(row, data.handlerCode, problems, 'handlerCode');
      const subject = data.subjectCode ? found.check(row, data.subjectCode, problems, 'subjectCode') : null;
      judge(
        row,
        problems,
        unit && { id: unit.id, field: 'handlerCode' },
        subject,
        data.subjectCode,
        data.subjectName,
      );
      if (data.detectedOn > today) problems.push({ row, field: 'detectedOn', key: 'field.date_future' });
      let inspectionId: string | undefined;
      if (data.inspectionDecisionNo && unit) {
        inspectionId = decisions.get(`${unit.id}|${foldHeader(data.inspectionDecisionNo)}`);
        if (!inspectionId) problems.push({ row, field: 'inspectionDecisionNo', key: 'field.invalid' });
      } else if (data.source === 'inspection' && !data.inspectionDecisionNo)
        problems.push({ row, field: 'inspectionDecisionNo', key: 'field.required' });
      if (problems.length > before) continue;
      once.add(problems, row, keyOf(unit!.id, data.title, data.detectedOn), 'title', {
        label: `${data.handlerCode} ${data.title}`,
        changes: { source: data.source, detectedOn: data.detectedOn, damageVnd: data.damageVnd ?? null },
        data: { ...data, unitId: unit!.id, subjectUnitId: subject?.id, inspectionId },
      });
    }
    return { planned: once.planned, problems };
  },

  // The service's own rules (scope, the handler, dates) name their column through fieldMap.
  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createCase(ctx, {
        unitId: p.data.unitId!,
        subjectUnitId: p.data.subjectUnitId ?? null,
        subjectName: p.data.subjectUnitId ? null : (p.data.subjectName ?? null),
        title: p.data.title,
        summary: p.data.summary ?? null,
        kind: p.data.kind ?? 'corruption',
        source: p.data.source,
        inspectionId: p.data.inspectionId ?? null,
        detectedOn: p.data.detectedOn,
        damageVnd: p.data.damageVnd ?? null,
        persons: (p.data.persons ?? []).map((x) => ({ ...x })),
      }),
    ),
};
