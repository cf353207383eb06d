import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decrypt, encrypt, fromBase64, toBase64 } from '#server/modules/keys/crypto.ts';

/**
 * The server key: 32 random bytes kept outside the database, in `DATA_DIR/keys/server.key` (0600, made at
 * first start) or in `LIEM_SERVER_KEY` (base64) where several instances share one PostgreSQL. Everything
 * that must stay secret from whoever holds the database or its backups derives a sub-key from it: the audit
 * chain's HMAC, secrets at rest (TOTP seeds, the portal's receipt salt), the sign-in throttle's name
 * hashes. It is never in a database backup: back the keys folder up separately (README, ADR 0003).
 */
let current: Buffer | undefined;

const B64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** Reads the key (or makes it on first start) and keeps it for the process. */
export function loadServerKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.LIEM_SERVER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!B64_KEY.test(fromEnv)) throw new Error('LIEM_SERVER_KEY must be 32 bytes in base64 (44 characters)');
    current = Buffer.from(fromEnv, 'base64');
    return current;
  }
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'server.key');
  if (!existsSync(file)) {
    try {
      // wx: two processes starting at once never overwrite each other's key.
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  current = readFileSync(file);
  if (current.length !== 32) throw new Error(`${file} must hold exactly 32 bytes`);
  return current;
}

/** The process's key; a process without a data directory of its own may take it from the environment. */
export function serverKey(): Buffer {
  if (current) return current;
  const fromEnv = process.env.LIEM_SERVER_KEY;
  if (fromEnv && B64_KEY.test(fromEnv)) {
    current = Buffer.from(fromEnv, 'base64');
    return current;
  }
  throw new Error('The server key is not loaded (loadServerKey)');
}

/** A key for one purpose, derived from the server key (HMAC-SHA256 of the purpose's name). */
export const subKey = (purpose: string): Buffer => createHmac('sha256', serverKey()).update(purpose).digest();

const SEALED = 'v1:';
const atRestKey = () => new Uint8Array(subKey('liem/at-rest/v1'));

/** A secret as stored: XChaCha20-Poly1305 under the at-rest key, bound to `ad` (what and whose it is). */
export const sealAtRest = (value: string, ad: string): string =>
  SEALED + toBase64(encrypt(atRestKey(), new TextEncoder().encode(value), ad));

/** The secret back; a value that was not sealed by this server, or for another record, opens to nothing. */
export function openAtRest(stored: string, ad: string): string | null {
  if (!stored.startsWith(SEALED)) return null;
  try {
    return new TextDecoder().decode(decrypt(atRestKey(), fromBase64(stored.slice(SEALED.length)), ad));
  } catch {
    return null;
  }
}

export const isSealed = (stored: string) => stored.startsWith(SEALED);

/** Bytes as stored (a signed scan): the same sealing as `sealAtRest`, kept binary. */
export const sealBytesAtRest = (value: Uint8Array, ad: string): Uint8Array => encrypt(atRestKey(), value, ad);

/** The bytes back, or null when sealed by another server or for another record. */
export function openBytesAtRest(stored: Uint8Array, ad: string): Uint8Array | null {
  try {
    return decrypt(atRestKey(), stored, ad);
  } catch {
    return null;
  }
}
