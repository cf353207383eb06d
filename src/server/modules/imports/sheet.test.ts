import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_COLUMNS, readSheet, readSheetHere, readWorkbook, readWorkbookHere } from './sheet.ts';

/** Spreadsheets that are small as files and large once read (the session-17 review's F1 and F2). */
async function book(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Dữ liệu'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading uploaded spreadsheets', () => {
  it('reads only the cells a row has, and refuses a sheet wider than any import needs', async () => {
    // One header cell at the last column (XFD) and 2,000 one-cell rows: 30 KB that made every row
    // 16,384 cells wide and the server run out of memory.
    const wide = await book((ws) => {
      ws.getCell('A1').value = 'code';
      ws.getCell('XFD1').value = 'far';
      for (let r = 2; r <= 2001; r++) ws.getCell(`A${r}`).value = `u${r}`;
    });
    expect(wide.length).toBeLessThan(100_000);
    const started = performance.now();
    await expect(readSheet(wide)).rejects.toMatchObject({
      details: { fields: { file: { key: 'import.too_many_columns', values: { max: MAX_IMPORT_COLUMNS } } } },
    });
    await expect(readWorkbook(wide)).rejects.toMatchObject({
      details: { fields: { file: { key: 'import.too_many_columns' } } },
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    // Sparse rows within the limit come back with their cells in place and the gaps empty.
    const sparse = await book((ws) => {
      ws.getCell('A1').value = 'a';
      ws.getCell('C1').value = 'c';
      ws.getCell('C2').value = 7;
    });
    const sheet = await readSheet(sparse);
    expect(sheet.headers).toEqual(['a', '#2', 'c']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['', '', '7'] }]);
    expect([...sheet.numericColumns]).toEqual([2]);
  });

  it('refuses a package by the bytes it inflates to, before any parser holds them, whatever it declares', async () => {
    // 140 MB of shared strings in a small package (a hundred million of them took 3.6 GB, and a worker's
    // memory cap can take the whole process down with it: the re-test's N1).
    const zip = await JSZip.loadAsync(
      await book((ws) => {
        ws.getCell('A1').value = 'a';
      }),
    );
    const item = '<si><t>chuỗi</t></si>';
    zip.file(
      'xl/sharedStrings.xml',
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${item.repeat(Math.ceil((140 * 1024 * 1024) / item.length))}</sst>`,
    );
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expect(readWorkbookHere(bomb)).rejects.toMatchObject({
      details: { fields: { file: { key: 'import.file_too_complex' } } },
    });
  }, 60_000);

  it('bounds what a read returns: cells naming one long shared string are counted as the text they become', async () => {
    // 80,000 cells that all show one 1,000-character string: a small file, 80 million characters read.
    const long = 'x'.repeat(1000);
    const wide = await book((ws) => {
      ws.getRow(1).values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
      for (let r = 2; r <= 8001; r++) ws.getRow(r).values = Array.from({ length: 10 }, () => long);
    });
    await expect(readSheetHere(wide)).rejects.toMatchObject({
      details: { fields: { file: { key: 'import.file_too_complex' } } },
    });
  }, 60_000);
});
