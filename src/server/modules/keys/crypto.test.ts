import { describe, expect, it } from 'vitest';
import { CryptoFailure, decrypt, encrypt, newKey, newKeyPair, seal, toBase64, unseal } from './crypto.ts';

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
});
