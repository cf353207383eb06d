import { AppError } from './errors.ts';
/** Diacritic- and case-insensitive form of a text (đ → d), as `liem_fold()` does in SQL. */
export const foldText = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

/**
 * Characters that have no place in anything a person types into Liêm: control characters other than tab
 * and line breaks, bidirectional overrides and isolates (U+202E makes "hoso[U+202E]fdp.exe" show as "hosoexe.pdf"),
 * noncharacters such as U+FFFE, and lone surrogates. XML 1.0 refuses most of them, so an export holding
 * one would be a broken DOCX or XLSX.
 */
const UNSAFE = /(?![\t\n\r])\p{Cc}|\p{Bidi_Control}|\p{Noncharacter_Code_Point}|\p{Cs}/gu;

/** Text as every input boundary keeps it: NFC, without the characters above (lone surrogates included). */
export function cleanText(value: string): string {
  return value.replace(UNSAFE, '').normalize('NFC');
}

/** The same, deeply, for a parsed JSON body or query (plain objects and arrays only). */
export function cleanDeep(value: unknown, depth = 0): unknown {
  // No form nests this deep; 5,000 nested arrays (10 KB) overflowed the stack here (the re-test's M2).
  if (depth > MAX_DEPTH) throw new AppError('bad_request');
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v, depth + 1));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v, depth + 1)]));
  }
  return value;
}
const MAX_DEPTH = 64;

/** Every string in a plain data structure cleaned, its type kept (exports of data typed before cleaning). */
export const cleanStrings = <T>(value: T): T => cleanDeep(value) as T;
