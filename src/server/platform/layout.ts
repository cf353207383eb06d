import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cleanText } from '#shared/text.ts';
import { dataTable, noBorders, para, run, TEXT_WIDTH } from './documents.ts';
import { inThread } from './threads.ts';

/**
 * A printed form described once and rendered twice: as Word (to edit or print) and as PDF (to print as
 * is), so both always carry the same text in the same order. A4, 2 cm top and bottom, 3 cm left, 1.5 cm
 * right, as Decree 30/2020 sets for administrative documents.
 */
export type Block =
  /** Centred lines (the national motto, the form's title). */
  | { kind: 'title'; lines: Array<{ text: string; bold?: boolean; italics?: boolean; underline?: boolean }> }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; italics?: boolean }
  /** Widths in percent of the text width; the header row repeats on each page. */
  | { kind: 'table'; headers: string[]; widths: number[]; rows: Array<{ cells: string[]; bold?: boolean }> }
  /** Signature blocks side by side, without borders. */
  | { kind: 'signatures'; blocks: Array<{ title: string; note: string; name?: string }> }
  /** What follows starts a new page (documents bound together: a publication's copies). */
  | { kind: 'break' };

export interface Layout {
  /** The file's own title. */
  title: string;
  blocks: Block[];
  /** Printed at the foot of every page before "Trang x/y" (e.g. where the declarant signs each page). */
  footer?: string;
}

const FONT = 'Times New Roman';

/** The layout as a .docx file. */
export function layoutDocx(l: Layout): Promise<Buffer> {
  const borders = noBorders;
  const children = l.blocks.map((b) => {
    switch (b.kind) {
      case 'title':
        return b.lines.map((line, i) =>
          para([run(line.text, line)], AlignmentType.CENTER, i === b.lines.length - 1 ? 200 : 0),
        );
      case 'heading':
        return [para([run(b.text, { bold: true })], AlignmentType.LEFT, 80)];
      case 'text':
        return [para([run(b.text, { italics: b.italics })], AlignmentType.JUSTIFIED, 60)];
      case 'table':
        return [dataTable(b.headers, b.widths, b.rows)];
      case 'break':
        return [new Paragraph({ children: [new PageBreak()] })];
      default:
        // signatures
        return [
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: b.blocks.map(() => Math.round(TEXT_WIDTH / b.blocks.length)),
            borders,
            rows: [
              new TableRow({
                children: b.blocks.map(
                  (s) =>
                    new TableCell({
                      borders,
                      children: [
                        para([run(s.title, { bold: true })], AlignmentType.CENTER),
                        para([run(s.note, { italics: true })], AlignmentType.CENTER, 1200),
                        ...(s.name ? [para([run(s.name, { bold: true })], AlignmentType.CENTER)] : []),
                      ],
                    }),
                ),
              }),
            ],
          }),
        ];
    }
  });
  const foot = (text: string | (typeof PageNumber)[keyof typeof PageNumber]) =>
    typeof text === 'string'
      ? new TextRun({ text, font: FONT, size: 22 })
      : new TextRun({ children: [text], font: FONT, size: 22 });
  const doc = new Document({
    title: cleanText(l.title),
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  foot(`${l.footer ? `${l.footer}        ` : ''}Trang `),
                  foot(PageNumber.CURRENT),
                  foot('/'),
                  foot(PageNumber.TOTAL_PAGES),
                ],
              }),
            ],
          }),
        },
        children: children.flat(),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// pdfmake (the stack's PDF writer) with Roboto, which it ships and which has every Vietnamese letter.
const require = createRequire(import.meta.url);
let printer: { createPdf(d: unknown): { getBuffer(): Promise<Buffer> } } | null = null;
function pdfmake() {
  if (printer) return printer;
  const pm = require('pdfmake');
  const fonts = require('pdfmake/fonts/Roboto.js');
  const dir = dirname(require.resolve('pdfmake/fonts/Roboto.js'));
  // Only its own fonts may be read from disk: a document never names a file.
  pm.setLocalAccessPolicy((path: string) => path.startsWith(dir));
  pm.setUrlAccessPolicy(() => false);
  pm.setFonts(fonts);
  printer = pm;
  return pm as NonNullable<typeof printer>;
}

const MM = 72 / 25.4;

/** The same layout as a PDF (A4, same margins; Roboto in place of Times New Roman). */
export function layoutPdf(l: Layout): Promise<Buffer> {
  const clean = (s: string) => cleanText(s);
  const content = l.blocks.map((b) => {
    switch (b.kind) {
      case 'title':
        return {
          stack: b.lines.map((line) => ({
            text: clean(line.text),
            bold: line.bold,
            italics: line.italics,
            decoration: line.underline ? 'underline' : undefined,
            alignment: 'center',
          })),
          margin: [0, 0, 0, 10],
        };
      case 'heading':
        return { text: clean(b.text), bold: true, margin: [0, 6, 0, 3], headlineLevel: 1 };
      case 'text':
        return { text: clean(b.text), italics: b.italics, alignment: 'justify', margin: [0, 0, 0, 3] };
      case 'table':
        return {
          table: {
            headerRows: 1,
            widths: b.widths.map((w) => `${w}%`),
            body: [
              b.headers.map((h) => ({ text: clean(h), bold: true, fontSize: 9 })),
              ...b.rows.map((r) => r.cells.map((c) => ({ text: clean(c), bold: r.bold, fontSize: 9 }))),
            ],
          },
          margin: [0, 2, 0, 6],
        };
      case 'break':
        return { text: '', pageBreak: 'after' };
      default:
        // signatures
        return {
          columns: b.blocks.map((s) => ({
            stack: [
              { text: clean(s.title), bold: true },
              { text: clean(s.note), italics: true, margin: [0, 0, 0, 50] },
              ...(s.name ? [{ text: clean(s.name), bold: true }] : []),
            ],
            alignment: 'center',
          })),
          margin: [0, 12, 0, 0],
        };
    }
  });
  return pdfmake()
    .createPdf({
      info: { title: clean(l.title) },
      pageSize: 'A4',
      pageMargins: [30 * MM, 20 * MM, 15 * MM, 20 * MM],
      defaultStyle: { font: 'Roboto', fontSize: 11 },
      content,
      // A heading never ends a page: it moves to the next with what it introduces. (Grouping it with its
      // table as unbreakable lost both when they were taller than a page.) pdfmake decides before it
      // places the table, which then moves whole when its header and first row do not fit: a heading in
      // the page's last fifth moves too.
      pageBreakBefore: (
        node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } },
        page: { getFollowingNodesOnPage(): unknown[] },
      ) =>
        node.headlineLevel === 1 &&
        (page.getFollowingNodesOnPage().length === 0 || (node.startPosition?.verticalRatio ?? 0) > 0.8),
      footer: (page: number, pages: number) => ({
        text: `${l.footer ? `${clean(l.footer)}        ` : ''}Trang ${page}/${pages}`,
        alignment: 'right',
        fontSize: 9,
        margin: [30 * MM, 4 * MM, 15 * MM, 0],
      }),
    })
    .getBuffer();
}

/**
 * The layout rendered in a worker thread (platform/threads.ts): a large form takes seconds of CPU to lay
 * out, which would otherwise stall every other request of the process (review R2).
 */
export async function renderLayout(format: 'docx' | 'pdf', layout: Layout): Promise<Buffer> {
  const bytes = await inThread<Uint8Array>(
    new URL('./render-worker.ts', import.meta.url),
    { format, layout },
    {
      memoryMb: 512,
      timeoutMs: 60_000,
    },
  );
  return Buffer.from(bytes);
}
