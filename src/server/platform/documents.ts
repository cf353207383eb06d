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
import { sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { rows } from '#server/db/client.ts';
import { cleanText } from '#shared/text.ts';

/**
 * The administrative document of Decree 30/2020 (Annex I), one frame for every module's Word exports:
 * the issuing body (under its parent) and the national motto side by side, the number and the place and
 * date, the kind of document and its summary, the body, the recipients and the signature. Times New Roman
 * 13–14 pt on A4 with 2 cm top and bottom, 3 cm left and 1.5 cm right margins. Text is cleaned of
 * characters XML refuses (typed before input was cleaned): never a broken document.
 */

const FONT = 'Times New Roman';
/** A4 width less the 3 cm / 1.5 cm margins, in twentieths of a point. */
export const TEXT_WIDTH = 11906 - 1701 - 850;

export const run = (
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

export const para = (
  children: TextRun[],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
  spacingAfter = 0,
) => new Paragraph({ children, alignment, spacing: { after: spacingAfter } });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

/** A table of the body: a header row repeated on each page, widths in percent of the text width. */
export function dataTable(
  headers: string[],
  widths: number[],
  body: Array<{ cells: string[]; bold?: boolean }>,
) {
  const cell = (text: string, width: number | undefined, bold?: boolean) =>
    new TableCell({
      width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
      children: [para([run(text, { bold, size: 12 })])],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((w / 100) * TEXT_WIDTH)),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i], true)) }),
      ...body.map((r) => new TableRow({ children: r.cells.map((v, i) => cell(v, widths[i], r.bold)) })),
    ],
  });
}

export interface AdministrativeDocument {
  /** The issuing body, and the body it belongs to (printed above it), as named in Liêm. */
  issuer: string;
  parent?: string | null;
  /** "12/KH-UBND"; blank until numbered by the office. */
  number?: string | null;
  /** The abbreviation after the number when there is none yet ("KH", "BC"). */
  numberKind: string;
  /** Where it is issued: the province's name without its type ("Sơn Hà"). */
  place: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The kind of document, printed in capitals ("KẾ HOẠCH", "BÁO CÁO"). */
  kind: string;
  /** Its summary, under the kind. */
  summary: string;
  body: Array<Paragraph | Table>;
  recipients?: string[];
  signer?: string | null;
  /**
   * Minutes (biên bản) are signed by the parties side by side, each title over its name, and have no
   * recipients: given, these replace the recipients and the one signer.
   */
  parties?: Array<{ title: string; name?: string | null }>;
  /** The file's own title (Word's document properties). */
  title: string;
}

/** The document as a .docx file. */
export async function administrativeDocx(d: AdministrativeDocument): Promise<Buffer> {
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
              ...(d.parent ? [para([run(d.parent.toUpperCase())], AlignmentType.CENTER)] : []),
              para([run(d.issuer.toUpperCase(), { bold: true })], AlignmentType.CENTER),
              para([run('_______')], AlignmentType.CENTER),
              para([run(`Số: ${d.number ?? `      /${d.numberKind}`}`)], AlignmentType.CENTER),
            ],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })], AlignmentType.CENTER),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 })], AlignmentType.CENTER),
              para([run('_______________________')], AlignmentType.CENTER),
              para(
                [
                  run(
                    `${d.place}, ngày ${d.date.slice(8, 10)} tháng ${d.date.slice(5, 7)} năm ${d.date.slice(0, 4)}`,
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
  const signature = (title: string, name?: string | null) => [
    para([run(title, { bold: true, size: 14 })], AlignmentType.CENTER),
    para([run('(Ký, ghi rõ họ tên)', { italics: true, size: 12 })], AlignmentType.CENTER),
    ...[0, 1, 2].map(() => para([run('')], AlignmentType.CENTER)),
    para([run(name ?? '', { bold: true, size: 14 })], AlignmentType.CENTER),
  ];
  const parties = d.parties;
  // Recipients on the left and the signature on the right, as the decree places them; minutes: the parties.
  const foot = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH / 2), TEXT_WIDTH - Math.round(TEXT_WIDTH / 2)],
    borders: noBorders,
    rows: [
      new TableRow({
        children: parties
          ? parties.map((p) => new TableCell({ borders: noBorders, children: signature(p.title, p.name) }))
          : [
              new TableCell({
                borders: noBorders,
                children: [
                  para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })]),
                  ...(d.recipients ?? []).map((r) => para([run(`- ${r};`, { size: 11 })])),
                  para([run('- Lưu: VT.', { size: 11 })]),
                ],
              }),
              new TableCell({
                borders: noBorders,
                children: [
                  para([run(d.signer ?? 'NGƯỜI KÝ', { bold: true, size: 14 })], AlignmentType.CENTER),
                ],
              }),
            ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Liêm',
    title: cleanText(d.title),
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
            children: [run(d.kind, { bold: true, size: 14 })],
          }),
          para([run(d.summary, { bold: true, size: 14 })], AlignmentType.CENTER, 240),
          ...d.body,
          para([run('')], AlignmentType.LEFT, 240),
          foot,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Where a unit's documents are issued: the name of the top of its tree without its type ("Tỉnh Sơn Hà" →
 * "Sơn Hà"), as the place line of the decree has it.
 */
export async function placeOf(db: Db, unitPath: string): Promise<string> {
  const rootId = unitPath.split('/').filter(Boolean)[0];
  const [root] = rootId
    ? await rows<{ name: string }>(db, sql`select name from units where id = ${rootId}::uuid`)
    : [];
  return (root?.name ?? '').replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '').trim() || 'Hà Nội';
}
