import { AlignmentType } from 'docx';
import { eq } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { excel } from '#server/lazy.ts';
import { units } from '#server/modules/org/tables.ts';
import { administrativeDocx, dataTable, para, placeOf, run } from '#server/platform/documents.ts';
import { sheetKit } from '#server/platform/sheets.ts';
import type { MessageKey } from '#shared/i18n/index.ts';
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

/** Ranking sheet (parts, self and reviewed totals) in the reader's language. */
export async function campaignXlsx(ctx: Ctx, campaignId: string): Promise<Buffer> {
  const { campaign, rows, tops } = await load(ctx, campaignId);
  const { t, row, named } = sheetKit(ctx.lang);
  const wb = new (await excel()).Workbook();
  wb.creator = 'Liêm';
  const ws = wb.addWorksheet(t('export.ranking_sheet'));
  row(ws, [campaign.title], { bold: true, size: 13 });
  row(ws, []);
  row(
    ws,
    [
      t('ui.assess.rank'),
      t('ui.common.unit'),
      t('export.head'),
      ...tops.map((c) =>
        t('export.points', {
          code: c.code,
          title: named({ vi: c.titleVi, en: c.titleEn }),
          points: c.method === 'deduction' ? c.minPoints : c.maxPoints,
        }),
      ),
      t('ui.assess.selfTotal'),
      t('ui.assess.reviewTotal'),
      t('ui.common.status'),
    ],
    { bold: true },
  );
  for (const r of rows)
    row(ws, [
      r.rank ?? '',
      r.unitName,
      r.subjectName ?? '',
      ...tops.map((c) => r.parts[c.code] ?? 0),
      r.selfTotal,
      r.reviewed ? r.total : '',
      STATUS[r.status] ? t(STATUS[r.status]!) : r.status,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : i === 2 ? 24 : 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STATUS: Record<string, MessageKey> = {
  open: 'ui.assess.status.open',
  submitted: 'ui.assess.status.submitted',
  under_review: 'ui.assess.status.under_review',
  returned: 'ui.assess.status.returned',
  finalised: 'ui.assess.status.finalised',
};

/** A results report in Word, in the administrative frame used for every document (platform/documents.ts). */
export async function campaignDocx(ctx: Ctx, campaignId: string): Promise<Buffer> {
  // Text typed before input was cleaned may hold characters XML refuses: never a broken document.
  const { campaign, rows, tops } = cleanStrings(await load(ctx, campaignId));
  const [unit] = await ctx.db
    .select({ path: units.path, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, campaign.unitId));
  const [parent] = unit?.parentId
    ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId))
    : [];
  const summary = `Kết quả ${campaign.title.charAt(0).toLowerCase()}${campaign.title.slice(1)}`;
  return administrativeDocx({
    issuer: campaign.unitName,
    parent: parent?.name ?? null,
    numberKind: 'BC',
    place: await placeOf(ctx.db, unit?.path ?? ''),
    date: vnToday(ctx.clock.now()),
    kind: 'BÁO CÁO',
    summary,
    title: `BÁO CÁO ${summary}`,
    body: [
      para([run(`Năm ${campaign.year}.`, { size: 14 })], AlignmentType.JUSTIFIED, 200),
      dataTable(
        ['Hạng', 'Đơn vị', ...tops.map((t) => t.code), 'Tổng điểm'],
        [10, 40, ...tops.map(() => Math.floor(35 / Math.max(1, tops.length))), 15],
        rows.map((r) => ({
          cells: [
            r.rank === null ? '—' : String(r.rank),
            r.subjectName ? `${r.unitName} (${r.subjectName})` : r.unitName,
            ...tops.map((t) => String(r.parts[t.code] ?? 0)),
            String(r.total),
          ],
        })),
      ),
      para([run('')]),
      ...tops.map((t) =>
        para([
          run(
            `${t.code}. ${t.titleVi}: tối đa ${t.method === 'deduction' ? t.minPoints : t.maxPoints} điểm.`,
            {
              size: 12,
            },
          ),
        ]),
      ),
    ],
  });
}
