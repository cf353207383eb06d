import { PassThrough, type Readable } from 'node:stream';
import {
  AlignmentType,
  BorderStyle,
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
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { excel } from '#server/lazy.ts';
import { units } from '#server/modules/org/tables.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { cleanText } from '#shared/text.ts';
import { getPlan, listGroups, listItems } from './service.ts';
import { planItems, progressReports } from './tables.ts';

const statusVi: Record<string, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  cancelled: 'Hủy bỏ',
};
const recurrenceVi: Record<string, string> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  period: 'Theo kỳ báo cáo',
};
/** Everything an export needs, read once through the services (so scope and roll-up are the same). */
async function load(ctx: Ctx, planId: string) {
  const plan = await getPlan(ctx, planId);
  const items = await listItems(ctx, planId);
  const groups = await listGroups(ctx.db);
  const unitIds = [...new Set([plan.unitId, ...items.flatMap((i) => i.coUnitIds)])];
  const [unitRow] = await ctx.db.select().from(units).where(eq(units.id, plan.unitId));
  const parent = unitRow?.parentId
    ? (await ctx.db.select().from(units).where(eq(units.id, unitRow.parentId)))[0]
    : undefined;
  const names = new Map(
    (
      await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))
    ).map((u) => [u.id, u.name]),
  );
  const reports = items.length
    ? (
        await ctx.db
          .select({ r: progressReports })
          .from(progressReports)
          .innerJoin(planItems, eq(planItems.id, progressReports.itemId))
          .where(eq(planItems.planId, planId))
          .orderBy(asc(progressReports.period))
      ).map((x) => x.r)
    : [];
  // Items in plan order, numbered like an administrative document: I., 1., 1.1.
  const children = new Map<string | null, typeof items>();
  for (const i of items) {
    const siblings = children.get(i.parentId);
    if (siblings) siblings.push(i);
    else children.set(i.parentId, [i]);
  }
  const rows: Array<{ no: string; depth: number; item: (typeof items)[number] }> = [];
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  const walk = (parentId: string | null, prefix: string, depth: number) => {
    for (const [k, item] of (children.get(parentId) ?? []).entries()) {
      const no = depth === 0 ? (roman[k] ?? String(k + 1)) : prefix ? `${prefix}.${k + 1}` : String(k + 1);
      rows.push({ no, depth, item });
      walk(item.id, depth === 0 ? '' : no, depth + 1);
    }
  };
  walk(null, '', 0);
  const groupName = (code: string) => groups.find((g) => g.code === code)?.nameVi ?? code;
  return {
    plan,
    rows,
    reports,
    names,
    groupName,
    unitName: unitRow?.name ?? '',
    parentName: parent?.name ?? null,
  };
}

/**
 * The plan as a workbook, streamed as it is written: the download starts at once and the browser shows
 * it growing, and a plan of 100,000 tasks is never held as a whole workbook in memory. Access is checked
 * (and the data read) before the first byte, so a refusal is still an ordinary error answer.
 */
export async function planXlsx(ctx: Ctx, planId: string): Promise<Readable> {
  const data = await load(ctx, planId);
  const out = new PassThrough();
  writePlanXlsx(data, out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

async function writePlanXlsx(
  { plan, rows, reports, names, groupName }: Awaited<ReturnType<typeof load>>,
  out: PassThrough,
) {
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'Liêm';
  const ws = wb.addWorksheet('Kế hoạch');
  // A streamed sheet takes its column widths before its first row.
  ws.columns = [8, 28, 60, 28, 28, 14, 28, 12, 16].map((width, i) =>
    i === 2 ? { width, style: { alignment: { wrapText: true, vertical: 'top' } } } : { width },
  );
  const add = (sheet: typeof ws, values: unknown[], bold = false, size?: number) => {
    // Text typed before input was cleaned may hold characters XML refuses: never a broken workbook.
    const r = sheet.addRow(values.map((v) => (typeof v === 'string' ? cleanText(v) : v)));
    if (bold) r.font = { bold: true, ...(size ? { size } : {}) };
    r.commit();
  };
  add(ws, [plan.title], true, 13);
  add(ws, [`${plan.unitName} · ${plan.docNumber ?? ''} · ${formatLegalDate(plan.docDate)}`]);
  add(ws, []);
  add(
    ws,
    [
      'STT',
      'Nhóm nhiệm vụ',
      'Nội dung',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời hạn',
      'Sản phẩm dự kiến',
      'Tiến độ (%)',
      'Trạng thái',
    ],
    true,
  );
  for (const { no, depth, item } of rows)
    add(
      ws,
      [
        no,
        groupName(item.groupCode),
        item.content,
        item.leadUnitName ?? '',
        item.coUnitIds.map((u) => names.get(u) ?? '').join('; '),
        item.deadline ? formatLegalDate(item.deadline) : item.recurrence ? recurrenceVi[item.recurrence] : '',
        item.expectedOutput ?? '',
        item.progress,
        statusVi[item.status] ?? item.status,
      ],
      depth === 0,
    );
  ws.commit();
  const progress = wb.addWorksheet('Tiến độ');
  progress.columns = [8, 50, 12, 12, 50, 14, 30].map((width) => ({ width }));
  add(progress, ['STT', 'Nội dung', 'Kỳ báo cáo', 'Tiến độ (%)', 'Kết quả', 'Duyệt', 'Ý kiến'], true);
  const reportsOf = new Map<string, typeof reports>();
  for (const r of reports) {
    const list = reportsOf.get(r.itemId);
    if (list) list.push(r);
    else reportsOf.set(r.itemId, [r]);
  }
  for (const { no, item } of rows)
    for (const rep of reportsOf.get(item.id) ?? [])
      add(progress, [
        no,
        item.content,
        rep.period,
        rep.progress,
        rep.result,
        { submitted: 'Chờ duyệt', accepted: 'Đã chấp nhận', returned: 'Trả lại' }[rep.review] ?? rep.review,
        rep.reviewComment ?? '',
      ]);
  progress.commit();
  await wb.commit();
}

const FONT = 'Times New Roman';
/** A4 width less the 3 cm / 1.5 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1701 - 850;
const run = (
  text: string,
  opts: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text: cleanText(text),
    font: FONT,
    size: (opts.size ?? 13) * 2,
    bold: opts.bold,
    italics: opts.italics,
    ...(opts.underline ? { underline: {} } : {}),
  });
const para = (
  children: TextRun[],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
  spacingAfter = 0,
) => new Paragraph({ children, alignment, spacing: { after: spacingAfter } });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

/**
 * A Word document in the Vietnamese administrative layout (Decree 30/2020): issuing body and national
 * motto side by side, number and place-date, the title, then the tasks; Times New Roman 13–14 pt.
 * `kind: 'progress'` gives the progress report of the same plan.
 */
export async function planDocx(
  ctx: Ctx,
  planId: string,
  kind: 'plan' | 'progress',
  place = 'Sơn Hà',
): Promise<Buffer> {
  const { plan, rows, reports, names, groupName, unitName, parentName } = await load(ctx, planId);
  const date = plan.docDate ?? new Date(ctx.clock.now()).toISOString().slice(0, 10);
  const head = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [3500, TEXT_WIDTH - 3500],
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              ...(parentName
                ? [para([run(parentName.toUpperCase(), { size: 13 })], AlignmentType.CENTER)]
                : []),
              para([run(unitName.toUpperCase(), { bold: true, size: 13 })], AlignmentType.CENTER),
              para([run('_______', { size: 13 })], AlignmentType.CENTER),
              para([run(`Số: ${plan.docNumber ?? '      /KH'}`, { size: 13 })], AlignmentType.CENTER),
            ],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              para(
                [run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })],
                AlignmentType.CENTER,
              ),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 })], AlignmentType.CENTER),
              para([run('_______________________', { size: 13 })], AlignmentType.CENTER),
              para(
                [
                  run(
                    `${place}, ngày ${date.slice(8, 10)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}`,
                    { italics: true, size: 14 },
                  ),
                ],
                AlignmentType.CENTER,
              ),
            ],
          }),
        ],
      }),
    ],
  });
  const title = kind === 'plan' ? 'KẾ HOẠCH' : 'BÁO CÁO';
  const subtitle =
    kind === 'plan'
      ? plan.title.replace(/^Kế hoạch\s*/i, '')
      : `Kết quả thực hiện ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}`;
  const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) =>
    new TableCell({
      width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
      children: [para([run(text, { bold: opts.bold, size: 12 })])],
    });
  const headerCells =
    kind === 'plan'
      ? ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Sản phẩm']
      : ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Tiến độ', 'Kết quả'];
  const widths = kind === 'plan' ? [8, 37, 16, 16, 11, 12] : [8, 39, 18, 10, 25];
  const body = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((w / 100) * TEXT_WIDTH)),
    rows: [
      new TableRow({
        tableHeader: true,
        children: headerCells.map((h, i) => cell(h, { bold: true, width: widths[i] })),
      }),
      ...rows.map(({ no, depth, item }) => {
        const bold = depth === 0;
        const latest = reports.filter((r) => r.itemId === item.id).at(-1);
        const values =
          kind === 'plan'
            ? [
                no,
                depth === 0 ? item.content.toUpperCase() : item.content,
                item.leadUnitName ?? '',
                item.coUnitIds.map((u) => names.get(u) ?? '').join(', '),
                item.deadline
                  ? formatLegalDate(item.deadline)
                  : item.recurrence
                    ? recurrenceVi[item.recurrence]!
                    : '',
                item.expectedOutput ?? '',
              ]
            : [
                no,
                depth === 0 ? item.content.toUpperCase() : item.content,
                item.leadUnitName ?? '',
                `${item.progress}%`,
                latest ? `${latest.period}: ${latest.result}` : '',
              ];
        return new TableRow({ children: values.map((v, i) => cell(v, { bold, width: widths[i] })) });
      }),
    ],
  });
  const groupsUsed = [...new Set(rows.map((r) => groupName(r.item.groupCode)))];
  const doc = new Document({
    creator: 'Liêm',
    title: cleanText(`${title} ${subtitle}`),
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          head,
          para([run('')], AlignmentType.CENTER, 120),
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [run(title, { bold: true, size: 14 })],
          }),
          para([run(subtitle, { bold: true, size: 14 })], AlignmentType.CENTER, 240),
          para(
            [
              run(
                kind === 'plan'
                  ? `Kế hoạch gồm các nhóm nhiệm vụ: ${groupsUsed.join('; ')}.`
                  : `Tiến độ chung: ${plan.progress}%.`,
                { size: 14 },
              ),
            ],
            AlignmentType.JUSTIFIED,
            200,
          ),
          body,
          para([run('')], AlignmentType.LEFT, 240),
          para([run(plan.signer ?? 'NGƯỜI KÝ', { bold: true, size: 14 })], AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
