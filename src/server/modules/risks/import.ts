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
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { riskStatuses } from '#shared/risks/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createRisk } from './service.ts';
import { corruptionRisks } from './tables.ts';

/** 1–5 as a number, or as registers write the level in words (rất thấp … rất cao). */
const words: Record<string, number> = Object.fromEntries(
  (
    [
      [1, ['rất thấp', 'rất nhỏ', 'very low']],
      [2, ['thấp', 'nhỏ', 'low']],
      [3, ['trung bình', 'medium']],
      [4, ['cao', 'lớn', 'high']],
      [5, ['rất cao', 'rất lớn', 'very high']],
    ] as const
  ).flatMap(([n, names]) => names.map((name) => [foldHeader(name), n])),
);
const scale = z.string().transform((s, ctx) => {
  const n = /^\s*[1-5]\s*$/.test(s) ? Number(s) : words[foldHeader(s)];
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'field.scale', input: s });
    return z.NEVER;
  }
  return n;
});

const Row = z.object({
  unitCode: unitCode(),
  process: text(300),
  description: text(4000),
  likelihood: scale,
  impact: scale,
  owner: text(200),
  controls: optionalText(4000),
  controlOwner: optionalText(200),
  reviewBy: legalDate(),
  status: choice(riskStatuses, 'ui.risk.status', {
    open: ['dang theo doi', 'mo', 'con hieu luc'],
    mitigated: ['da giam thieu', 'giam thieu'],
    closed: ['da dong', 'dong', 'ket thuc'],
  }).optional(),
});
type Data = z.infer<typeof Row> & { unitId?: string };
const fieldMap = {
  unitId: 'unitCode',
  process: 'process',
  description: 'description',
  likelihood: 'likelihood',
  impact: 'impact',
  owner: 'owner',
  controls: 'controls',
  controlOwner: 'controlOwner',
  reviewBy: 'reviewBy',
  status: 'status',
};

/**
 * A unit's corruption-risk register as kept in a sheet (task 4): one row per risk — the unit by code,
 * the work process, the risk, likelihood and impact 1–5 (or in words), who owns it, the controls and who
 * applies them, the next review. All or nothing, each bad row and column named; a risk already in the
 * register (same unit, process and description) is left as it is.
 */
export const riskImport: ImportAdapter<Data> = {
  entity: 'corruption_risks',
  action: HANDLE,
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    unitCodeField,
    {
      key: 'process',
      required: true,
      vi: 'Quy trình, lĩnh vực',
      en: 'Process',
      aliases: ['quy trinh', 'linh vuc', 'quy trinh cong viec'],
      example: 'Thẩm định giá gói thầu mua sắm',
    },
    {
      key: 'description',
      required: true,
      vi: 'Rủi ro tham nhũng',
      en: 'Risk',
      aliases: ['rui ro', 'mo ta rui ro', 'nguy co'],
      example: 'Thông đồng nâng giá dự toán',
    },
    {
      key: 'likelihood',
      required: true,
      vi: 'Khả năng xảy ra (1–5)',
      en: 'Likelihood (1–5)',
      aliases: ['kha nang', 'kha nang xay ra', 'xac suat'],
      example: '3',
    },
    {
      key: 'impact',
      required: true,
      vi: 'Mức độ ảnh hưởng (1–5)',
      en: 'Impact (1–5)',
      aliases: ['anh huong', 'muc do anh huong', 'hau qua'],
      example: '4',
    },
    {
      key: 'owner',
      required: true,
      vi: 'Người chịu trách nhiệm',
      en: 'Owner',
      aliases: ['chiu trach nhiem', 'nguoi phu trach', 'phu trach'],
      example: 'Trưởng phòng Kế hoạch - Tài chính',
    },
    {
      key: 'controls',
      required: false,
      vi: 'Biện pháp kiểm soát',
      en: 'Controls',
      aliases: ['bien phap', 'bien phap kiem soat', 'bien phap phong ngua'],
      example: 'Hai người thẩm định độc lập; công khai dự toán',
    },
    {
      key: 'controlOwner',
      required: false,
      vi: 'Người thực hiện biện pháp',
      en: 'Control owner',
      aliases: ['nguoi thuc hien'],
      example: '',
    },
    {
      key: 'reviewBy',
      required: true,
      vi: 'Ngày rà soát tiếp theo',
      en: 'Next review',
      aliases: ['ngay ra soat', 'ra soat', 'han ra soat'],
      example: '30/06/2027',
    },
    {
      key: 'status',
      required: false,
      vi: 'Tình trạng',
      en: 'Status',
      aliases: ['tinh trang', 'trang thai'],
      example: 'Đang theo dõi',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per risk: the unit by its code; likelihood and impact from 1 to 5 (or very low, low, medium, high, very high); dates as dd/MM/yyyy. The level follows from the score by the thresholds in force.',
          'Any error cancels the whole file; a risk already in the register (same unit, process and risk) is left as it is.',
        ]
      : [
          'Mỗi dòng một rủi ro: đơn vị ghi theo mã; khả năng xảy ra và mức độ ảnh hưởng từ 1 đến 5 (hoặc rất thấp, thấp, trung bình, cao, rất cao); ngày dạng dd/MM/yyyy. Mức rủi ro tính từ điểm theo ngưỡng đang áp dụng.',
          'Một lỗi sẽ hủy toàn bộ tệp; rủi ro đã có (cùng đơn vị, quy trình và nội dung rủi ro) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      HANDLE,
    );
    const keyOf = (unitId: string, process: string, description: string) =>
      [unitId, foldHeader(process), foldHeader(description)].join('|');
    const existing = new Set<string>();
    for (const part of chunks(found.ids()))
      for (const r of await ctx.db
        .select()
        .from(corruptionRisks)
        .where(inArray(corruptionRisks.unitId, part)))
        existing.add(keyOf(r.unitId, r.process, r.description));
    const once = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const before = problems.length;
      const u = found.check(row, data.unitCode, problems);
      if (data.reviewBy > '2100-12-31') problems.push({ row, field: 'reviewBy', key: 'field.date_too_far' });
      if (problems.length > before) continue;
      once.add(problems, row, keyOf(u!.id, data.process, data.description), 'description', {
        label: `${data.unitCode} ${data.process}`,
        changes: { likelihood: data.likelihood, impact: data.impact, reviewBy: data.reviewBy },
        data: { ...data, unitId: u!.id },
      });
    }
    return { planned: once.planned, problems };
  },

  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createRisk(ctx, {
        unitId: p.data.unitId!,
        process: p.data.process,
        description: p.data.description,
        likelihood: p.data.likelihood,
        impact: p.data.impact,
        owner: p.data.owner,
        controls: p.data.controls ?? null,
        controlOwner: p.data.controlOwner ?? null,
        reviewBy: p.data.reviewBy,
        status: p.data.status ?? 'open',
      }),
    ),
};
