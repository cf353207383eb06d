import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_COLUMNS, readSheet, readWorkbook } from './sheet.ts';

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

  it('stops reading a file that unpacks past the reader’s memory, and refuses it instead of the server failing', async () => {
    // Millions of shared strings in a small package: read in a worker thread, it is stopped at its cap.
    const strings = Array.from(
      { length: 400_000 },
      (_, i) => `<si><t>chuỗi số ${i} dài hơn một chút</t></si>`,
    );
    const zip = await JSZip.loadAsync(
      await book((ws) => {
        ws.getCell('A1').value = 'a';
      }),
    );
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${strings.join('')}</sst>`,
    );
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(readWorkbook(bomb, { memoryMb: 16, timeoutMs: 30_000 })).rejects.toMatchObject({
      details: { fields: { file: { key: 'import.file_too_complex' } } },
    });
    // The same file within ordinary limits reads (its one cell is the dictionary's first string).
    expect((await readWorkbook(bomb))[0]!.sheet.headers).toEqual(['chuỗi số 0 dài hơn một chút']);
  }, 60_000);
});
