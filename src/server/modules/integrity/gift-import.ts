import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  choice,
  createEach,
  legalDate,
  oncePlanner,
  registerPeople,
  wholeNumber,
} from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { samePeopleAs } from '#server/modules/users/holders.ts';
import { giftKinds } from '#shared/integrity/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { HANDLE, today } from './common.ts';
import { createGift, recordGiftStep } from './gifts.ts';
import { gifts } from './tables.ts';

const amount = wholeNumber(1e16 - 1);

const Row = z.object({
  recipient: text(254),
  receivedOn: legalDate(),
  reportedOn: legalDate().optional(),
  place: text(300),
  circumstances: text(2000),
  giverName: text(200),
  giverPosition: optionalText(200),
  giverAgency: text(300),
  giverAddress: optionalText(300),
  relationship: text(300),
  kind: choice(giftKinds, 'ui.gift.kind', {
    cash: ['tien mat', 'tien', 'cash'],
    valuable_papers: ['giay to co gia', 'the qua tang', 'voucher'],
    goods: ['hien vat', 'hang hoa', 'do vat'],
    service: ['dich vu', 'du lich', 'y te', 'dao tao'],
    perishable: ['thuc pham', 'thuc pham tuoi song', 'dong vat', 'thuc vat'],
  }),
  description: text(1000),
  valueVnd: amount,
  /** Handed over already (last year's book): the date and who received it for the unit. */
  handedOverOn: legalDate().optional(),
  receivedBy: optionalText(200),
});
type Data = z.infer<typeof Row> & { recipientId?: string };
const fieldMap = {
  recipientId: 'recipient',
  receivedOn: 'receivedOn',
  reportedOn: 'reportedOn',
  place: 'place',
  circumstances: 'circumstances',
  giverName: 'giverName',
  giverPosition: 'giverPosition',
  giverAgency: 'giverAgency',
  giverAddress: 'giverAddress',
  relationship: 'relationship',
  kind: 'kind',
  description: 'description',
  valueVnd: 'valueVnd',
  on: 'handedOverOn',
  receivedBy: 'receivedBy',
};

/**
 * A unit's gift book as kept in a sheet (task 4; Decree 59 Art. 26): one row per gift reported on paper —
 * the official by sign-in name or e-mail, when and where it was received, the giver and the relationship,
 * the kind, what it is and its value, the date of the written report. A handler registers them, the
 * hand-over clock runs from each gift's date; handling follows in the app. All or nothing, each bad row
 * and column named; a gift already in the book (same official, date, giver and description) is left as
 * it is.
 */
export const giftImport: ImportAdapter<Data> = {
  entity: 'gifts',
  action: HANDLE,
  keyField: null,
  rowSchema: Row as unknown as z.ZodType<Data>,
  fields: [
    {
      key: 'recipient',
      required: true,
      vi: 'Người nhận (tên đăng nhập hoặc email)',
      en: 'Recipient (sign-in name or e-mail)',
      aliases: ['nguoi nhan', 'can bo nhan', 'ten dang nhap', 'email'],
      example: 'kekhai',
    },
    {
      key: 'receivedOn',
      required: true,
      vi: 'Ngày nhận',
      en: 'Received on',
      aliases: ['ngay nhan', 'thoi gian nhan'],
      example: '10/02/2026',
    },
    {
      key: 'reportedOn',
      required: false,
      vi: 'Ngày báo cáo bằng văn bản',
      en: 'Written report dated',
      aliases: ['ngay bao cao', 'ngay bao cao bang van ban'],
      example: '11/02/2026',
    },
    {
      key: 'place',
      required: true,
      vi: 'Địa điểm',
      en: 'Place',
      aliases: ['dia diem', 'noi nhan'],
      example: 'Trụ sở Sở Xây dựng',
    },
    {
      key: 'circumstances',
      required: true,
      vi: 'Hoàn cảnh nhận',
      en: 'Circumstances',
      aliases: ['hoan canh', 'hoan canh nhan', 'ly do khong tu choi duoc'],
      example: 'Gửi qua bưu điện, không rõ người gửi để trả lại',
    },
    {
      key: 'giverName',
      required: true,
      vi: 'Người tặng',
      en: 'Giver',
      aliases: ['nguoi tang', 'ho ten nguoi tang'],
      example: 'Nguyễn Văn Tặng',
    },
    {
      key: 'giverPosition',
      required: false,
      vi: 'Chức vụ người tặng',
      en: "Giver's position",
      aliases: ['chuc vu nguoi tang'],
      example: 'Giám đốc',
    },
    {
      key: 'giverAgency',
      required: true,
      vi: 'Cơ quan, tổ chức của người tặng',
      en: "Giver's agency or organisation",
      aliases: ['co quan nguoi tang', 'don vi nguoi tang', 'to chuc'],
      example: 'Công ty TNHH Xây dựng Hòa Bình',
    },
    {
      key: 'giverAddress',
      required: false,
      vi: 'Địa chỉ người tặng',
      en: "Giver's address",
      aliases: ['dia chi', 'dia chi nguoi tang'],
      example: '',
    },
    {
      key: 'relationship',
      required: true,
      vi: 'Mối quan hệ với người nhận',
      en: 'Relationship to the recipient',
      aliases: ['moi quan he', 'quan he'],
      example: 'Nhà thầu đang thi công công trình do Sở quản lý',
    },
    {
      key: 'kind',
      required: true,
      vi: 'Loại quà tặng',
      en: 'Kind',
      aliases: ['loai', 'loai qua'],
      example: 'Hiện vật',
    },
    {
      key: 'description',
      required: true,
      vi: 'Mô tả quà tặng',
      en: 'Description',
      aliases: ['mo ta', 'qua tang', 'ten qua'],
      example: 'Bộ ấm chén sứ',
    },
    {
      key: 'valueVnd',
      required: false,
      vi: 'Giá trị (đồng)',
      en: 'Value (VND)',
      aliases: ['gia tri', 'tri gia'],
      example: '2.500.000',
    },
    {
      key: 'handedOverOn',
      required: false,
      vi: 'Ngày nộp lại',
      en: 'Handed over on',
      aliases: ['ngay nop lai', 'ngay nop', 'ngay ban giao'],
      example: '12/02/2026',
    },
    {
      key: 'receivedBy',
      required: false,
      vi: 'Người tiếp nhận quà nộp lại',
      en: 'Received for the unit by',
      aliases: ['nguoi tiep nhan', 'nguoi nhan ban giao', 'bo phan tiep nhan'],
      example: 'Văn phòng Sở',
    },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per gift reported on paper: the official by sign-in name or e-mail; dates as dd/MM/yyyy; money at its face value (required for cash). Each gift must then be handed over within 5 working days of its date; one already handed over gives the date and who received it for the unit.',
          'Any error cancels the whole file; a gift already in the book (same official, date, giver and description) is left as it is.',
        ]
      : [
          'Mỗi dòng một quà tặng đã báo cáo bằng văn bản: người nhận ghi tên đăng nhập hoặc email; ngày dạng dd/MM/yyyy; tiền ghi theo mệnh giá (bắt buộc với quà là tiền). Quà phải được nộp lại trong 5 ngày làm việc kể từ ngày nhận; quà đã nộp lại thì ghi ngày nộp và người tiếp nhận.',
          'Một lỗi sẽ hủy toàn bộ tệp; quà đã có trong sổ (cùng người nhận, ngày, người tặng và mô tả) được giữ nguyên.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const people = await registerPeople(
      ctx,
      rows.map((r) => r.data.recipient),
      HANDLE,
    );
    const keyOf = (recipientId: string, on: string, giver: string, description: string) =>
      [recipientId, on, foldHeader(giver), foldHeader(description)].join('|');
    const existing = new Set<string>();
    for (const part of chunks(people.ids()))
      for (const g of await ctx.db.select().from(gifts).where(inArray(gifts.recipientId, part)))
        existing.add(keyOf(g.recipientId!, g.receivedOn, g.giverName, g.description));
    const once = oncePlanner<Data>(existing);
    // Whose gifts are the importer's own: theirs, and an account's whose password they set (sec31 F2).
    const own = await samePeopleAs(ctx.db, ctx.actor.userId, people.ids());
    for (const { row, data } of rows) {
      const before = problems.length;
      const recipientId = people.check(row, data.recipient, problems, 'recipient');
      if (data.kind === 'cash' && data.valueVnd === undefined)
        problems.push({ row, field: 'valueVnd', key: 'field.required' });
      // What the service would refuse at commit is named at the dry run already (rev28: a future date
      // passed the check and failed the import).
      for (const field of ['receivedOn', 'reportedOn', 'handedOverOn'] as const)
        if ((data[field] ?? '') > today(ctx)) problems.push({ row, field, key: 'field.date_future' });
      if (data.reportedOn && data.reportedOn < data.receivedOn)
        problems.push({ row, field: 'reportedOn', key: 'field.date_order' });
      // Last year's book: a gift handed over is registered with its hand-over (rev20 P14: all were overdue).
      if (data.handedOverOn) {
        if (data.handedOverOn < data.receivedOn)
          problems.push({ row, field: 'handedOverOn', key: 'field.date_order' });
        if (!data.receivedBy) problems.push({ row, field: 'receivedBy', key: 'field.required' });
        // Nobody records their own gift's hand-over (separation of duties, as in the app).
        if (recipientId && (recipientId === ctx.actor.userId || own.has(recipientId)))
          problems.push({ row, field: 'handedOverOn', key: 'field.own_gift_hand_over' });
      } else if (data.receivedBy) problems.push({ row, field: 'handedOverOn', key: 'field.required' });
      if (problems.length > before) continue;
      once.add(
        problems,
        row,
        keyOf(recipientId!, data.receivedOn, data.giverName, data.description),
        'description',
        {
          label: `${data.recipient} ${data.description}`,
          changes: { receivedOn: data.receivedOn, kind: data.kind, valueVnd: data.valueVnd ?? null },
          data: { ...data, recipientId },
        },
      );
    }
    return { planned: once.planned, problems };
  },

  // The service's own rules (dates not in the future, a paper report's date) name their column.
  apply: (ctx, planned, written) =>
    createEach(planned, written, fieldMap, async (p) => {
      const { id } = await createGift(ctx, {
        recipientId: p.data.recipientId!,
        receivedOn: p.data.receivedOn,
        reportedOn: p.data.reportedOn ?? null,
        place: p.data.place,
        circumstances: p.data.circumstances,
        giverName: p.data.giverName,
        giverPosition: p.data.giverPosition ?? null,
        giverAgency: p.data.giverAgency,
        giverAddress: p.data.giverAddress ?? null,
        relationship: p.data.relationship,
        kind: p.data.kind,
        description: p.data.description,
        valueVnd: p.data.valueVnd ?? null,
      });
      if (p.data.handedOverOn)
        await recordGiftStep(ctx, id, {
          step: 'hand_over',
          on: p.data.handedOverOn,
          receivedBy: p.data.receivedBy ?? null,
          version: 1,
        });
    }),
};
