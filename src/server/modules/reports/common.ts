import { alias } from 'drizzle-orm/pg-core';
import { CryptoFailure } from '#server/modules/keys/crypto.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { decryptJson } from './crypt.ts';
import type { reports } from './tables.ts';

export type ReportRow = typeof reports.$inferSelect;
/** `strip`: send the file without the parts that cannot be cleaned, instead of refusing it (CleanOptions). */
export type SubmittedFile = { name: string; content: Uint8Array; truncated?: boolean; strip?: boolean };

export const MAX_FILES = 10;
/** Search decrypts at most this many of the newest reports that pass the other filters. */
export const SEARCH_WINDOW = 2000;
/** The inbox counts at most this many matches (reading 250,000 rows to print a number is not worth it). */
export const COUNT_CAP = 10_000;

export const reportNumber = (seq: number, receivedOn: string) =>
  `${receivedOn.slice(0, 4)}-${String(seq).padStart(6, '0')}`;

export function parseReportNumber(q: string | undefined): { year: string; seq: number } | null {
  const m = /^(\d{4})-(\d{1,12})$/.exec(q?.trim() ?? '');
  return m ? { year: m[1]!, seq: Number(m[2]) } : null;
}

export const handledUnit = alias(units, 'handled_unit');
export const receivedUnit = alias(units, 'received_unit');
export const concernedUnit = alias(units, 'concerned_unit');
export const handler = alias(users, 'handler');

/** Text of a ciphertext, or null when the key is missing: one unreadable row never breaks a page. */
export function open<T>(key: Uint8Array | undefined, box: Uint8Array | null, adText: string): T | null {
  if (!key || !box) return null;
  try {
    return decryptJson<T>(key, box, adText);
  } catch (e) {
    if (e instanceof CryptoFailure) return null;
    throw e;
  }
}
