import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerKey, subKey } from '#server/server-key.ts';
import { canonicalJson } from './chain.ts';

/**
 * The audit chain's keys, kept outside the database (ADR 0003): an HMAC key, derived from the server key,
 * that every event's hash is made with, so whoever can write the database cannot recompute the chain after
 * altering it; and an Ed25519 key that signs checkpoints of the chain's head, written to a file in the data
 * directory, so truncation is seen too. Neither is ever in a database backup. Checkpoints and the signing
 * key are per data directory.
 */
export interface AuditKeys {
  /** HMAC-SHA256 key. */
  mac: Buffer;
  /** The key's inner and outer HMAC pads, hex: the SQL append computes HMAC with PostgreSQL's sha256(). */
  ipadHex: string;
  opadHex: string;
  signing: KeyObject;
  publicKey: KeyObject;
  /** Where checkpoints are appended, one signed JSON line each; empty: this process keeps none. */
  checkpointFile: string;
}

let current: AuditKeys | undefined;

function pads(key: Buffer) {
  const block = Buffer.alloc(64);
  key.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  return { ipadHex: ipad.toString('hex'), opadHex: opad.toString('hex') };
}

const chainKey = () => subKey('liem/audit-chain/v1');

/** Loads the server key and the signing key under `dataDir/keys` (made on first start) for this process. */
export function loadAuditKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): AuditKeys {
  loadServerKey(dataDir, env);
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dataDir, 'audit'), { recursive: true, mode: 0o700 });
  const pemFile = join(dir, 'audit-checkpoint.pem');
  if (!existsSync(pemFile)) {
    try {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
      writeFileSync(pemFile, pem, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const signing = createPrivateKey(readFileSync(pemFile));
  const publicKey = createPublicKey(signing);
  // The public key is for auditors: it checks checkpoints and cannot make them.
  writeFileSync(join(dir, 'audit-checkpoint.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const mac = chainKey();
  current = {
    mac,
    ...pads(mac),
    signing,
    publicKey,
    checkpointFile: join(dataDir, 'audit', 'checkpoints.jsonl'),
  };
  return current;
}

/** The process's keys; a process that writes audit events loads them first (runtime, app, tests' setup). */
export function auditKeys(): AuditKeys {
  if (current) return current;
  // A process with no data directory of its own (a test's template database): chain only, no checkpoints.
  const mac = chainKey();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  current = { mac, ...pads(mac), signing: privateKey, publicKey, checkpointFile: '' };
  return current;
}

/** HMAC-SHA256 of the link and body, hex: the same as the SQL append computes. */
export const macHex = (keys: AuditKeys, prevHash: string, body: string) =>
  createHmac('sha256', keys.mac).update(prevHash).update('\n').update(body).digest('hex');

export interface Checkpoint {
  /** The newest event of all streams. */
  seq: number;
  hash: string;
  /** Each stream's newest event (ADR 0019); absent on checkpoints from before streams: the 'main' chain's head is seq/hash. */
  heads?: Record<string, { seq: number; hash: string }>;
  at: string;
  /** The first checkpoint of a data directory. */
  anchor?: boolean;
  /** On the anchor: the last event hashed before the chain was keyed (0: none); only those may be plain SHA-256. */
  legacyUpTo?: number;
  sig: string;
}

const signedPart = (c: Omit<Checkpoint, 'sig'>) =>
  Buffer.from(
    canonicalJson({
      seq: c.seq,
      hash: c.hash,
      at: c.at,
      anchor: c.anchor ?? false,
      legacyUpTo: c.legacyUpTo ?? 0,
      heads: c.heads,
    }),
  );

export function signCheckpoint(keys: AuditKeys, c: Omit<Checkpoint, 'sig'>): Checkpoint {
  return { ...c, sig: sign(null, signedPart(c), keys.signing).toString('base64') };
}

export function checkpointValid(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, signedPart(c), publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

export function appendCheckpoint(keys: AuditKeys, c: Checkpoint) {
  if (!keys.checkpointFile) return;
  appendFileSync(keys.checkpointFile, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

/** Every checkpoint written so far, in order; a line that does not parse counts as a forged one. */
export function readCheckpoints(keys: AuditKeys): Array<Checkpoint | null> {
  if (!keys.checkpointFile || !existsSync(keys.checkpointFile)) return [];
  return readFileSync(keys.checkpointFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const c = JSON.parse(line) as Checkpoint;
        return typeof c.seq === 'number' && typeof c.hash === 'string' && typeof c.sig === 'string'
          ? c
          : null;
      } catch {
        return null;
      }
    });
}
