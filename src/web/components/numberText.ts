/**
 * A number as a number box shows it and reads it back, in the reader's language: Vietnamese groups
 * thousands with "." and writes decimals with ","; English with "," and ".". Grouped from five digits up,
 * so a year (2026) stays as people write it.
 */
export function groupDigits(plain: string, lang: 'vi' | 'en'): string {
  if (plain === '') return '';
  const [int = '', frac] = plain.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped =
    digits.length >= 5 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',') : digits;
  return sign + grouped + (frac === undefined ? '' : (lang === 'vi' ? ',' : '.') + frac);
}

/**
 * What was typed, as the plain number text antd reads ("220000000", "6.5"). A group mark is one only
 * before exactly three digits: in Vietnamese "1.500" is fifteen hundred, while "6.5" typed on an English
 * keyboard is six and a half.
 */
export function readNumber(text: string, lang: 'vi' | 'en'): string {
  const group = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  const escaped = group === '.' ? '\\.' : ',';
  const ungrouped = text.trim().replace(new RegExp(`${escaped}(?=\\d{3}(?:\\D|$))`, 'g'), '');
  return ungrouped.replace(decimal, '.').replace(/[^\d.-]/g, '');
}
