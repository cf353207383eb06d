import { PassThrough, type Readable } from 'node:stream';
import { AlignmentType } from 'docx';
import { asc, eq, inArray } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { excel } from '#server/lazy.ts';
import { units } from '#server/modules/org/tables.ts';
import { administrativeDocx, dataTable, para, placeOf, run } from '#server/platform/documents.ts';
import { sheetKit } from '#server/platform/sheets.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { getPlan, listGroups, listItems } from './service.ts';
import { planItems, progressReports } from './tables.ts';

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
  const groupOf = (code: string) => {
    const g = groups.find((x) => x.code === code);
    return { vi: g?.nameVi ?? code, en: g?.nameEn };
  };
  return {
    plan,
    rows,
    reports,
    names,
    groupOf,
    unitName: unitRow?.name ?? '',
    unitPath: unitRow?.path ?? '',
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
  writePlanXlsx(ctx.lang, data, out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

const ITEM_STATUS: Record<string, MessageKey> = {
  not_started: 'ui.plans.item.not_started',
  in_progress: 'ui.plans.item.in_progress',
  done: 'ui.plans.item.done',
  cancelled: 'ui.plans.item.cancelled',
};
const RECURRENCE: Record<string, MessageKey> = {
  monthly: 'ui.plans.rec.monthly',
  quarterly: 'ui.plans.rec.quarterly',
  period: 'ui.plans.rec.period',
};
const REVIEW: Record<string, MessageKey> = {
  submitted: 'ui.plans.review.submitted',
  accepted: 'ui.plans.review.accepted',
  returned: 'ui.plans.review.returned',
};

async function writePlanXlsx(
  lang: Language,
  { plan, rows, reports, names, groupOf }: Awaited<ReturnType<typeof load>>,
  out: PassThrough,
) {
  const { t, row, named } = sheetKit(lang);
  const label = (map: Record<string, MessageKey>, code: string) => (map[code] ? t(map[code]) : code);
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'Liêm';
  const ws = wb.addWorksheet(t('export.plan_sheet'));
  // A streamed sheet takes its column widths before its first row.
  ws.columns = [8, 28, 60, 28, 28, 14, 28, 12, 16].map((width, i) =>
    i === 2 ? { width, style: { alignment: { wrapText: true, vertical: 'top' } } } : { width },
  );
  row(ws, [plan.title], { bold: true, size: 13, commit: true });
  row(ws, [`${plan.unitName} · ${plan.docNumber ?? ''} · ${formatLegalDate(plan.docDate)}`], {
    commit: true,
  });
  row(ws, [], { commit: true });
  row(
    ws,
    [
      t('export.no'),
      t('ui.plans.group'),
      t('ui.plans.content'),
      t('ui.plans.lead'),
      t('ui.plans.co'),
      t('ui.plans.deadline'),
      t('export.expected_output'),
      t('export.progress_pct'),
      t('ui.common.status'),
    ],
    { bold: true, commit: true },
  );
  for (const { no, depth, item } of rows)
    row(
      ws,
      [
        no,
        named(groupOf(item.groupCode)),
        item.content,
        item.leadUnitName ?? '',
        item.coUnitIds.map((u) => names.get(u) ?? '').join('; '),
        item.deadline
          ? formatLegalDate(item.deadline)
          : item.recurrence
            ? label(RECURRENCE, item.recurrence)
            : '',
        item.expectedOutput ?? '',
        item.progress,
        label(ITEM_STATUS, item.status),
      ],
      { bold: depth === 0, commit: true },
    );
  ws.commit();
  const progress = wb.addWorksheet(t('export.progress_sheet'));
  progress.columns = [8, 50, 12, 12, 50, 14, 30].map((width) => ({ width }));
  row(
    progress,
    [
      t('export.no'),
      t('ui.plans.content'),
      t('ui.plans.period'),
      t('export.progress_pct'),
      t('ui.plans.result'),
      t('export.review'),
      t('ui.plans.comment'),
    ],
    { bold: true, commit: true },
  );
  const reportsOf = new Map<string, typeof reports>();
  for (const r of reports) {
    const list = reportsOf.get(r.itemId);
    if (list) list.push(r);
    else reportsOf.set(r.itemId, [r]);
  }
  for (const { no, item } of rows)
    for (const rep of reportsOf.get(item.id) ?? [])
      row(
        progress,
        [
          no,
          item.content,
          rep.period,
          rep.progress,
          rep.result,
          label(REVIEW, rep.review),
          rep.reviewComment ?? '',
        ],
        { commit: true },
      );
  progress.commit();
  await wb.commit();
}

/**
 * The plan (or its progress report) as a Word document in the administrative frame (platform/documents.ts):
 * the issuing unit under its parent, number, place and date, then the tasks.
 */
export async function planDocx(ctx: Ctx, planId: string, kind: 'plan' | 'progress'): Promise<Buffer> {
  const { plan, rows, reports, names, groupOf, unitName, parentName, unitPath } = await load(ctx, planId);
  const date = plan.docDate ?? vnToday(ctx.clock.now());
  const title = kind === 'plan' ? 'KẾ HOẠCH' : 'BÁO CÁO';
  const subtitle =
    kind === 'plan'
      ? plan.title.replace(/^Kế hoạch\s*/i, '')
      : `Kết quả thực hiện ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}`;
  const headers =
    kind === 'plan'
      ? ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Sản phẩm']
      : ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Tiến độ', 'Kết quả'];
  const widths = kind === 'plan' ? [8, 37, 16, 16, 11, 12] : [8, 39, 18, 10, 25];
  const body = rows.map(({ no, depth, item }) => {
    const content = depth === 0 ? item.content.toUpperCase() : item.content;
    const latest = reports.filter((r) => r.itemId === item.id).at(-1);
    return {
      bold: depth === 0,
      cells:
        kind === 'plan'
          ? [
              no,
              content,
              item.leadUnitName ?? '',
              item.coUnitIds.map((u) => names.get(u) ?? '').join(', '),
              item.deadline
                ? formatLegalDate(item.deadline)
                : item.recurrence
                  ? translate('vi', RECURRENCE[item.recurrence]!)
                  : '',
              item.expectedOutput ?? '',
            ]
          : [
              no,
              content,
              item.leadUnitName ?? '',
              `${item.progress}%`,
              latest ? `${latest.period}: ${latest.result}` : '',
            ],
    };
  });
  const groupsUsed = [...new Set(rows.map((r) => groupOf(r.item.groupCode).vi))];
  return administrativeDocx({
    issuer: unitName,
    parent: parentName,
    number: plan.docNumber,
    numberKind: kind === 'plan' ? 'KH' : 'BC',
    place: await placeOf(ctx.db, unitPath),
    date,
    kind: title,
    summary: subtitle,
    title: `${title} ${subtitle}`,
    signer: plan.signer,
    body: [
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
      dataTable(headers, widths, body),
    ],
  });
}
