import { getRandomValues, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import sodium from 'libsodium-wrappers-sumo';
import { Piscina } from 'piscina';
import type { Argon2Task } from './argon2-worker.ts';

await sodium.ready;

/**
 * libsodium's WebAssembly build draws its own randomness (a sealed box's ephemeral key pair) from the
 * host 4 bytes per call, each a webcrypto call (~0.5 ms of every citizen report's event-loop time for
 * its recipients' sealed keys). It is served from a buffer filled from the operating system's CSPRNG
 * instead, as Node buffers randomUUID's; spent words are zeroed.
 */
const randomWords = new Uint32Array(1024);
let nextWord = randomWords.length;
(sodium as unknown as { libsodium: { getRandomValue: () => number } }).libsodium.getRandomValue = () => {
  if (nextWord === randomWords.length) {
    getRandomValues(randomWords);
    nextWord = 0;
  }
  const word = randomWords[nextWord]!;
  randomWords[nextWord++] = 0;
  return word >>> 0;
};

/**
 * The cryptographic primitives of confidential reporting (DESIGN §7), all from libsodium except the
 * Argon2id derivation, which runs natively on a pool of threads (@node-rs/argon2, `argon2` below).
 * Every ciphertext is bound to its record and purpose by associated data, so a database writer cannot
 * move a ciphertext from one report (or field) to another without decryption failing.
 */

export type Key = Uint8Array;

export class CryptoFailure extends Error {}

export const KEY_BYTES = 32;

/** Parameters of the Argon2id derivations; stored beside what they protect so they can be raised later. */
export const kdfParams = { memoryCost: 64 * 1024, timeCost: 3, parallelism: 1, outputLen: KEY_BYTES };

export function newKey(): Key {
  return randomBytes(KEY_BYTES);
}

/**
 * From the operating system's CSPRNG through Node in one call: libsodium's WebAssembly build asks the
 * host for 4 bytes at a time (~90 µs for a nonce against ~3 µs here), on every report's keys and nonces.
 */
export function randomBytes(n: number): Uint8Array {
  return getRandomValues(new Uint8Array(n));
}

/** XChaCha20-Poly1305; the 24-byte random nonce is prepended to the ciphertext. */
export function encrypt(key: Key, plaintext: Uint8Array, ad: string): Uint8Array {
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  const out = new Uint8Array(nonce.length + ct.length);
  out.set(nonce);
  out.set(ct, nonce.length);
  return out;
}

export function decrypt(key: Key, box: Uint8Array, ad: string): Uint8Array {
  const n = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      box.subarray(n),
      ad,
      box.subarray(0, n),
      key,
    );
  } catch {
    throw new CryptoFailure('decryption failed');
  }
}

export function encryptJson(key: Key, value: unknown, ad: string): Uint8Array {
  return encrypt(key, new TextEncoder().encode(JSON.stringify(value)), ad);
}

export function decryptJson<T>(key: Key, box: Uint8Array, ad: string): T {
  return JSON.parse(new TextDecoder().decode(decrypt(key, box, ad))) as T;
}

export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export function newKeyPair(): KeyPair {
  const kp = sodium.crypto_box_keypair();
  return { publicKey: kp.publicKey, privateKey: kp.privateKey };
}

/** Anonymous sealed box (X25519 + XSalsa20-Poly1305): only the holder of the private key opens it. */
export function seal(key: Key, publicKey: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal(key, publicKey);
}

export function unseal(sealed: Uint8Array, pair: KeyPair): Key {
  try {
    return sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey);
  } catch {
    throw new CryptoFailure('unseal failed');
  }
}

export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return sodium.crypto_scalarmult_base(privateKey);
}

/**
 * Every Argon2id run (derivations here, password hashes in auth) runs on this pool: one thread per core,
 * each running them back to back. More runs than cores only share the cores, each holding its 64 MiB
 * longer, so the rest wait in line. Each thread is handed its next run before it ends the current one
 * (two per thread), so a core never waits for the event loop between runs: with libuv's pool and a
 * limit of one run per core, the next run started only once the event loop was free, and under the
 * intake benchmark 2–7% of the machine sat idle while runs waited (ADR 0041).
 */
let pool: Piscina | undefined;
// At most eight: on a large server, eight threads' 64 MiB blocks (512 MiB) already sign in over a hundred
// people a second, and a thread's allocator may keep its block after a run.
const ARGON2_THREADS = Math.min(availableParallelism(), 8);
export function argon2(task: Argon2Task): Promise<Uint8Array | string | boolean> {
  pool ??= new Piscina({
    filename: new URL('./argon2-worker.ts', import.meta.url).href,
    minThreads: ARGON2_THREADS,
    maxThreads: ARGON2_THREADS,
    concurrentTasksPerWorker: 2,
    // Node alone loads the worker (type stripping): this process's loader (tsx) would cost each thread
    // ~35 MiB. A cap on its heap, which holds a task or two (a cap, not a reservation).
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    // Started once and kept: a thread's start costs more than a run.
    idleTimeout: Number.POSITIVE_INFINITY,
    recordTiming: false,
  });
  return pool.run(task);
}

/** Argon2id from a low-entropy secret (a password or a receipt) and a salt. */
export async function deriveKey(secret: string, salt: Uint8Array): Promise<Key> {
  return (await argon2({ op: 'derive', secret, salt, params: kdfParams })) as Key;
}

/** Independent sub-keys of one high-entropy key (BLAKE2b KDF); `context` is exactly 8 characters. */
export function subKey(master: Key, id: number, context: string): Key {
  return sodium.crypto_kdf_derive_from_key(KEY_BYTES, id, context, master);
}

/** A fast key from a high-entropy token (a session cookie, a recovery key): BLAKE2b with a context key. */
export function tokenKey(token: string, context: string): Key {
  return sodium.crypto_generichash(KEY_BYTES, token, sodium.crypto_generichash(KEY_BYTES, context, null));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium.memcmp(a, b);
}

export const toBase64 = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.URLSAFE_NO_PADDING);
export const fromBase64 = (s: string) => sodium.from_base64(s, sodium.base64_variants.URLSAFE_NO_PADDING);

/** Sixteen decimal digits from a keyed hash (bias below 2^-200). */
export function digitsFrom(secret: Uint8Array, input: Uint8Array): string {
  const h = sodium.crypto_generichash(32, input, secret);
  let n = 0n;
  for (const b of h) n = (n << 8n) | BigInt(b);
  return (n % 10n ** 16n).toString().padStart(16, '0');
}

/** A recovery key: 32 characters of Crockford base32 in groups, 160 bits. */
export function newRecoveryKey(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = Array.from({ length: 32 }, () => alphabet[randomInt(32)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

export function normaliseRecoveryKey(s: string): string {
  const clean = s
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}
