import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { excel } from '#server/lazy.ts';
import { AppError } from '#shared/errors.ts';
import { cleanText } from '#shared/text.ts';

export interface Sheet {
  headers: string[];
  /** Data rows with the row number the spreadsheet shows. */
  rows: Array<{ row: number; cells: string[] }>;
  /** Columns (by index) where the spreadsheet stored some value as a number, not as text. */
  numericColumns: Set<number>;
}

export const MAX_IMPORT_ROWS = 200_000;

function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as the text a user sees: rich text joined, formulas by result, dates as yyyy-MM-dd. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Imported cells pass the same boundary as typed input (shared/text.ts): no control or bidi characters. */
function clean(s: string): string {
  return cleanText(s).trim();
}

type Row = Pick<ExcelJS.Row, 'number' | 'getCell' | 'eachCell'>;

/** Collects the header row (row 1) and the non-empty data rows, refusing a sheet over the row limit. */
function collector() {
  let headers: string[] = [];
  const rows: Sheet['rows'] = [];
  const numericColumns = new Set<number>();
  return {
    add(r: Row) {
      if (r.number === 1) {
        r.eachCell({ includeEmpty: true }, (cell, col) => {
          headers[col - 1] = clean(cellText(cell.value));
        });
        headers = Array.from(headers, (h) => h ?? '');
        return;
      }
      const cells = Array.from({ length: headers.length }, (_, i) => {
        const value = r.getCell(i + 1).value;
        if (typeof value === 'number') numericColumns.add(i);
        return clean(cellText(value));
      });
      if (!cells.some((c) => c !== '')) return;
      rows.push({ row: r.number, cells });
      if (rows.length > MAX_IMPORT_ROWS)
        throw new AppError('validation', {
          fields: { file: { key: 'import.too_many_rows', values: { max: MAX_IMPORT_ROWS } } },
        });
    },
    sheet(): Sheet {
      if (headers.filter(Boolean).length === 0 || rows.length === 0)
        throw new AppError('validation', { fields: { file: { key: 'import.empty' } } });
      return { headers: headers.map((h, i) => h || `#${i + 1}`), rows, numericColumns };
    },
  };
}

/**
 * Reads the first sheet of an .xlsx, or a UTF-8 CSV (comma or semicolon), every value as text. An .xlsx
 * is read as a stream, row by row: a 100,000-row sheet never becomes a whole workbook in memory.
 */
export async function readSheet(content: Buffer): Promise<Sheet> {
  const type = await fileTypeFromBuffer(content);
  const ExcelJS = await excel();
  const found = collector();
  try {
    if (type?.ext === 'xlsx' || type?.ext === 'zip') {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'emit',
      });
      for await (const ws of reader) {
        for await (const r of ws) found.add(r as Row);
        break;
      }
    } else if (!type) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
      const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
      const delimiter =
        (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      const wb = new ExcelJS.Workbook();
      // `map` keeps every value as typed: codes such as "001" must not become numbers.
      await wb.csv.read(Readable.from([text]), {
        map: (v: unknown) => v,
        parserOptions: { delimiter },
      } as never);
      wb.worksheets[0]?.eachRow({ includeEmpty: false }, (r) => found.add(r));
    } else {
      throw new Error('unsupported');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('validation', { fields: { file: { key: 'import.file_unreadable' } } });
  }
  return found.sheet();
}

/** An .xlsx with the given header row, one example row and a sheet of instructions. */
export async function templateWorkbook(
  headers: string[],
  example: string[],
  notes: string[],
): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Liêm';
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  ws.addRow(example);
  ws.getRow(1).font = { bold: true, name: 'Times New Roman' };
  ws.columns.forEach((c) => {
    c.width = 28;
    c.numFmt = '@';
  });
  const help = wb.addWorksheet('Hướng dẫn');
  for (const line of notes) help.addRow([line]);
  help.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
