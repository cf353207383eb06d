import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import { choice, createEach, legalDate, oncePlanner, registerUnits } from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { documentKinds, issuerLevels, reviewResults } from '#shared/regulations/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { createReview } from './service.ts';
import { regulationReviews } from './tables.ts';

const yes = new Set(['x', 'co', 'yes', 'true', '1', 'da']);
const Row = z.object({
  unitCode: unitCode(),
  documentNo: text(80),
  title: text(500),
  documentKind: choice(documentKinds, 'ui.reg.kind', { provincial_document: ['ubnd', 'van ban tinh'] }),
  issuer: text(300),
  issuerLevel: choice(issuerLevels, 'ui.reg.level', { own: ['don vi', 'noi bo'] }),
  issuedOn: legalDate().optional(),
  reviewedOn: legalDate(),
  result: choice(reviewResults, 'ui.reg.result', { gap_found: ['bat cap'], outdated: ['het hieu luc'] }),
  gap: optionalText(4000),
  proposal: optionalText(4000),
  proposedTo: optionalText(300),
  proposedOn: legalDate().optional(),
  systematised: z
    .string()
    .optional()
    .transform((s) => !!s && yes.has(foldHeader(s))),
});
type Data = z.infer<typeof Row> & { unitId?: string };
const fieldMap = {
  unitId: 'unitCode',
  documentNo: 'documentNo',
  reviewedOn: 'reviewedOn',
  issuedOn: 'issuedOn',
  gap: 'gap',
  proposal: 'proposal',
  proposedTo: 'proposedTo',
  proposedOn: 'proposedOn',
};

/**
 * The legal documents a unit reviewed, as its legal officer lists them in a sheet: one row per document
 * with the result, the gap and the proposal. All or nothing; a review already recorded (same unit,
 * document number and review date) is left as it is. Outcomes of proposals are recorded in the app.
 */
export const regulationReviewImport: ImportAdapter<Data> = {
  entity: 'regulation_reviews',
  action: 'integrity.handle',
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    {
      key: 'unitCode',
      required: true,
      vi: 'Mã đơn vị',
      en: 'Unit code',
      aliases: ['ma don vi'],
      example: 'SH.STC',
      code: true,
    },
    {
      key: 'documentNo',
      required: true,
      vi: 'Số, ký hiệu văn bản',
      en: 'Document no.',
      aliases: ['so van ban', 'so ky hieu'],
      example: '15/2020/QĐ-UBND',
    },
    {
      key: 'title',
      required: true,
      vi: 'Trích yếu',
      en: 'Title',
      aliases: ['ten van ban', 'trich yeu'],
      example: 'Quy chế quản lý quà tặng',
    },
    {
      key: 'documentKind',
      required: true,
      vi: 'Loại văn bản',
      en: 'Kind',
      aliases: ['loai'],
      example: 'Quyết định',
    },
    {
      key: 'issuer',
      required: true,
      vi: 'Cơ quan ban hành',
      en: 'Issuer',
      aliases: ['co quan ban hanh'],
      example: 'UBND tỉnh',
    },
    {
      key: 'issuerLevel',
      required: true,
      vi: 'Cấp ban hành',
      en: 'Level',
      aliases: ['cap'],
      example: 'Tỉnh',
    },
    {
      key: 'issuedOn',
      required: false,
      vi: 'Ngày ban hành',
      en: 'Issued on',
      aliases: ['ngay ban hanh'],
      example: '12/05/2020',
    },
    {
      key: 'reviewedOn',
      required: true,
      vi: 'Ngày rà soát',
      en: 'Reviewed on',
      aliases: ['ngay ra soat'],
      example: '15/04/2026',
    },
    {
      key: 'result',
      required: true,
      vi: 'Kết quả rà soát',
      en: 'Result',
      aliases: ['ket qua'],
      example: 'Có bất cập',
    },
    {
      key: 'gap',
      required: false,
      vi: 'Nội dung bất cập',
      en: 'Gap',
      aliases: ['bat cap'],
      example: 'Dẫn chiếu văn bản đã bãi bỏ',
    },
    {
      key: 'proposal',
      required: false,
      vi: 'Kiến nghị sửa đổi',
      en: 'Proposal',
      aliases: ['kien nghi'],
      example: '',
    },
    {
      key: 'proposedTo',
      required: false,
      vi: 'Kiến nghị đến',
      en: 'Proposed to',
      aliases: ['noi nhan kien nghi'],
      example: '',
    },
    {
      key: 'proposedOn',
      required: false,
      vi: 'Ngày kiến nghị',
      en: 'Proposed on',
      aliases: ['ngay kien nghi'],
      example: '',
    },
    {
      key: 'systematised',
      required: false,
      vi: 'Đã hệ thống hóa',
      en: 'Systematised',
      aliases: ['he thong hoa'],
      example: 'x',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per document reviewed. Kind, level and result as their codes or names; dates as dd/MM/yyyy; "x" marks a systematised document.',
          'A gap is said when the result is not "consistent"; a proposal names whom it went to and when. Any error cancels the whole file.',
        ]
      : [
          'Mỗi dòng một văn bản đã rà soát. Loại, cấp ban hành, kết quả ghi theo mã hoặc tên; ngày dạng dd/MM/yyyy; "x" nếu đã hệ thống hóa.',
          'Kết quả khác "Phù hợp" phải nêu bất cập; kiến nghị ghi rõ gửi đến đâu, ngày nào. Một lỗi sẽ hủy toàn bộ tệp.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const found = await registerUnits(
      ctx,
      rows.map((r) => r.data.unitCode),
      'integrity.handle',
    );
    const keyOf = (unitId: string, no: string, on: string) => [unitId, foldHeader(no), on].join('|');
    const existing = new Set<string>();
    for (const part of chunks(found.ids()))
      for (const v of await ctx.db
        .select()
        .from(regulationReviews)
        .where(inArray(regulationReviews.unitId, part)))
        existing.add(keyOf(v.unitId, v.documentNo, v.reviewedOn));
    const plan = oncePlanner<Data>(existing);
    for (const { row, data } of rows) {
      const u = found.check(row, data.unitCode, problems);
      if (!u) continue;
      const key = keyOf(u.id, data.documentNo, data.reviewedOn);
      plan.add(problems, row, key, 'documentNo', {
        label: `${data.unitCode} ${data.documentNo}`,
        changes: { result: data.result, reviewedOn: data.reviewedOn },
        data: { ...data, unitId: u.id },
      });
    }
    return { planned: plan.planned, problems };
  },

  // The service's own rules (a gap for a non-consistent result, a whole proposal, dates in order) name
  // the row's column through the field map.
  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, ({ data: d }) =>
      createReview(ctx, {
        unitId: d.unitId!,
        documentNo: d.documentNo,
        title: d.title,
        documentKind: d.documentKind,
        issuer: d.issuer,
        issuerLevel: d.issuerLevel,
        issuedOn: d.issuedOn ?? null,
        reviewedOn: d.reviewedOn,
        result: d.result,
        gap: d.gap ?? null,
        proposal: d.proposal ?? null,
        proposedTo: d.proposedTo ?? null,
        proposedOn: d.proposedOn ?? null,
        systematised: d.systematised,
      }),
    ),
};
