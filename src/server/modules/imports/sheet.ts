import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { excel } from '#server/lazy.ts';
import { inThread } from '#server/platform/threads.ts';
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
/** Columns a sheet may have: no import needs more, and a cell far to the right must not make every row that wide. */
export const MAX_IMPORT_COLUMNS = 200;

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
function collector(budget = { chars: 0 }) {
  let headers: string[] = [];
  const rows: Sheet['rows'] = [];
  const numericColumns = new Set<number>();
  // What is read is copied to the caller: its size is bounded here, not by the file's (4 million cells
  // naming one 1,000-character shared string are 4 billion characters — the re-test's N2).
  const text = (value: ExcelJS.CellValue) => {
    const t = clean(cellText(value));
    if (t.length > MAX_CELL_CHARS) throw tooLarge();
    budget.chars += t.length;
    if (budget.chars > MAX_SHEET_CHARS) throw tooLarge();
    return t;
  };
  return {
    add(r: Row) {
      // Only the cells that exist are read (a 30 KB file with one cell at XFD made every row 16,384 wide).
      if (r.number === 1) {
        r.eachCell({ includeEmpty: false }, (cell, col) => {
          if (col > MAX_IMPORT_COLUMNS) throw tooWide();
          headers[col - 1] = text(cell.value);
        });
        headers = Array.from(headers, (h) => h ?? '');
        return;
      }
      const cells = new Array<string>(headers.length).fill('');
      let any = false;
      r.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col > headers.length) return;
        const value = cell.value;
        if (typeof value === 'number') numericColumns.add(col - 1);
        const t = text(value);
        cells[col - 1] = t;
        if (t !== '') any = true;
      });
      if (!any) return;
      rows.push({ row: r.number, cells });
      if (rows.length > MAX_IMPORT_ROWS)
        throw new AppError('validation', {
          fields: { file: { key: 'import.too_many_rows', values: { max: MAX_IMPORT_ROWS } } },
        });
    },
    /** The sheet as read, empty or not. */
    read(): Sheet {
      return { headers: headers.map((h, i) => h || `#${i + 1}`), rows, numericColumns };
    },
    sheet(): Sheet {
      if (headers.filter(Boolean).length === 0 || rows.length === 0)
        throw new AppError('validation', { fields: { file: { key: 'import.empty' } } });
      return this.read();
    },
  };
}

const unreadable = () => new AppError('validation', { fields: { file: { key: 'import.file_unreadable' } } });
const tooWide = () =>
  new AppError('validation', {
    fields: { file: { key: 'import.too_many_columns', values: { max: MAX_IMPORT_COLUMNS } } },
  });

type Zip = Awaited<ReturnType<typeof import('jszip')['loadAsync']>>;

/**
 * exceljs's stream reader needs the workbook part, its relationships and the shared strings before the
 * sheets: it names sheets from the first, and reads a sheet met earlier with `{sharedString: n}` for its
 * text (or fails). A valid package may be in any order (exceljs itself writes the workbook part last once
 * it has loaded a file): such a package is rewritten with the sheets last (checkInflated has bounded what
 * that holds in memory).
 */
async function inReaderOrder(zip: Zip, content: Buffer): Promise<Buffer> {
  const names = Object.keys(zip.files);
  const isSheet = (n: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n);
  const firstSheet = names.findIndex(isSheet);
  const before = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  if (firstSheet < 0 || before.every((n) => names.indexOf(n) < firstSheet)) return content;
  const { default: JSZip } = await import('jszip');
  const out = new JSZip();
  for (const name of [...names.filter((n) => !isSheet(n)), ...names.filter(isSheet)]) {
    const entry = zip.files[name]!;
    if (!entry.dir) out.file(name, await entry.async('uint8array'));
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

/** What a package's parts may inflate to in all, counted as they inflate (declared sizes can lie). */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;
/** Characters a sheet's cells may come to in all once read (a cell repeating a long shared string). */
export const MAX_SHEET_CHARS = 64 * 1024 * 1024;
/** Excel's own limit for one cell. */
const MAX_CELL_CHARS = 32_767;

const tooLarge = () => new AppError('validation', { fields: { file: { key: 'import.file_too_complex' } } });

/**
 * Inflates every part of a package once, as a stream, counting the bytes that come out, and refuses the
 * file past MAX_INFLATED_BYTES — before any parser holds them. A few megabytes can declare a hundred
 * million shared strings (1.3 GB), and a worker thread's memory cap is not a safe net: Node can abort the
 * whole process when a worker reaches it (the session-17 re-test, N1; nodejs/node#47224).
 */
async function checkInflated(zip: Zip): Promise<void> {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_INFLATED_BYTES) {
          stream.pause();
          reject(tooLarge());
        }
      });
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
  }
}

/** The worksheets of an .xlsx in order, as a stream, each with the name its tab shows. */
async function* worksheets(content: Buffer) {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(content);
  await checkInflated(zip);
  const ExcelJS = await excel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await inReaderOrder(zip, content)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const ws of reader) yield ws as unknown as AsyncIterable<unknown> & { name: string };
}

/**
 * Every worksheet of an .xlsx with its name (a workbook with a sheet per section), empty ones included;
 * all of them together stay under the row limit.
 */
export async function readWorkbookHere(content: Buffer): Promise<Array<{ name: string; sheet: Sheet }>> {
  const type = await fileTypeFromBuffer(content);
  if (type?.ext !== 'xlsx' && type?.ext !== 'zip')
    throw new AppError('validation', { fields: { file: { key: 'import.xlsx_only' } } });
  const out: Array<{ name: string; sheet: Sheet }> = [];
  // One budget for the whole workbook's text: twenty sheets are not twenty times the limit.
  const budget = { chars: 0 };
  let total = 0;
  try {
    for await (const ws of worksheets(content)) {
      const found = collector(budget);
      for await (const r of ws) found.add(r as Row);
      const sheet = found.read();
      total += sheet.rows.length;
      if (total > MAX_IMPORT_ROWS)
        throw new AppError('validation', {
          fields: { file: { key: 'import.too_many_rows', values: { max: MAX_IMPORT_ROWS } } },
        });
      out.push({ name: cleanText(ws.name).trim(), sheet });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  }
  return out;
}

/**
 * Reads the first sheet of an .xlsx, or a UTF-8 CSV (comma or semicolon), every value as text. An .xlsx
 * is read as a stream, row by row: a 100,000-row sheet never becomes a whole workbook in memory.
 */
export async function readSheetHere(content: Buffer): Promise<Sheet> {
  const type = await fileTypeFromBuffer(content);
  const ExcelJS = await excel();
  const found = collector();
  try {
    if (type?.ext === 'xlsx' || type?.ext === 'zip') {
      for await (const ws of worksheets(content)) {
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
    throw unreadable();
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

/** An .xlsx of several sheets, each with its header row (and example rows), then a sheet of instructions. */
export async function templateWorkbookOf(
  sheets: Array<{ name: string; headers: string[]; examples: string[][] }>,
  notes: { name: string; lines: string[] },
): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Liêm';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.headers);
    for (const e of s.examples) ws.addRow(e);
    ws.getRow(1).font = { bold: true, name: 'Times New Roman' };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c) => {
      c.width = 24;
      // Text: ID numbers and codes keep their leading zeros, dates stay as typed.
      c.numFmt = '@';
    });
  }
  const help = wb.addWorksheet(notes.name);
  for (const line of notes.lines) help.addRow([line]);
  help.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * What reading one uploaded spreadsheet may use. A small file can declare a great deal (a hundred million
 * shared strings in 4 MB: 3.6 GB and a minute of one core in the server's own thread), so files are read
 * in a worker thread that is stopped past these, and the file refused.
 */
const READ_LIMITS = { memoryMb: 768, timeoutMs: 90_000 };

async function isolated<T>(kind: 'sheet' | 'workbook', content: Buffer, limits = READ_LIMITS): Promise<T> {
  try {
    return await inThread<T>(
      new URL('./sheet-worker.ts', import.meta.url),
      { kind, content },
      limits,
      'sheets',
    );
  } catch (e) {
    // Stopped at its time or memory: the file's fault. A full queue (retry later) is not.
    if (e instanceof AppError && e.code === 'unavailable' && !e.details.retryAfterSeconds)
      throw new AppError('validation', { fields: { file: { key: 'import.file_too_complex' } } });
    throw e;
  }
}

/**
 * The first sheet of an .xlsx or a CSV (readSheetHere). A package is read in a worker thread within
 * READ_LIMITS; a CSV cannot unpack to more than it is (the upload's size bounds it), so it is read here,
 * without a thread's start-up (~0.3 s) on every preview, dry run and commit.
 */
export async function readSheet(content: Buffer, limits = READ_LIMITS): Promise<Sheet> {
  const type = await fileTypeFromBuffer(content);
  return type ? isolated<Sheet>('sheet', content, limits) : readSheetHere(content);
}
/** Every sheet of an .xlsx (readWorkbookHere), read in a worker thread within READ_LIMITS. */
export const readWorkbook = (content: Buffer, limits = READ_LIMITS) =>
  isolated<Array<{ name: string; sheet: Sheet }>>('workbook', content, limits);
