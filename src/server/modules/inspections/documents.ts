import { AlignmentType } from 'docx';
import { eq } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue } from '#server/modules/clocks/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { administrativeDocx, dataTable, para, placeOf, run } from '#server/platform/documents.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError } from '#shared/errors.ts';
import { translate } from '#shared/i18n/index.ts';
import type { InspectionDocument } from '#shared/inspections/schemas.ts';
import { foldText } from '#shared/text.ts';
import { documentExists, getInspection, getPlan } from './service.ts';

const LAW = 'Luật Thanh tra số 84/2025/QH15 ngày 25 tháng 6 năm 2025';
const vnd = (n: number | null) => (n ?? 0).toLocaleString('vi-VN');
const article = (n: number, text: string) =>
  para([run(`Điều ${n}. `, { bold: true, size: 14 }), run(text, { size: 14 })], AlignmentType.JUSTIFIED, 120);
const line = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) =>
  para([run(text, { size: 14, ...opts })], AlignmentType.JUSTIFIED, 120);

/** The team as the decision and the minutes list it. */
const teamTable = (members: Array<{ fullName: string; unitName: string | null; role: string }>) =>
  dataTable(
    ['STT', 'Họ và tên', 'Đơn vị công tác', 'Nhiệm vụ'],
    [8, 40, 32, 20],
    members.map((m, n) => ({
      cells: [String(n + 1), m.fullName, m.unitName ?? '', m.role === 'lead' ? 'Trưởng đoàn' : 'Thành viên'],
    })),
  );

/**
 * The inspection's decision and its conclusion as Word documents in the administrative frame (Decree
 * 30/2020), filled from what Liêm holds: the office numbers and signs them, and keeps the signed PDF.
 * Only once the step exists (a decision once decided, a conclusion once concluded); every copy is audited.
 */
export async function inspectionDocx(ctx: Ctx, id: string, kind: InspectionDocument) {
  const i = await getInspection(ctx, id);
  if (!documentExists(i, kind)) throw new AppError('conflict');
  const [unit] = await ctx.db
    .select({ name: units.name, path: units.path, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, i.unitId));
  const [parent] = unit?.parentId
    ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId))
    : [];
  const place = await placeOf(ctx.db, unit!.path);
  const subject = i.subjectName ?? '';
  // "Thanh tra … tại Sở X" when the title already names Sở X reads the place twice (issue-19 review).
  const titled = foldText(i.title).includes(foldText(subject)) ? i.title : `${i.title} tại ${subject}`;
  const ground = (i.legalGround ?? '').replace(/[\s.;,]+$/, '');
  // The decision gives the period it set; an extension is a decision of its own, later.
  const onSite = i.onSiteFrom ? (await computeDue(ctx.db, 'inspection.on_site', i.onSiteFrom)).due : null;
  const plan = i.planId ? await getPlan(ctx, i.planId) : null;
  const period =
    i.periodFrom && i.periodTo
      ? ` (thời kỳ thanh tra từ ngày ${formatLegalDate(i.periodFrom)} đến ngày ${formatLegalDate(i.periodTo)})`
      : '';
  const decisionLine = `Quyết định thanh tra số ${i.decisionNo} ngày ${formatLegalDate(i.decisionDate)}`;
  const lead = i.members.find((m) => m.role === 'lead');
  const blank = '.'.repeat(60);
  const file =
    kind === 'minutes'
      ? // The minutes of announcing the decision at the inspected body, on the first on-site day: the
        // times, the inspected body's people and their opinion are written in on the day, then signed.
        await administrativeDocx({
          issuer: 'Đoàn thanh tra',
          parent: i.unitName,
          number: null,
          numberKind: 'BB-ĐTT',
          place,
          date: i.onSiteFrom ?? i.decisionDate!,
          kind: 'BIÊN BẢN',
          summary: `Công bố Quyết định thanh tra số ${i.decisionNo}`,
          title: `Biên bản công bố Quyết định ${i.decisionNo}`,
          body: [
            line(
              `Hôm nay, vào hồi ..... giờ ..... ngày ${formatLegalDate(i.onSiteFrom ?? i.decisionDate)}, tại ${subject}, Đoàn thanh tra công bố ${decisionLine} của ${i.unitName} về việc ${i.title.charAt(0).toLowerCase()}${i.title.slice(1)}${period}.`,
            ),
            line('I. THÀNH PHẦN', { bold: true }),
            line('1. Đoàn thanh tra:', { bold: true }),
            teamTable(i.members),
            line(`2. Đại diện ${subject}:`, { bold: true }),
            ...[1, 2, 3].map((n) => line(`${n}. Ông (bà): ${'.'.repeat(50)} Chức vụ: ${'.'.repeat(25)}`)),
            line('II. NỘI DUNG', { bold: true }),
            line(
              `Ông (bà) ${lead?.fullName ?? blank}, Trưởng đoàn thanh tra, công bố ${decisionLine}; thông báo kế hoạch tiến hành thanh tra, thời hạn thanh tra trực tiếp kể từ ngày ${formatLegalDate(i.onSiteFrom)}, quyền và nghĩa vụ của đối tượng thanh tra và của Đoàn thanh tra theo ${LAW}.`,
            ),
            line(`Ý kiến của đại diện ${subject}:`),
            ...[1, 2, 3].map(() => line('.'.repeat(110))),
            line(
              'Buổi công bố kết thúc vào hồi ..... giờ ..... cùng ngày. Biên bản đã được đọc lại cho những người tham dự cùng nghe, thống nhất ký tên; lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.',
              { italics: true },
            ),
          ],
          parties: [
            { title: `ĐẠI DIỆN ${subject.toUpperCase()}` },
            { title: 'TRƯỞNG ĐOÀN THANH TRA', name: lead?.fullName ?? null },
          ],
        })
      : kind === 'decision'
        ? await administrativeDocx({
            issuer: i.unitName,
            parent: parent?.name ?? null,
            number: i.decisionNo,
            numberKind: 'QĐ-TTr',
            place,
            date: i.decisionDate!,
            kind: 'QUYẾT ĐỊNH',
            summary: `Về việc ${i.title.charAt(0).toLowerCase()}${i.title.slice(1)}`,
            title: `Quyết định ${i.decisionNo}`,
            body: [
              line(`Căn cứ ${LAW};`, { italics: true }),
              plan?.decisionNo
                ? line(
                    `Căn cứ Kế hoạch thanh tra năm ${plan.year} được phê duyệt tại Quyết định số ${plan.decisionNo} ngày ${formatLegalDate(plan.decisionDate)};`,
                    { italics: true },
                  )
                : line(`Căn cứ ${ground};`, { italics: true }),
              para([run('QUYẾT ĐỊNH:', { bold: true, size: 14 })], AlignmentType.CENTER, 120),
              article(1, `${titled}${period}.`),
              article(
                2,
                `Thời hạn thanh tra trực tiếp kể từ ngày ${formatLegalDate(i.onSiteFrom)}${onSite ? ` đến ngày ${formatLegalDate(onSite)}` : ' theo quy định'}.`,
              ),
              article(3, 'Thành lập Đoàn thanh tra gồm các ông (bà) có tên sau:'),
              teamTable(i.members),
              article(
                4,
                `Đoàn thanh tra, ${subject} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.`,
              ),
            ],
            // Decisions and conclusions are signed by the head of the inspectorate.
            signer: 'CHÁNH THANH TRA',
            recipients: ['Như Điều 4', 'Hồ sơ thanh tra'],
          })
        : await administrativeDocx({
            issuer: i.unitName,
            parent: parent?.name ?? null,
            number: i.conclusionNo,
            numberKind: 'KL-TTr',
            place,
            date: i.concludedOn!,
            kind: 'KẾT LUẬN THANH TRA',
            summary: `${titled.charAt(0).toUpperCase()}${titled.slice(1)}`,
            title: `Kết luận ${i.conclusionNo}`,
            body: [
              line(
                `Thực hiện ${decisionLine}, Đoàn thanh tra đã tiến hành thanh tra tại ${subject}${period} từ ngày ${formatLegalDate(i.onSiteFrom)}. Xét báo cáo kết quả thanh tra ngày ${formatLegalDate(i.resultsOn)}, ${i.unitName} kết luận như sau:`,
              ),
              line('I. KẾT QUẢ THANH TRA', { bold: true }),
              ...(i.summary ?? '').split(/\n+/).map((p) => line(p)),
              line(
                `Tổng số tiền sai phạm: ${vnd(i.wrongdoingVnd)} đồng; kiến nghị thu hồi: ${vnd(i.toRecoverVnd)} đồng.`,
                { bold: true },
              ),
              ...(i.personsResponsible.length > 0
                ? [
                    line('II. TRÁCH NHIỆM CỦA CÁ NHÂN CÓ SAI PHẠM', { bold: true }),
                    dataTable(
                      ['STT', 'Họ và tên', 'Chức vụ', 'Nơi công tác', 'Trách nhiệm'],
                      [7, 25, 22, 24, 22],
                      i.personsResponsible.map((p, n) => ({
                        cells: [
                          String(n + 1),
                          p.fullName,
                          p.position ?? '',
                          p.workplace ?? '',
                          [translate('vi', `ui.insp.responsibility.${p.responsibility}`), p.note]
                            .filter(Boolean)
                            .join('. '),
                        ],
                      })),
                    ),
                  ]
                : []),
              line(i.personsResponsible.length > 0 ? 'III. KIẾN NGHỊ' : 'II. KIẾN NGHỊ', { bold: true }),
              dataTable(
                ['STT', 'Nội dung kiến nghị', 'Đơn vị thực hiện', 'Số tiền (đồng)', 'Thời hạn'],
                [7, 43, 22, 14, 14],
                i.recommendations.map((r, n) => ({
                  cells: [
                    String(n + 1),
                    `${translate('vi', `ui.rec.kind.${r.kind}`)}: ${r.content}`,
                    r.ownerUnitName ?? r.ownerOutside ?? '',
                    r.amountVnd ? vnd(r.amountVnd) : '',
                    formatLegalDate(r.dueOn),
                  ],
                })),
              ),
              line(
                `Các đơn vị báo cáo kết quả thực hiện kiến nghị về ${i.unitName} đúng thời hạn nêu trên, kèm tài liệu chứng minh.`,
              ),
            ],
            // Decisions and conclusions are signed by the head of the inspectorate.
            signer: 'CHÁNH THANH TRA',
            recipients: [subject, 'Thủ trưởng cơ quan quản lý nhà nước cùng cấp', 'Hồ sơ thanh tra'],
          });
  // Each copy made is audited, as a reading of the inspection.
  await audit(ctx.db, ctx, {
    action: 'inspection.document',
    entityType: 'inspection',
    entityId: id,
    unitId: i.unitId,
    changes: { kind },
  });
  return file;
}
