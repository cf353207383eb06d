import { hashRawSync, hashSync, verifySync } from '@node-rs/argon2';

/**
 * One Argon2id run, on a pool thread that runs them back to back (keys/crypto.ts, argon2). Loaded by
 * Node itself (type stripping), not tsx: it imports nothing of the project's.
 */
export type Argon2Task =
  | {
      op: 'derive';
      secret: string;
      salt: Uint8Array;
      params: { memoryCost: number; timeCost: number; parallelism: number; outputLen: number };
    }
  | {
      op: 'hash';
      plain: string;
      params: { memoryCost: number; timeCost: number; parallelism: number };
    }
  | { op: 'verify'; stored: string; plain: string };

export default function run(task: Argon2Task): Uint8Array | string | boolean {
  switch (task.op) {
    case 'derive':
      return new Uint8Array(hashRawSync(task.secret, { ...task.params, salt: Buffer.from(task.salt) }));
    case 'hash':
      return hashSync(task.plain, task.params);
    case 'verify':
      return verifySync(task.stored, task.plain);
  }
}
