import { type Block, type Layout, renderLayout } from '#server/platform/layout.ts';
import type { DeclarationContent, Person } from '#shared/declarations/content.ts';
import { itemValue } from '#shared/declarations/content.ts';
import { type DeclarationKind, type FormDefinition, formDefinitions } from '#shared/declarations/form.ts';
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
const text = (t: string, italics = false): Block => ({ kind: 'text', text: t, italics });
const heading = (t: string): Block => ({ kind: 'heading', text: t });
const none = text('Không có.', true);

/** What the copy is for: signing (everything), or posting at the workplace (no ID numbers). */
export interface LayoutOptions {
  publication?: boolean;
}

/** Part I's lines for one person, as Annex I asks them of the declarant, the spouse, a minor child. */
function person(
  title: string,
  p: Person | null | undefined,
  o: LayoutOptions,
  who: 'declarant' | 'spouse' | 'child',
): Block[] {
  if (!p?.fullName) return [heading(title), none];
  // The workplace reads what a person owns and earns; their ID card number and home address (and the
  // family's) are not for the notice board — the assets' own addresses stay in Part II.
  const hidden = '(không công khai)';
  const id = o.publication ? hidden : [p.idNumber, p.idIssued].filter(Boolean).join(', ');
  return [
    heading(title),
    text(`- Họ và tên: ${p.fullName}${p.birthDate ? `; ngày tháng năm sinh: ${date(p.birthDate)}` : ''}`),
    ...(who === 'declarant'
      ? [
          text(`- Chức vụ/chức danh công tác: ${p.position ?? ''}`),
          text(`- Cơ quan/đơn vị công tác: ${p.workplace ?? ''}`),
        ]
      : who === 'spouse'
        ? [text(`- Nghề nghiệp: ${p.position ?? ''}`), text(`- Nơi làm việc: ${p.workplace ?? ''}`)]
        : []),
    text(`- Nơi thường trú: ${o.publication ? hidden : (p.residence ?? '')}`),
    text(`- Số căn cước công dân: ${id}`),
  ];
}

/**
 * One asset group as the form prints it: its number and title, then a table of its items or "Không có"
 * (only the items in `only`, when given: a supplementary declaration's new assets).
 */
function group(
  form: FormDefinition,
  code: string,
  content: DeclarationContent,
  only?: Set<string>,
  number?: string,
): Block[] {
  const g = form.groups.find((x) => x.code === code)!;
  const items = (content.assets[g.code] ?? []).filter((it) => !only || only.has(it.id));
  const title = heading(`${number ?? g.number}. ${g.label.vi}:`);
  if (items.length === 0) return [title, none];
  const choice = (key: string, v: unknown) =>
    g.details.find((d) => d.key === key)?.choices?.find((c) => c.code === v)?.label.vi ?? String(v ?? '');
  return [
    title,
    {
      kind: 'table',
      headers: ['STT', ...g.details.map((d) => d.label.vi), 'Giá trị (đồng)', 'Người sở hữu'],
      widths: [6, ...g.details.map(() => Math.floor(58 / g.details.length)), 18, 18],
      rows: items.map((it, i) => {
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
              : `Không xác định được giá trị${it.valueUnknownReason ? ` (${it.valueUnknownReason})` : ''}`,
            OWNER[it.owner] ?? it.owner,
          ],
        };
      }),
    },
  ];
}

/** Part III of Annex I (II of Annex II): each group's change since the last declaration, explained. */
function changeTable(d: Read, form: FormDefinition, withIncome: boolean): Block[] {
  const c = d.content;
  const changed = d.partIII.lines.filter((l) => l.countChange !== 0 || l.valueChange !== 0);
  const rows = changed.map((l) => ({
    cells: [
      l.number,
      form.groups.find((g) => g.code === l.group)?.label.vi ?? l.group,
      l.countChange > 0 ? `+${l.countChange}` : String(l.countChange),
      l.valueChange > 0 ? `+${vnd(l.valueChange)}` : vnd(l.valueChange),
      c.explanations[l.group] ?? '',
    ],
  }));
  // Annex II has no income section of its own: the total income between the two declarations is a line
  // of its change table.
  if (withIncome && d.summary.incomeVnd > 0)
    rows.push({
      cells: [
        '',
        'Tổng thu nhập giữa hai lần kê khai',
        '',
        vnd(d.summary.incomeVnd),
        c.explanations.income ?? '',
      ],
    });
  return [
    text(`Tổng giá trị tài sản tăng thêm so với lần kê khai trước: ${vnd(d.partIII.increaseVnd)} đồng.`),
    rows.length
      ? {
          kind: 'table',
          headers: [
            'Mục',
            'Loại tài sản, thu nhập',
            'Tăng/giảm (số lượng)',
            'Tăng/giảm (giá trị, đồng)',
            'Giải trình nguồn gốc',
          ],
          widths: [9, 27, 14, 20, 30],
          rows,
        }
      : text('Không có biến động.', true),
  ];
}

function incomeTable(d: Read, form: FormDefinition): Block {
  const c = d.content;
  return c.income.length
    ? {
        kind: 'table',
        headers: ['STT', 'Người có thu nhập', 'Nguồn thu nhập', 'Số tiền (đồng)', 'Ghi chú'],
        widths: [6, 20, 34, 20, 20],
        rows: [
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
      }
    : none;
}

/**
 * The declaration as the official form, for signature: Decree 130/2020 Annex I (Part I the people, Part
 * II every asset group in the form's order with its items or "Không có", the income between
 * declarations, Part III the changes with their explanations) or, for a supplementary declaration, Annex
 * II (the people, then the changes with their explanations, then only the assets added since the last
 * declaration); the two signatures, and on every page the place for the declarant's signature and the
 * page number (the law asks them to sign each page). One layout, printed as Word or PDF. The copy posted
 * at the workplace leaves out ID numbers.
 */
export function declarationLayout(d: Read, o: LayoutOptions = {}): Layout {
  const form = formDefinitions[d.formCode] ?? Object.values(formDefinitions)[0]!;
  const c = d.content;
  const supplementary = d.kind === 'supplementary';
  const general: Block[] = [
    heading('I. THÔNG TIN CHUNG'),
    ...person('1. Người kê khai tài sản, thu nhập', c.declarant, o, 'declarant'),
    ...person('2. Vợ hoặc chồng của người kê khai tài sản, thu nhập', c.spouse, o, 'spouse'),
    ...(c.children.length
      ? c.children.flatMap((ch, i) => person(`3.${i + 1}. Con chưa thành niên`, ch, o, 'child'))
      : person('3. Con chưa thành niên', null, o, 'child')),
  ];
  const changesTitle = 'BIẾN ĐỘNG TÀI SẢN, THU NHẬP; GIẢI TRÌNH NGUỒN GỐC CỦA TÀI SẢN, THU NHẬP TĂNG THÊM';
  const body: Block[] = supplementary
    ? [
        ...general,
        heading(`II. ${changesTitle}`),
        ...changeTable(d, form, true),
        heading('III. THÔNG TIN MÔ TẢ VỀ TÀI SẢN TĂNG THÊM'),
        ...form.groups.flatMap((g) =>
          group(form, g.code, c, new Set(d.newItems ?? []), g.number.replace(/^II\./, 'III.')),
        ),
      ]
    : [
        ...general,
        heading('II. THÔNG TIN MÔ TẢ VỀ TÀI SẢN'),
        ...form.groups.flatMap((g) => group(form, g.code, c)),
        heading('II.10. Tổng thu nhập giữa hai lần kê khai:'),
        incomeTable(d, form),
        heading(`III. ${changesTitle}`),
        ...(d.partIII.lines.length
          ? changeTable(d, form, false)
          : [text('Kê khai lần đầu: không có phần biến động.', true)]),
      ];
  return {
    title: `Bản kê khai tài sản, thu nhập năm ${d.year} — ${c.declarant.fullName ?? ''}`,
    footer: o.publication ? 'Bản công khai' : 'Người kê khai ký: ………………',
    blocks: [
      {
        kind: 'title',
        lines: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true },
          { text: ' ' },
          {
            text: supplementary ? 'BẢN KÊ KHAI TÀI SẢN, THU NHẬP BỔ SUNG' : 'BẢN KÊ KHAI TÀI SẢN, THU NHẬP',
            bold: true,
          },
          // "KÊ KHAI HẰNG NĂM 2025", not "… HẰNG NĂM NĂM 2025".
          ...(supplementary
            ? []
            : [{ text: `${KIND_LINE[d.kind]}${d.kind === 'annual' ? '' : ' NĂM'} ${d.year}`, bold: true }]),
          {
            text: `(Ngày hoàn thành kê khai: ${d.declaredOn ? date(d.declaredOn) : '…/…/……'})`,
            italics: true,
          },
          ...(o.publication ? [{ text: 'BẢN CÔNG KHAI TẠI NƠI CÔNG TÁC', bold: true }] : []),
        ],
      },
      text(`Theo ${supplementary ? form.source.replace('Phụ lục I', 'Phụ lục II') : form.source}.`, true),
      ...body,
      text(
        'Tôi cam đoan những nội dung kê khai trên là trung thực, đầy đủ và chịu trách nhiệm trước pháp luật về nội dung kê khai.',
        true,
      ),
      {
        kind: 'signatures',
        blocks: [
          { title: 'NGƯỜI NHẬN BẢN KÊ KHAI', note: '(Ký, ghi rõ họ tên, chức vụ/chức danh)' },
          { title: 'NGƯỜI KÊ KHAI TÀI SẢN', note: '(Ký, ghi rõ họ tên)', name: c.declarant.fullName ?? '' },
        ],
      },
    ],
  };
}

export const declarationDocx = (d: Read) => renderLayout('docx', declarationLayout(d));
export const declarationPdf = (d: Read) => renderLayout('pdf', declarationLayout(d));
