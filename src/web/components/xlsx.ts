type Cell = string | number | null;

/** A workbook of plain sheets (a bold header row, then values) downloaded by the browser. */
export async function downloadXlsx(
  fileName: string,
  sheets: Array<{ name: string; header: string[]; rows: Cell[][] }>,
) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    // Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise).
    const ws = wb.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map(asCell));
      // A date is a date in the sheet (sorted and filtered as one), shown day first whatever the list
      // showed it as: ISO from one list, dd/mm/yyyy from another (rev29).
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      });
    }
    ws.columns.forEach((c) => {
      c.width = 24;
    });
  }
  const blob = new Blob([await wb.xlsx.writeBuffer()], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${fileName}.xlsx`;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** A list's value as a sheet's cell: a day written 2026-08-15 or 15/08/2026 becomes a date. */
export function asCell(v: Cell): Cell | Date {
  if (typeof v !== 'string') return v ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const vn = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y) return v;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? v : date;
}
