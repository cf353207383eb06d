import type { Worksheet } from 'exceljs';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { cleanText } from '#shared/text.ts';

/**
 * What every spreadsheet export needs, in one place: labels in the reader's language (their sheet and
 * column names, statuses) and rows written with text cleaned of characters XML refuses (typed before
 * input was cleaned): never a broken workbook. Administrative Word documents stay Vietnamese
 * (documents.ts): they are the official text.
 */
export function sheetKit(lang: Language) {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values);
  const row = (
    sheet: Worksheet,
    values: unknown[],
    opts: { bold?: boolean; size?: number; commit?: boolean } = {},
  ) => {
    const r = sheet.addRow(values.map((v) => (typeof v === 'string' ? cleanText(v) : v)));
    if (opts.bold) r.font = { bold: true, ...(opts.size ? { size: opts.size } : {}) };
    if (opts.commit) r.commit();
    return r;
  };
  /** A record's name in the reader's language, from its Vietnamese and English columns. */
  const named = (x: { vi: string; en?: string | null }) => (lang === 'en' && x.en ? x.en : x.vi);
  return { t, row, named };
}
