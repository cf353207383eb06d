import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { excel } from '#server/lazy.ts';
import { AppError } from '#shared/errors.ts';

export interface Sheet {
  headers: string[];
  /** Data rows with the row number the spreadsheet shows. */
  rows: Array<{ row: number; cells: string[] }>;
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

function clean(s: string): string {
  return s.normalize('NFC').trim();
}

/** Reads the first sheet of an .xlsx, or a UTF-8 CSV (comma or semicolon), every value as text. */
export async function readSheet(content: Buffer): Promise<Sheet> {
  const type = await fileTypeFromBuffer(content);
  const wb = new (await excel()).Workbook();
  try {
    if (type?.ext === 'xlsx' || type?.ext === 'zip') {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
    } else if (!type) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
      const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
      const delimiter =
        (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      // `map` keeps every value as typed: codes such as "001" must not become numbers.
      await wb.csv.read(Readable.from([text]), {
        map: (v: unknown) => v,
        parserOptions: { delimiter },
      } as never);
    } else {
      throw new Error('unsupported');
    }
  } catch {
    throw new AppError('validation', { fields: { file: { key: 'import.file_unreadable' } } });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('validation', { fields: { file: { key: 'import.empty' } } });
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = clean(cellText(cell.value));
  });
  const width = headers.length;
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Array.from({ length: width }, (_, i) => clean(cellText(r.getCell(i + 1).value)));
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  if (headers.filter(Boolean).length === 0 || rows.length === 0) {
    throw new AppError('validation', { fields: { file: { key: 'import.empty' } } });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('validation', {
      fields: { file: { key: 'import.too_many_rows', values: { max: MAX_IMPORT_ROWS } } },
    });
  }
  return { headers: headers.map((h, i) => h || `#${i + 1}`), rows };
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
