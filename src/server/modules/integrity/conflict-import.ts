import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  choice,
  createEach,
  legalDate,
  oncePlanner,
  registerPeople,
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { units } from '#server/modules/org/tables.ts';
import { samePeopleAs } from '#server/modules/users/holders.ts';
import { conflictMeasures, conflictReporters, conflictSituations } from '#shared/integrity/schemas.ts';
import { text } from '#shared/validation.ts';
import { HANDLE, readable } from './common.ts';
import { createConflict } from './conflicts.ts';
import { conflicts } from './tables.ts';

const Row = z.object({
  person: text(254),
  reporter: choice(conflictReporters, 'ui.conflict.reporter', {
    self: ['tu bao cao', 'ban than', 'nguoi co xung dot'],
    colleague: ['dong nghiep', 'nguoi khac'],
    head: ['thu truong', 'nguoi dung dau', 'lanh dao'],
  }),
  // The nine situations of Decree 59 Art. 29, by the words registers use for them.
  situation: choice(conflictSituations, 'ui.conflict.situation', {
    benefit_from_related: ['nhan qua', 'nhan tien tai san', 'loi ich tu nguoi lien quan'],
    business_management: ['quan ly doanh nghiep', 'dieu hanh doanh nghiep', 'thanh lap doanh nghiep'],
    advising_on_secrets: ['tu van', 'bi mat nha nuoc', 'bi mat cong tac'],
    using_official_information: ['su dung thong tin', 'thong tin noi bo'],
    relatives_in_sensitive_posts: ['bo tri nguoi than', 'nguoi than giu chuc vu'],
    capital_in_managed_sector: ['gop von', 'dau tu vao doanh nghiep'],
    contracts_with_relatives_firms: ['hop dong voi nguoi than', 'doanh nghiep nguoi than', 'dau thau'],
    relatives_interest_in_task: ['nguoi than co loi ich', 'loi ich nguoi than'],
    improper_interference: ['can thiep', 'tac dong', 'anh huong khong dung'],
  }),
  task: text(500),
  description: text(4000),
  arisenOn: legalDate(),
  reportedOn: legalDate(),
  impact: text(2000),
  proposedMeasure: choice(conflictMeasures, 'ui.conflict.measure', {
    supervision: ['giam sat'],
    temporary_transfer: ['tam chuyen vi tri', 'chuyen vi tri cong tac'],
    temporary_suspension: ['tam dinh chi'],
    suspension: ['dinh chi'],
    none: ['khong', 'khong can'],
  }).optional(),
});
type Data = z.infer<typeof Row> & { personId?: string };
const fieldMap = {
  personId: 'person',
  reporter: 'reporter',
  situation: 'situation',
  task: 'task',
  description: 'description',
  arisenOn: 'arisenOn',
  reportedOn: 'reportedOn',
  impact: 'impact',
  proposedMeasure: 'proposedMeasure',
};

/**
 * A unit's conflict-of-interest register as kept in a sheet (task 4; Decree 59 Arts. 29–31): one row per
 * written report — the official by sign-in name or e-mail, who reported it, the situation, the task, the
 * conflict, when it arose and when it was reported, its impact, the measure proposed. A handler over the
 * official's unit registers them; the head's decision clock runs from each report's date. All or
 * nothing, each bad row and column named; a report already in the register (same official, situation,
 * task and date) is left as it is.
 */
export const conflictImport: ImportAdapter<Data> = {
  entity: 'conflicts',
  action: HANDLE,
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    {
      key: 'person',
      required: true,
      vi: 'Người có xung đột lợi ích (tên đăng nhập hoặc email)',
      en: 'Official in the conflict (sign-in name or e-mail)',
      aliases: ['nguoi co xung dot', 'can bo', 'ten dang nhap', 'email'],
      example: 'kekhai',
    },
    {
      key: 'reporter',
      required: true,
      vi: 'Người báo cáo',
      en: 'Reported by',
      aliases: ['nguoi bao cao', 'hinh thuc bao cao'],
      example: 'Tự báo cáo',
    },
    {
      key: 'situation',
      required: true,
      vi: 'Trường hợp xung đột lợi ích',
      en: 'Situation',
      aliases: ['truong hop', 'loai xung dot'],
      example: 'Ký hợp đồng, để doanh nghiệp của người thân tham gia đấu thầu với đơn vị',
    },
    {
      key: 'task',
      required: true,
      vi: 'Nhiệm vụ, công việc liên quan',
      en: 'Task concerned',
      aliases: ['nhiem vu', 'cong viec'],
      example: 'Thẩm định hồ sơ mời thầu gói số 3',
    },
    {
      key: 'description',
      required: true,
      vi: 'Nội dung xung đột lợi ích',
      en: 'The conflict',
      aliases: ['noi dung', 'mo ta'],
      example: 'Công ty của em trai dự thầu gói số 3',
    },
    {
      key: 'arisenOn',
      required: true,
      vi: 'Ngày phát sinh, phát hiện',
      en: 'Arose or detected on',
      aliases: ['ngay phat sinh', 'ngay phat hien', 'thoi diem phat sinh'],
      example: '02/03/2026',
    },
    {
      key: 'reportedOn',
      required: true,
      vi: 'Ngày báo cáo bằng văn bản',
      en: 'Written report dated',
      aliases: ['ngay bao cao'],
      example: '04/03/2026',
    },
    {
      key: 'impact',
      required: true,
      vi: 'Mức độ ảnh hưởng đến nhiệm vụ',
      en: 'Impact on the task',
      aliases: ['anh huong', 'muc do anh huong'],
      example: 'Có thể ảnh hưởng đến tính khách quan của việc thẩm định',
    },
    {
      key: 'proposedMeasure',
      required: false,
      vi: 'Biện pháp kiểm soát đề xuất',
      en: 'Measure proposed',
      aliases: ['bien phap', 'bien phap de xuat'],
      example: 'Tạm thời chuyển vị trí công tác',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          "One row per written report of a conflict of interest: the official by sign-in name or e-mail; dates as dd/MM/yyyy. The head's decision is due within 5 working days of each report's date.",
          'Any error cancels the whole file; a report already in the register (same official, situation, task and date) is left as it is.',
        ]
      : [
          'Mỗi dòng một báo cáo xung đột lợi ích bằng văn bản: người có xung đột ghi tên đăng nhập hoặc email; ngày dạng dd/MM/yyyy. Thủ trưởng phải quyết định trong 5 ngày làm việc kể từ ngày báo cáo.',
          'Một lỗi sẽ hủy toàn bộ tệp; báo cáo đã có (cùng người, trường hợp, nhiệm vụ và ngày phát sinh) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const people = await registerPeople(
      ctx,
      rows.map((r) => r.data.person),
      HANDLE,
    );
    const keyOf = (personId: string, situation: string, task: string, on: string) =>
      [personId, situation, foldHeader(task), on].join('|');
    const existing = new Set<string>();
    // Only reports the handler may read count as already there: a dry run must not tell of one filed
    // where they cannot see it (the head's, on the unit above; re-test sec26 N4).
    for (const part of chunks(people.ids()))
      for (const { c, path } of await ctx.db
        .select({ c: conflicts, path: units.path })
        .from(conflicts)
        .innerJoin(units, eq(units.id, conflicts.unitId))
        .where(inArray(conflicts.personId, part)))
        if (readable(ctx, path, [c.personId, c.reportedBy]))
          existing.add(keyOf(c.personId ?? '', c.situation, c.task, c.arisenOn));
    const once = oncePlanner<Data>(existing);
    // Who the importer is: themselves, and an account whose password they set (sec31 F2).
    const own = await samePeopleAs(ctx.db, ctx.actor.userId, people.ids());
    for (const { row, data } of rows) {
      const before = problems.length;
      const personId = people.check(row, data.person, problems, 'person');
      // The one registering never reports about themselves through a file.
      if (personId && (personId === ctx.actor.userId || own.has(personId)))
        problems.push({ row, field: 'person', key: 'field.own_conflict_is_self' });
      if (data.reportedOn < data.arisenOn)
        problems.push({ row, field: 'reportedOn', key: 'field.date_order' });
      if (problems.length > before) continue;
      once.add(problems, row, keyOf(personId!, data.situation, data.task, data.arisenOn), 'task', {
        label: `${data.person} ${data.task}`,
        changes: { situation: data.situation, arisenOn: data.arisenOn, reportedOn: data.reportedOn },
        data: { ...data, personId },
      });
    }
    return { planned: once.planned, problems };
  },

  // The service's own rules (a head's report by the head over the unit, dates not in the future) name
  // their column.
  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, (p) =>
      createConflict(ctx, {
        personId: p.data.personId!,
        reporter: p.data.reporter,
        situation: p.data.situation,
        task: p.data.task,
        description: p.data.description,
        arisenOn: p.data.arisenOn,
        reportedOn: p.data.reportedOn,
        impact: p.data.impact,
        proposedMeasure: p.data.proposedMeasure ?? null,
      }),
    ),
};
