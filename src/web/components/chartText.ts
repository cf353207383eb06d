import { format } from 'echarts/core';

/**
 * Tooltip markup from values that people typed (unit names, task text): ECharts inserts a formatter's
 * result as HTML, so every value is escaped and only our own line breaks stay markup.
 */
export function tooltipLines(...lines: Array<string | number | null | undefined>): string {
  return lines.map((line) => format.encodeHTML(String(line ?? ''))).join('<br/>');
}
