import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import sodium from 'libsodium-wrappers-sumo';
import {
  deriveKey,
  fromBase64,
  type KeyPair,
  newKey,
  publicKeyOf,
  randomBytes,
  seal,
  toBase64,
  unseal,
} from '#server/modules/keys/crypto.ts';

/**
 * An encrypted backup (`liem backup --encrypt`), in the manner of age: a random file key encrypts the
 * archive with libsodium's secretstream (XChaCha20-Poly1305, 64 KiB chunks, the last one tagged final,
 * so truncation is detected), and the file key is either derived from a passphrase (Argon2id) or sealed
 * to a recipient's X25519 public key (`liem backup-keygen`), so a server can write backups it cannot read.
 *
 *   LIEMENC1\n  {"kdf":"argon2id","salt":…} | {"recipient":…,"sealedKey":…}\n  header(24)  (len(4) chunk)*
 */
const MAGIC = 'LIEMENC1\n';
const CHUNK = 64 * 1024;

export type Recipient = { passphrase: string } | { publicKey: Uint8Array };
export type Identity = { passphrase: string } | { privateKey: Uint8Array };

export class BackupDecryptError extends Error {}

export function isEncryptedBackup(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    readSync(fd, head, 0, head.length, 0);
    return head.toString('latin1') === MAGIC;
  } finally {
    closeSync(fd);
  }
}

export function newBackupKeyPair(): { publicKey: string; privateKey: string } {
  const kp = sodium.crypto_box_keypair();
  return { publicKey: toBase64(kp.publicKey), privateKey: toBase64(kp.privateKey) };
}

/** Reads a file in order, `size` bytes at a time, without holding it whole in memory. */
function* chunks(fd: number, start: number, size: number) {
  let position = start;
  for (;;) {
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, position);
    if (n === 0) return;
    position += n;
    yield buf.subarray(0, n);
  }
}

export async function encryptBackup(plainFile: string, outFile: string, to: Recipient) {
  const fileKey = newKey();
  let header: Record<string, string>;
  if ('passphrase' in to) {
    const salt = randomBytes(16);
    const kek = await deriveKey(to.passphrase, salt);
    header = {
      kdf: 'argon2id',
      salt: toBase64(salt),
      wrappedKey: toBase64(sodium.crypto_secretbox_easy(fileKey, new Uint8Array(24), kek)),
    };
  } else {
    header = { recipient: toBase64(to.publicKey), sealedKey: toBase64(seal(fileKey, to.publicKey)) };
  }
  const input = openSync(plainFile, 'r');
  const out = openSync(outFile, 'w', 0o600);
  try {
    writeSync(out, `${MAGIC}${JSON.stringify(header)}\n`);
    const { state, header: streamHeader } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
    writeSync(out, streamHeader);
    const it = chunks(input, 0, CHUNK);
    let current = it.next();
    do {
      const next = it.next();
      const plain = current.done ? new Uint8Array(0) : current.value;
      const tag = next.done
        ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      const c = sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, null, tag);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(c.length);
      writeSync(out, len);
      writeSync(out, c);
      current = next;
    } while (!current.done);
  } finally {
    closeSync(input);
    closeSync(out);
  }
}

export async function decryptBackup(encFile: string, outFile: string, identity: Identity) {
  const input = openSync(encFile, 'r');
  const out = openSync(outFile, 'w', 0o600);
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(input, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (!text.startsWith(MAGIC)) throw new BackupDecryptError('Not an encrypted Liêm backup.');
    const lineEnd = text.indexOf('\n', MAGIC.length);
    const header = JSON.parse(text.slice(MAGIC.length, lineEnd)) as Record<string, string>;
    let fileKey: Uint8Array;
    try {
      if (header.kdf === 'argon2id') {
        if (!('passphrase' in identity)) throw new BackupDecryptError('This backup needs its passphrase.');
        const kek = await deriveKey(identity.passphrase, fromBase64(header.salt!));
        fileKey = sodium.crypto_secretbox_open_easy(fromBase64(header.wrappedKey!), new Uint8Array(24), kek);
      } else {
        if (!('privateKey' in identity)) throw new BackupDecryptError('This backup needs its private key.');
        const pair: KeyPair = {
          privateKey: identity.privateKey,
          publicKey: publicKeyOf(identity.privateKey),
        };
        fileKey = unseal(fromBase64(header.sealedKey!), pair);
      }
    } catch (e) {
      if (e instanceof BackupDecryptError) throw e;
      throw new BackupDecryptError('Wrong passphrase or key for this backup.');
    }
    let position = lineEnd + 1;
    const streamHeader = Buffer.alloc(24);
    readSync(input, streamHeader, 0, 24, position);
    position += 24;
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(streamHeader, fileKey);
    for (;;) {
      const len = Buffer.alloc(4);
      if (readSync(input, len, 0, 4, position) < 4) throw new BackupDecryptError('The backup is cut short.');
      position += 4;
      const c = Buffer.alloc(len.readUInt32BE());
      if (readSync(input, c, 0, c.length, position) < c.length)
        throw new BackupDecryptError('The backup is cut short.');
      position += c.length;
      const r = sodium.crypto_secretstream_xchacha20poly1305_pull(state, c, null);
      if (!r) throw new BackupDecryptError('The backup was altered.');
      writeSync(out, r.message);
      if (r.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    }
  } finally {
    closeSync(input);
    closeSync(out);
  }
}
