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
    for (const r of s.rows) ws.addRow(r.map((v) => v ?? ''));
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
