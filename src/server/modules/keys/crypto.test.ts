import { hashRaw } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '#server/modules/auth/passwords.ts';
import {
  CryptoFailure,
  decrypt,
  deriveKey,
  encrypt,
  kdfParams,
  newKey,
  newKeyPair,
  randomBytes,
  seal,
  toBase64,
  unseal,
} from './crypto.ts';

describe('report cryptography', () => {
  it('seals a key for its recipient only, with fresh ephemeral randomness every time', () => {
    const pair = newKeyPair();
    const key = newKey();
    // 300 sealed boxes draw ~2,400 random words from libsodium's host source: its buffer refills twice.
    const sealed = Array.from({ length: 300 }, () => seal(key, pair.publicKey));
    expect(new Set(sealed.map(toBase64)).size).toBe(300);
    for (const box of sealed.slice(-3)) expect(unseal(box, pair)).toEqual(key);
    const stranger = newKeyPair();
    expect(() => unseal(sealed[0]!, stranger)).toThrow(CryptoFailure);
    const tampered = sealed[1]!.slice();
    tampered[40]! ^= 1;
    expect(() => unseal(tampered, pair)).toThrow(CryptoFailure);
  });

  it('binds a ciphertext to its associated data', () => {
    const key = newKey();
    const box = encrypt(key, new TextEncoder().encode('nội dung'), 'report:1:content');
    expect(new TextDecoder().decode(decrypt(key, box, 'report:1:content'))).toBe('nội dung');
    expect(() => decrypt(key, box, 'report:2:content')).toThrow(CryptoFailure);
    expect(toBase64(encrypt(key, new Uint8Array([1]), 'x'))).not.toBe(
      toBase64(encrypt(key, new Uint8Array([1]), 'x')),
    );
  });

  it('runs Argon2id on its thread pool as the library does in place, runs beyond the pool queued', async () => {
    const salt = randomBytes(16);
    const other = randomBytes(16);
    // Six at once on a pool of one thread per core (two queued per thread): each answers its own run.
    const keys = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'a'].map((s, i) => deriveKey(s, i === 5 ? other : salt)),
    );
    expect(toBase64(keys[0]!)).toBe(toBase64(new Uint8Array(await hashRaw('a', { ...kdfParams, salt }))));
    expect(keys[0]).toBeInstanceOf(Uint8Array);
    expect(keys[0]!.length).toBe(32);
    expect(new Set(keys.map(toBase64)).size).toBe(6);
    const stored = await hashPassword('một mật khẩu dài');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(await verifyPassword(stored, 'một mật khẩu dài')).toBe(true);
    expect(await verifyPassword(stored, 'một mật khẩu khác')).toBe(false);
    // A stored value that is no hash is a failed sign-in, not an error.
    expect(await verifyPassword('not-a-hash', 'một mật khẩu dài')).toBe(false);
  });
});
