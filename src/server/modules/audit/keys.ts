import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './chain.ts';

/**
 * The audit chain's keys, kept outside the database (ADR 0003): an HMAC key that every event's hash is
 * made with, so whoever can write the database cannot recompute the chain after altering it, and an
 * Ed25519 key that signs checkpoints of the chain's head, written to a file beside the keys, so
 * truncation is seen too. Neither is ever in a database backup.
 *
 * `LIEM_AUDIT_KEY` (32 bytes, base64) overrides the key file: several instances on one PostgreSQL must
 * share one key. Checkpoints and the signing key stay per data directory.
 */
export interface AuditKeys {
  /** HMAC-SHA256 key. */
  mac: Buffer;
  /** The key's inner and outer HMAC pads, hex: the SQL append computes HMAC with PostgreSQL's sha256(). */
  ipadHex: string;
  opadHex: string;
  signing: KeyObject;
  publicKey: KeyObject;
  /** Where checkpoints are appended, one signed JSON line each. */
  checkpointFile: string;
}

let current: AuditKeys | undefined;

const B64_KEY = /^[A-Za-z0-9+/]{43}=$/;

function pads(key: Buffer) {
  const block = Buffer.alloc(64);
  key.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  return { ipadHex: ipad.toString('hex'), opadHex: opad.toString('hex') };
}

function readOrCreate(file: string, make: () => Buffer): Buffer {
  if (existsSync(file)) return readFileSync(file);
  const value = make();
  // wx: two processes starting at once never overwrite each other's key.
  try {
    writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
    return value;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file);
    throw e;
  }
}

/** Loads (or on first start creates) the keys under `dataDir/keys` and makes them the process's keys. */
export function loadAuditKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dataDir, 'audit'), { recursive: true, mode: 0o700 });
  const fromEnv = env.LIEM_AUDIT_KEY;
  if (fromEnv !== undefined && !B64_KEY.test(fromEnv))
    throw new Error('LIEM_AUDIT_KEY must be 32 bytes in base64 (44 characters)');
  const mac = fromEnv
    ? Buffer.from(fromEnv, 'base64')
    : readOrCreate(join(dir, 'audit-chain.key'), () => randomBytes(32));
  const signingPem = readOrCreate(join(dir, 'audit-checkpoint.pem'), () =>
    Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })),
  );
  const signing = createPrivateKey(signingPem);
  const publicKey = createPublicKey(signing);
  // The public key is for auditors: it checks checkpoints and cannot make them.
  writeFileSync(join(dir, 'audit-checkpoint.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
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
  const fromEnv = process.env.LIEM_AUDIT_KEY;
  if (fromEnv && B64_KEY.test(fromEnv)) {
    // A process with no data directory of its own (a test's template database): chain only, no checkpoints.
    const mac = Buffer.from(fromEnv, 'base64');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    current = { mac, ...pads(mac), signing: privateKey, publicKey, checkpointFile: '' };
    return current;
  }
  throw new Error('The audit chain keys are not loaded (loadAuditKeys)');
}

/** A key for another purpose, derived from the chain key (also kept outside the database). */
export const derivedKey = (purpose: string) => createHmac('sha256', auditKeys().mac).update(purpose).digest();

/** HMAC-SHA256 of the link and body, hex: the same as the SQL append computes. */
export const macHex = (keys: AuditKeys, prevHash: string, body: string) =>
  createHmac('sha256', keys.mac).update(prevHash).update('\n').update(body).digest('hex');

export interface Checkpoint {
  seq: number;
  hash: string;
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
