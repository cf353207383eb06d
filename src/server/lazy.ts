/**
 * Heavy libraries needed only for spreadsheets load on first use, so a server that never imports or
 * exports one does not hold them (about 35 MB; ADR 0013). Attachments load theirs the same way.
 */
export const excel = async () => (await import('exceljs')).default;
