import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { dataTable, para, run, TEXT_WIDTH } from '#server/platform/documents.ts';
import type { DeclarationContent, Person } from '#shared/declarations/content.ts';
import { itemValue } from '#shared/declarations/content.ts';
import { type DeclarationKind, type FormDefinition, formDefinitions } from '#shared/declarations/form.ts';
import { cleanText } from '#shared/text.ts';
import type { getDeclaration } from './filing.ts';

type Read = Awaited<ReturnType<typeof getDeclaration>>;

const KIND_LINE: Record<DeclarationKind, string> = {
  first_time: 'KÊ KHAI LẦN ĐẦU',
  annual: 'KÊ KHAI HẰNG NĂM',
  supplementary: 'KÊ KHAI BỔ SUNG',
  personnel: 'KÊ KHAI PHỤC VỤ CÔNG TÁC CÁN BỘ',
};
const OWNER: Record<string, string> = {
  declarant: 'Người kê khai',
  spouse: 'Vợ/chồng',
  child: 'Con chưa thành niên',
};
const RECIPIENT: Record<string, string> = { ...OWNER, joint: 'Chung' };

const vnd = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const date = (iso: string | null | undefined) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
const line = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}, after = 60) =>
  para([run(text, { size: 13, ...opts })], AlignmentType.JUSTIFIED, after);
const heading = (text: string) => para([run(text, { bold: true, size: 13 })], AlignmentType.LEFT, 80);

function person(title: string, p: Person | null | undefined): Paragraph[] {
  if (!p?.fullName) return [heading(title), line('Không có.', { italics: true })];
  const id = [p.idNumber, p.idIssued].filter(Boolean).join(', ');
  return [
    heading(title),
    line(
      `- Họ và tên: ${p.fullName}${p.birthDate ? `          Ngày tháng năm sinh: ${date(p.birthDate)}` : ''}`,
    ),
    line(`- Chức vụ/chức danh công tác: ${p.position ?? ''}`),
    line(`- Cơ quan/đơn vị công tác: ${p.workplace ?? ''}`),
    line(`- Nơi thường trú: ${p.residence ?? ''}`),
    line(`- Số căn cước công dân: ${id}`),
  ];
}

/** One asset group as the form prints it: its number and title, then a table of its items or "Không có". */
function group(form: FormDefinition, code: string, content: DeclarationContent): Array<Paragraph | Table> {
  const g = form.groups.find((x) => x.code === code)!;
  const items = content.assets[g.code] ?? [];
  const title = heading(`${g.number}. ${g.label.vi}:`);
  if (items.length === 0) return [title, line('Không có.', { italics: true })];
  const detailCols = g.details.map((d) => d.label.vi);
  const widths = [6, ...g.details.map(() => Math.floor(58 / g.details.length)), 18, 18];
  const choice = (key: string, v: unknown) =>
    g.details.find((d) => d.key === key)?.choices?.find((c) => c.code === v)?.label.vi ?? String(v ?? '');
  return [
    title,
    dataTable(
      ['STT', ...detailCols, 'Giá trị (đồng)', 'Người sở hữu'],
      widths,
      items.map((it, i) => {
        const value = itemValue(it);
        const foreign =
          it.currency && it.foreignAmount != null ? ` (${vnd(it.foreignAmount)} ${it.currency})` : '';
        return {
          cells: [
            String(i + 1),
            ...g.details.map((d) => {
              const v = it.details[d.key];
              if (v === undefined || v === '') return '';
              return d.kind === 'choice' ? choice(d.key, v) : `${v}${d.suffix ? ` ${d.suffix}` : ''}`;
            }),
            value !== null
              ? `${vnd(value)}${foreign}${it.estimated ? ' (ước tính)' : ''}`
              : `Không xác định được giá trị${it.valueUnknownReason ? `: ${it.valueUnknownReason}` : ''}`,
            OWNER[it.owner] ?? it.owner,
          ],
        };
      }),
    ),
  ];
}

/**
 * The declaration as the official form (Decree 130/2020 Annex I) in Word, for signature: Part I the
 * people, Part II every asset group in the form's order with its items or "Không có", the income between
 * declarations, Part III the changes with their explanations, the two signatures, and on every page the
 * place for the declarant's signature and the page number (the law asks them to sign each page).
 */
export async function declarationDocx(d: Read): Promise<Buffer> {
  const form = formDefinitions[d.formCode] ?? Object.values(formDefinitions)[0]!;
  const c = d.content;
  const income = c.income.length
    ? [
        dataTable(
          ['STT', 'Người có thu nhập', 'Nguồn thu nhập', 'Số tiền (đồng)', 'Ghi chú'],
          [6, 20, 34, 20, 20],
          [
            ...c.income.map((x, i) => ({
              cells: [
                String(i + 1),
                RECIPIENT[x.recipient] ?? x.recipient,
                form.incomeSources.find((s) => s.code === x.source)?.label.vi ?? x.source,
                vnd(x.amountVnd),
                x.note ?? '',
              ],
            })),
            { cells: ['', 'Tổng cộng', '', vnd(d.summary.incomeVnd), ''], bold: true },
          ],
        ),
      ]
    : [line('Không có.', { italics: true })];
  const partIII: Array<Paragraph | Table> = d.partIII.lines.length
    ? [
        line(`Tổng giá trị tài sản tăng thêm so với lần kê khai trước: ${vnd(d.partIII.increaseVnd)} đồng.`),
        dataTable(
          [
            'Mục',
            'Loại tài sản',
            'Tăng/giảm (số lượng)',
            'Tăng/giảm (giá trị, đồng)',
            'Giải trình nguồn gốc',
          ],
          [9, 27, 14, 20, 30],
          d.partIII.lines
            .filter((l) => l.countChange !== 0 || l.valueChange !== 0)
            .map((l) => ({
              cells: [
                l.number,
                form.groups.find((g) => g.code === l.group)?.label.vi ?? l.group,
                l.countChange > 0 ? `+${l.countChange}` : String(l.countChange),
                l.valueChange > 0 ? `+${vnd(l.valueChange)}` : vnd(l.valueChange),
                c.explanations[l.group] ?? '',
              ],
            })),
        ),
      ]
    : [line('Kê khai lần đầu: không có phần biến động.', { italics: true })];
  const signatures = dataTableless([
    ['NGƯỜI NHẬN BẢN KÊ KHAI', '(Ký, ghi rõ họ tên, chức vụ/chức danh)'],
    ['NGƯỜI KÊ KHAI TÀI SẢN', `(Ký, ghi rõ họ tên)\n\n\n\n${c.declarant.fullName ?? ''}`],
  ]);
  const doc = new Document({
    title: cleanText(`Bản kê khai tài sản, thu nhập năm ${d.year} — ${c.declarant.fullName ?? ''}`),
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    text: 'Người kê khai ký: ………………        Trang ',
                    font: 'Times New Roman',
                    size: 22,
                  }),
                  new TextRun({ children: [PageNumber.CURRENT], font: 'Times New Roman', size: 22 }),
                  new TextRun({ text: '/', font: 'Times New Roman', size: 22 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], font: 'Times New Roman', size: 22 }),
                ],
              }),
            ],
          }),
        },
        children: [
          para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })], AlignmentType.CENTER),
          para(
            [run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })],
            AlignmentType.CENTER,
            240,
          ),
          para([run('BẢN KÊ KHAI TÀI SẢN, THU NHẬP', { bold: true, size: 14 })], AlignmentType.CENTER),
          para([run(`${KIND_LINE[d.kind]} NĂM ${d.year}`, { bold: true })], AlignmentType.CENTER),
          para(
            [
              run(`(Ngày hoàn thành kê khai: ${d.declaredOn ? date(d.declaredOn) : '…/…/……'})`, {
                italics: true,
              }),
            ],
            AlignmentType.CENTER,
            200,
          ),
          line(`Theo ${form.source}.`, { italics: true, size: 12 }, 160),
          heading('I. THÔNG TIN CHUNG'),
          ...person('1. Người kê khai tài sản, thu nhập', c.declarant),
          ...person('2. Vợ hoặc chồng của người kê khai tài sản, thu nhập', c.spouse),
          ...(c.children.length
            ? c.children.flatMap((ch, i) => person(`3.${i + 1}. Con chưa thành niên`, ch))
            : person('3. Con chưa thành niên', null)),
          heading('II. THÔNG TIN MÔ TẢ VỀ TÀI SẢN'),
          ...form.groups.flatMap((g) => group(form, g.code, c)),
          heading('II.10. Tổng thu nhập giữa hai lần kê khai:'),
          ...income,
          heading('III. BIẾN ĐỘNG TÀI SẢN, THU NHẬP; GIẢI TRÌNH NGUỒN GỐC CỦA TÀI SẢN, THU NHẬP TĂNG THÊM'),
          ...partIII,
          line(
            'Tôi cam đoan những nội dung kê khai trên là trung thực, đầy đủ và chịu trách nhiệm trước pháp luật về nội dung kê khai.',
            { italics: true },
            240,
          ),
          signatures,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The two signature blocks side by side, without borders, as on the paper form. */
function dataTableless(blocks: Array<[string, string]>) {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = {
    top: none,
    bottom: none,
    left: none,
    right: none,
    insideHorizontal: none,
    insideVertical: none,
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: blocks.map(() => Math.round(TEXT_WIDTH / blocks.length)),
    borders,
    rows: [
      new TableRow({
        children: blocks.map(
          ([title, note]) =>
            new TableCell({
              borders,
              children: [
                para([run(title, { bold: true })], AlignmentType.CENTER),
                ...note
                  .split('\n')
                  .map((l) =>
                    para(
                      [run(l, { italics: !l.startsWith(' ') && l.startsWith('(') })],
                      AlignmentType.CENTER,
                    ),
                  ),
              ],
            }),
        ),
      }),
    ],
  });
}
