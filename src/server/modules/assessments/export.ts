import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Ctx } from '#server/context.ts';
import { excel } from '#server/lazy.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { cleanStrings } from '#shared/text.ts';
import { campaignSummary, criteriaOf, listAssessments, ranking } from './service.ts';

/** Everything an export shows, read through the services (so scope and totals are the app's own). */
async function load(ctx: Ctx, campaignId: string) {
  const campaign = await campaignSummary(ctx, campaignId);
  const rows = await ranking(ctx, campaignId);
  const tops = (await criteriaOf(ctx.db, campaign.versionId)).filter((c) => !c.parentId);
  const list = await listAssessments(ctx, { campaignId });
  return { campaign, rows, tops, list };
}

/** Ranking sheet (parts, self and reviewed totals) and a sheet of assessments with their state. */
export async function campaignXlsx(ctx: Ctx, campaignId: string): Promise<Buffer> {
  // Text typed before input was cleaned may hold characters XML refuses: never a broken document.
  const { campaign, rows, tops } = cleanStrings(await load(ctx, campaignId));
  const wb = new (await excel()).Workbook();
  wb.creator = 'Liêm';
  const ws = wb.addWorksheet('Xếp hạng');
  ws.addRow([campaign.title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const header = ws.addRow([
    'Hạng',
    'Đơn vị',
    'Người đứng đầu',
    ...tops.map((t) => `${t.code}. ${t.titleVi} (${t.method === 'deduction' ? t.minPoints : t.maxPoints})`),
    'Điểm tự chấm',
    'Điểm thẩm định',
    'Trạng thái',
  ]);
  header.font = { bold: true };
  for (const r of rows)
    ws.addRow([
      r.rank ?? '',
      r.unitName,
      r.subjectName ?? '',
      ...tops.map((t) => r.parts[t.code] ?? 0),
      r.selfTotal,
      r.reviewed ? r.total : '',
      r.status,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : i === 2 ? 24 : 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'Times New Roman', size: 24 })] })],
  });

/** A results report in Word, in the plain administrative layout used for plans. */
export async function campaignDocx(ctx: Ctx, campaignId: string): Promise<Buffer> {
  // Text typed before input was cleaned may hold characters XML refuses: never a broken document.
  const { campaign, rows, tops } = cleanStrings(await load(ctx, campaignId));
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: campaign.unitName.toUpperCase(), bold: true })],
          }),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `KẾT QUẢ ${campaign.title.toUpperCase()}`, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: `Năm ${campaign.year}; lập ngày ${formatLegalDate(new Date().toISOString().slice(0, 10))}`,
                italics: true,
              }),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: [
                  cell('Hạng', true),
                  cell('Đơn vị', true),
                  ...tops.map((t) => cell(t.code, true)),
                  cell('Tổng điểm', true),
                ],
              }),
              ...rows.map(
                (r) =>
                  new TableRow({
                    children: [
                      cell(r.rank === null ? '—' : String(r.rank)),
                      cell(r.subjectName ? `${r.unitName} (${r.subjectName})` : r.unitName),
                      ...tops.map((t) => cell(String(r.parts[t.code] ?? 0))),
                      cell(String(r.total), true),
                    ],
                  }),
              ),
            ],
          }),
          new Paragraph({ children: [] }),
          ...tops.map(
            (t) =>
              new Paragraph({
                children: [
                  new TextRun({
                    text: `${t.code}. ${t.titleVi}: tối đa ${t.method === 'deduction' ? t.minPoints : t.maxPoints} điểm.`,
                    size: 22,
                  }),
                ],
              }),
          ),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
